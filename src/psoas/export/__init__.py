"""Exports: pure functions from domain objects to bytes (SVG figures, PDF, iCalendar, FHIR, CSV)."""
