"""Progress: adherence, streaks, the pain trend and measured change against
measurement error, in plain sentences."""
