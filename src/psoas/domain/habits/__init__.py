"""Daily habits and sitting breaks: the checklist and its streaks, break and
session reminders, and the micro-routine offered at a break."""
