"""The weekly review: evidence from a week of logs, the progress/hold/regress
decisions with their sources, and next week's sessions shaped within time and load."""
