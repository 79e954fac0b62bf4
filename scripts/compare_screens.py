"""Before/after pictures for docs/screens/: each screen's two screenshots (from scripts/screenshots.py run on two
commits) side by side in one small PNG, and the screens that changed also in full width, before and after.

    uv run python scripts/compare_screens.py BEFORE_DIR AFTER_DIR [--out docs/screens] [--full today,plans]

BEFORE_DIR and AFTER_DIR hold <lang>/<screen>.png. A screen only in AFTER_DIR (new) is shown alone. PNGs are
shrunk with pngquant when it is installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter  # noqa: E402

WIDTH = 1100  # of every picture written
CAPTION = 26


def scaled(image: QImage, width: int) -> QImage:
    return image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)


def side_by_side(before: QImage | None, after: QImage) -> QImage:
    """Before on the left, after on the right, each half of `WIDTH`, with a caption over each."""
    half = (WIDTH - 10) // 2
    right = scaled(after, half)
    left = scaled(before, half) if before is not None else None
    height = max(right.height(), left.height() if left else 0) + CAPTION
    out = QImage(WIDTH, height, QImage.Format.Format_RGB32)
    out.fill(QColor("#ffffff"))
    painter = QPainter(out)
    font = QFont()
    font.setPixelSize(15)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#37474f"))
    painter.drawText(QRect(0, 0, half, CAPTION), Qt.AlignmentFlag.AlignCenter, "before" if left else "(new)")
    painter.drawText(QRect(half + 10, 0, half, CAPTION), Qt.AlignmentFlag.AlignCenter, "after")
    if left is not None:
        painter.drawImage(0, CAPTION, left)
    painter.drawImage(half + 10, CAPTION, right)
    painter.end()
    return out


def save(image: QImage, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(path))
    if shutil.which("pngquant"):
        subprocess.run(["pngquant", "--force", "--skip-if-larger", "--ext", ".png", "96", str(path)], check=False)
    print(path, path.stat().st_size // 1024, "KB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--out", type=Path, default=Path("docs/screens"))
    parser.add_argument("--full", default="", help="screens (comma-separated) also written full width")
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    full = {name for name in args.full.split(",") if name}
    for language_dir in sorted(p for p in args.after.iterdir() if p.is_dir()):
        language = language_dir.name
        for after_path in sorted(language_dir.glob("*.png")):
            name = after_path.stem
            before_path = args.before / language / after_path.name
            before = QImage(str(before_path)) if before_path.is_file() else None
            after = QImage(str(after_path))
            save(side_by_side(before, after), args.out / language / f"{name}.png")
            if name in full or name.removesuffix("-dark") in full:
                save(scaled(after, WIDTH), args.out / language / "full" / f"{name}-after.png")
                if before is not None:
                    save(scaled(before, WIDTH), args.out / language / "full" / f"{name}-before.png")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
