"""The one place that picks concrete adapters from settings (storage, clock, catalogue)."""
