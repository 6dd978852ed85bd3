"""Body points from a photo in, self-test angles out: pure geometry, no model and no image."""
