"""The guided session: a planned session unrolled into a timeline of timed
steps, and the player that runs it and records what was done."""
