"""Checks on printed output shared by the handout and report tests: every font embedded, no
text smaller than a floor, and pages rendered by pdftoppm with nothing running off the paper."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from tests.conftest import need_service

_TF = re.compile(rb"/\S+\s+([0-9.]+)\s+Tf")
DPI = 50
MM_PER_INCH = 25.4


def font_sizes(data: bytes) -> list[float]:
    """Every font size set on any page (points)."""
    sizes: list[float] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        sizes += [float(m) for m in _TF.findall(page.get_contents().get_data())]
    return sizes


def unembedded_fonts(data: bytes) -> set[str]:
    """Names of the fonts used without their font program in the file."""
    missing: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font.get("/BaseFont")))
    return missing


def render(data: bytes, folder: Path) -> list[Image.Image]:
    """Each page as a greyscale image at ``DPI``."""
    need_service(shutil.which("pdftoppm") is not None, "pdftoppm (poppler-utils)")
    source = folder / "doc.pdf"
    source.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-png", "-gray", "-r", str(DPI), str(source), str(folder / "p")], check=True
    )
    return [Image.open(p).convert("L") for p in sorted(folder.glob("p-*.png"))]


def ink_margins(page: Image.Image, threshold: int = 200) -> tuple[float, float, float, float]:
    """Distance in mm from the (left, top, right, bottom) edges to the nearest dark pixel."""
    mask = page.point(lambda v: 255 if v < threshold else 0)
    box = mask.getbbox()
    assert box is not None, "the page is blank"
    left, top, right, bottom = box
    mm = MM_PER_INCH / DPI
    return (left * mm, top * mm, (page.width - right) * mm, (page.height - bottom) * mm)


def band_is_blank(
    page: Image.Image, from_bottom_mm: tuple[float, float], threshold: int = 200
) -> bool:
    """True when no dark pixel lies between the two distances from the bottom edge (mm)."""
    px = DPI / MM_PER_INCH
    low, high = from_bottom_mm
    band = page.crop((0, int(page.height - high * px), page.width, int(page.height - low * px)))
    return band.point(lambda v: 255 if v < threshold else 0).getbbox() is None
