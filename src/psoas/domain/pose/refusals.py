"""Why a photo gives no reading: each reason with the words a person sees."""

from __future__ import annotations

from enum import StrEnum

from psoas.domain.errors import PsoasError

MAX_PHOTO_BYTES = 20 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000  # a 40-megapixel phone photo; more is refused before decoding
LIMIT_WORDS = "20 MB and 40 megapixels"


class Refusal(StrEnum):
    UNREADABLE = "unreadable"
    TOO_LARGE = "too_large"
    NO_PERSON = "no_person"
    NOT_SIDE_ON = "not_side_on"
    POINTS_HIDDEN = "points_hidden"
    LEG_NOT_HANGING = "leg_not_hanging"


ADVICE = {
    Refusal.UNREADABLE: "That file could not be read as a photo. Please choose a JPEG or PNG "
    "picture.",
    Refusal.TOO_LARGE: "That photo is too large. Please use one under {limit}.",
    Refusal.NO_PERSON: "No person was found in the photo. Take it from the side, with your "
    "whole body in the frame and the room well lit.",
    Refusal.NOT_SIDE_ON: "The photo does not look side-on: both shoulders or both hips show "
    "apart. Put the camera level with your hip, at your side, pointing straight at you.",
    Refusal.POINTS_HIDDEN: "Your {side} {joints} could not be seen clearly enough to measure. "
    "Keep the whole leg in view, with nothing in front of it, and retake the photo.",
    Refusal.LEG_NOT_HANGING: "Your {side} leg looks drawn up towards your chest, not hanging "
    "over the edge. Measure the hanging leg: choose the other side, or retake the photo.",
}


class PhotoRefused(PsoasError):
    """A photo psoas will not measure, with the reason and what to do about it."""

    def __init__(self, reason: Refusal, **details: str) -> None:
        super().__init__(ADVICE[reason].format(**details))
        self.reason = reason


class CameraExtraMissing(PsoasError):
    """Photo measurement needs an optional part of psoas that is not installed."""

    def __init__(self) -> None:
        super().__init__(
            'Measuring from a photo needs the camera add-on. Install it with: pip install "psoas[camera]"'
        )
