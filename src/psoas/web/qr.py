"""A QR code of a link, as inline SVG (drawn by segno, no style attributes, so the page's
Content-Security-Policy holds)."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(link: str, label: str) -> Markup:
    """The QR code of ``link`` on a white square, with ``label`` for screen readers."""
    svg = segno.make(link, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", title=label, svgclass="qr", lineclass="qr-line"
    )
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))
