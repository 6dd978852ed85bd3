"""A person and what they record: who they are and their preferences, session
logs, measurements, and the value rules for what they enter."""
