"""Screening: questions and answers, rules, the bench-edge self-test, and the
engine that turns answers into an explained assessment (triage, profile, findings)."""
