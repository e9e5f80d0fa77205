"""Render the application icon (resources/icons/oralman-desk.svg) into PNG sizes and a Windows .ico.

    python installer/make_icons.py [OUT_DIR]        (default: build/icons)

Qt's own SVG renderer draws the sizes (PySide6 is a dependency anyway, so nothing else is
installed). The .ico holds 16–48 px as classic 32-bit bitmaps, which every Windows shell and Inno
Setup read, and 256 px as PNG, as Windows Vista and later expect. The outputs are build products:
they are written under build/ and never committed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "oralman-desk.svg"
NAME = "oralman-desk"
#: The hicolor theme sizes of the Linux package, and the bundle's window icon sizes.
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 256)


def _render(size: int) -> bytes:
    """The icon at ``size`` px as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise RuntimeError(f"{SVG} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def _dib(png: bytes) -> bytes:
    """A PNG turned into the bitmap form of an .ico entry: BITMAPINFOHEADER, BGRA rows bottom-up,
    then the 1-bit AND mask (all zero: the alpha channel does the masking)."""
    from PySide6.QtGui import QImage

    image = QImage.fromData(png).convertToFormat(QImage.Format.Format_ARGB32)
    w, h = image.width(), image.height()
    header = struct.pack("<IiiHHIIiiII", 40, w, h * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in range(h - 1, -1, -1):
        line = image.constScanLine(y)
        rows.append(bytes(line)[: w * 4])  # ARGB32 is B, G, R, A in memory on little-endian
    mask_row = b"\0" * (((w + 31) // 32) * 4)
    return header + b"".join(rows) + mask_row * h


def write_ico(path: Path, pngs: dict[int, bytes]) -> None:
    entries = []
    for size in ICO_SIZES:
        data = pngs[size] if size >= 256 else _dib(pngs[size])
        entries.append((size, data))
    out = bytearray(struct.pack("<HHH", 0, 1, len(entries)))
    offset = 6 + 16 * len(entries)
    for size, data in entries:
        dim = 0 if size >= 256 else size  # 0 means 256 in an .ico directory
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    for _size, data in entries:
        out += data
    path.write_bytes(bytes(out))


def make_icons(out_dir: Path) -> dict[str, Path]:
    """Write ``oralman-desk-<size>.png`` for every size, ``oralman-desk.ico`` and a copy of the SVG
    into ``out_dir``; return the paths by kind ("ico", "svg", "png<size>")."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    pngs = {size: _render(size) for size in sorted(set(PNG_SIZES) | set(ICO_SIZES))}
    for size in PNG_SIZES:
        path = out_dir / f"{NAME}-{size}.png"
        path.write_bytes(pngs[size])
        written[f"png{size}"] = path
    ico = out_dir / f"{NAME}.ico"
    write_ico(ico, pngs)
    written["ico"] = ico
    svg = out_dir / f"{NAME}.svg"
    svg.write_bytes(SVG.read_bytes())
    written["svg"] = svg
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons"
    for path in make_icons(target).values():
        print(path)
