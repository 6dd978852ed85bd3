"""The pure core of psoas: standard library only, no I/O, no clock, no environment."""
