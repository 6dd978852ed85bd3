"""The pose estimator: MediaPipe Pose Full from the mediapipe 0.10.21 wheel, run offline.

Only the Full model (``model_complexity=1``) ships inside the wheel; the Lite and Heavy ones
would be downloaded on first use (pose.md section 1.2), so psoas never asks for them and
checks that the two model files are installed before it starts the model.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType

from psoas.domain.pose.angles import PhotoReading
from psoas.domain.pose.landmarks import BodyPoints, Joint, Point
from psoas.domain.pose.refusals import CameraExtraMissing
from psoas.domain.records.measurements import Side
from psoas.vision.annotate import draw_reading
from psoas.vision.images import open_photo

# The one model size shipped in the wheel; 0 and 2 download (mediapipe solutions/pose.py).
MODEL_COMPLEXITY = 1
MODEL_FILES = (
    "modules/pose_detection/pose_detection.tflite",
    "modules/pose_landmark/pose_landmark_full.tflite",
)
# BlazePose landmark numbers (pose.md section 1.1).
LANDMARKS = {
    (Side.LEFT, Joint.SHOULDER): 11,
    (Side.RIGHT, Joint.SHOULDER): 12,
    (Side.LEFT, Joint.HIP): 23,
    (Side.RIGHT, Joint.HIP): 24,
    (Side.LEFT, Joint.KNEE): 25,
    (Side.RIGHT, Joint.KNEE): 26,
    (Side.LEFT, Joint.ANKLE): 27,
    (Side.RIGHT, Joint.ANKLE): 28,
}


def model_paths() -> tuple[Path, ...]:
    """Where the installed mediapipe keeps the model files psoas uses (they may be missing)."""
    spec = find_spec("mediapipe")
    if spec is None or not spec.submodule_search_locations:
        raise CameraExtraMissing()
    root = Path(next(iter(spec.submodule_search_locations)))
    return tuple(root / name for name in MODEL_FILES)


def _pose_module() -> ModuleType:
    try:
        return import_module("mediapipe.python.solutions.pose")
    except ImportError:
        raise CameraExtraMissing() from None


@contextlib.contextmanager
def _native_logs_hidden() -> Iterator[None]:
    """Hide what the model's C++ code prints on stderr while it starts up ("Created
    TensorFlow Lite XNNPACK delegate", absl warnings): a person should see one clear line."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


class MediaPipePose:
    """``psoas.pose_ports.PoseEstimator`` on MediaPipe's legacy Pose solution, one photo at a
    time (the model is not safe to share between threads, so calls take turns)."""

    def __init__(self) -> None:
        pose = _pose_module()
        missing = [str(p) for p in model_paths() if not p.is_file()]
        if missing:  # starting the model now would try to download them
            raise CameraExtraMissing()
        with _native_logs_hidden():
            self._model = pose.Pose(
                static_image_mode=True,
                model_complexity=MODEL_COMPLEXITY,
                enable_segmentation=False,
                min_detection_confidence=0.5,
            )
            # the model finishes starting in its own threads; one blank picture waits for that
            self._model.process(import_module("numpy").zeros((64, 64, 3), dtype="uint8"))
        self._lock = threading.Lock()
        self._warmed = False  # the first pose found prints one more warning; hide it too

    def find_body(self, photo: bytes) -> BodyPoints | None:
        image = open_photo(photo)
        numpy = import_module("numpy")
        pixels = numpy.asarray(image)
        with self._lock:
            if self._warmed:
                result = self._model.process(pixels)
            else:
                with _native_logs_hidden():
                    result = self._model.process(pixels)
                self._warmed = result.pose_landmarks is not None
        if result.pose_landmarks is None:
            return None
        found = result.pose_landmarks.landmark
        width, height = image.size
        points = {
            key: Point(found[i].x * width, found[i].y * height, float(found[i].visibility))
            for key, i in LANDMARKS.items()
        }
        return BodyPoints(width, height, points)

    def annotate(self, photo: bytes, reading: PhotoReading) -> bytes:
        return draw_reading(open_photo(photo), reading)

    def close(self) -> None:
        self._model.close()
