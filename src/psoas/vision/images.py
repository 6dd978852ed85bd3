"""Photo bytes in, an upright RGB picture out, with the limits that keep a server safe."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from psoas.domain.pose.refusals import (
    LIMIT_WORDS,
    MAX_PHOTO_BYTES,
    MAX_PHOTO_PIXELS,
    PhotoRefused,
    Refusal,
)

WORKING_SIDE = 1600  # the model looks at 256 pixels; a phone photo is scaled down to this first


def open_photo(photo: bytes, max_side: int = WORKING_SIDE) -> Image.Image:
    """The photo decoded, turned upright as its camera said (EXIF), in RGB, scaled down to
    ``max_side`` pixels at most (a JPEG is decoded at the smaller size, which is much faster)."""
    if len(photo) > MAX_PHOTO_BYTES:
        raise PhotoRefused(Refusal.TOO_LARGE, limit=LIMIT_WORDS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(photo))
            if image.width * image.height > MAX_PHOTO_PIXELS:
                raise PhotoRefused(Refusal.TOO_LARGE, limit=LIMIT_WORDS)
            image.draft("RGB", (max_side // 2, max_side // 2))  # JPEG: decode at 1/2, 1/4 ..
            image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise PhotoRefused(Refusal.TOO_LARGE, limit=LIMIT_WORDS) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise PhotoRefused(Refusal.UNREADABLE) from None
    if image.width < 1 or image.height < 1:
        raise PhotoRefused(Refusal.UNREADABLE)
    upright = ImageOps.exif_transpose(image).convert("RGB")
    upright.thumbnail((max_side, max_side))
    return upright
