"""The pure core of psoas: standard library only, no I/O, no clock, no environment.

One package per concept (catalogue, records, screening, planning, progression, sessions,
progress, habits, clinic); docs/architecture.md draws which may import which.
"""
