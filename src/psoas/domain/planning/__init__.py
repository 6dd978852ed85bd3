"""Plans and how they are made: phases, exercise selection, the calendar,
fitting to the minutes, durations, weekly load, and a clinician's hand changes."""
