"""Clinic-mode use cases: accounts and log-in, invitations and resets, the
audit log, clinic settings, clients and their records, prescribing, treatment requests."""
