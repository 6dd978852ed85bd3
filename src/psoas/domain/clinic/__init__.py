"""Clinic mode: accounts and their sessions, the audit log, the clinic's
settings, and the caseload ranking of who needs a clinician first."""
