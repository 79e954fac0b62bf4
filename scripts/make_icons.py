"""Write the app's icons as SVG files from Font Awesome Free 6 (solid), the copy qtawesome ships.

    uv run --with qtawesome --with fonttools python scripts/make_icons.py

Run once when the icon list changes; the SVGs are committed (resources/icons/), so the app needs neither package
and loads only the few icons it shows. Font Awesome Free icons: CC BY 4.0 (see resources/icons/LICENSE.txt)."""

from __future__ import annotations

import json
from pathlib import Path

import qtawesome
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTFont

#: The app's name for an icon -> Font Awesome's.
ICONS = {
    "today": "calendar-day",
    "customers": "users",
    "plans": "calendar-week",
    "reports": "file-lines",
    "inbox": "inbox",
    "sync": "rotate",
    "settings": "gear",
    "new-customer": "user-plus",
    "import": "file-import",
    "export": "file-export",
    "log-visit": "pen-to-square",
    "countersign": "circle-check",
    "return": "reply",
    "history": "clock-rotate-left",
    "warning": "triangle-exclamation",
    "pool": "water",
    "claim": "hand-holding",
    "release": "arrow-right-from-bracket",
    "handovers": "people-arrows",
    "fairness": "chart-column",
    "arbitration": "scale-balanced",
    "appeal": "gavel",
}

FONTS = Path(qtawesome.__file__).parent / "fonts"
OUT = Path(__file__).resolve().parent.parent / "src" / "fieldcrm" / "resources" / "icons"


def main() -> None:
    font = TTFont(FONTS / "fontawesome6-solid-webfont-6.7.2.ttf")
    charmap = json.loads((FONTS / "fontawesome6-solid-webfont-charmap-6.7.2.json").read_text())
    cmap = font.getBestCmap()
    glyphs = font.getGlyphSet()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, fa_name in ICONS.items():
        glyph_name = cmap[int(charmap[fa_name], 16)]
        glyph = glyphs[glyph_name]
        pen = SVGPathPen(glyphs)
        glyph.draw(pen)
        bounds = BoundsPen(glyphs)
        glyph.draw(bounds)
        x_min, y_min, x_max, y_max = bounds.bounds
        size = max(x_max - x_min, y_max - y_min)
        # font units grow upwards: flip, then centre the glyph in a square view box
        dx = x_min - (size - (x_max - x_min)) / 2
        dy = -y_max - (size - (y_max - y_min)) / 2
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{dx:.0f} {dy:.0f} {size:.0f} {size:.0f}">'
            f'<!-- Font Awesome Free 6 "{fa_name}", CC BY 4.0, https://fontawesome.com/license/free -->'
            f'<path transform="scale(1,-1)" fill="#000000" d="{pen.getCommands()}"/></svg>\n'
        )
        (OUT / f"{name}.svg").write_text(svg, encoding="utf-8")
        print(name, fa_name, len(svg), "bytes")


if __name__ == "__main__":
    main()
