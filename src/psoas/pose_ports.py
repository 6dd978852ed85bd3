"""The port for finding a body in a photo (kept apart from ``psoas.ports``, which holds the
stores). The adapter lives in ``psoas.vision``; it is optional (the ``camera`` extra)."""

from __future__ import annotations

from typing import Protocol

from psoas.domain.pose.angles import PhotoReading
from psoas.domain.pose.landmarks import BodyPoints


class PoseEstimator(Protocol):
    """Finds one person's body points in a photo, on this machine, with nothing downloaded.

    Both methods raise ``PhotoRefused`` (unreadable or too large) for bytes that are not a
    usable photo.
    """

    def find_body(self, photo: bytes) -> BodyPoints | None:
        """The points of the person in the photo (upright as the photo is shown), or None."""

    def annotate(self, photo: bytes, reading: PhotoReading) -> bytes:
        """A PNG copy of the photo with the skeleton and the measured angles drawn on it."""
