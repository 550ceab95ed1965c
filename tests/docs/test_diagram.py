"""The committed tier diagram is what ``tools/draw_county_tiers.py`` draws, and well-formed."""

from __future__ import annotations

import importlib.util
import xml.dom.minidom
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SVG = ROOT / "docs" / "_static" / "county-tiers.svg"


def _drawing() -> str:
    spec = importlib.util.spec_from_file_location("draw", ROOT / "tools" / "draw_county_tiers.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    svg: str = module.draw()
    return svg


def test_svg_is_up_to_date() -> None:
    """Editing the script without regenerating the SVG (or the reverse) is caught."""
    assert SVG.read_text(encoding="utf-8") == _drawing()


def test_svg_is_well_formed_and_titled() -> None:
    """The SVG parses as XML and carries a title and description for screen readers."""
    document = xml.dom.minidom.parse(str(SVG))
    assert document.getElementsByTagName("title")
    assert document.getElementsByTagName("desc")
