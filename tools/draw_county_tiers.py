"""Draw ``docs/_static/county-tiers.svg``: the three tiers and the medical community.

Graphviz is not needed (the docs build offline without it): the layout is fixed here and box
widths are estimated from the text, allowing a full em for each Chinese character. Run
``python tools/draw_county_tiers.py`` after changing the drawing; commit the SVG.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "docs" / "_static" / "county-tiers.svg"
WIDTH, HEIGHT = 1000, 615
FONT, SMALL, LINE = 13.0, 11.5, 17

#: Tier bands: label, top, height, fill.
BANDS = [
    ("Outside the county · 县外", 0, 84, "#f6f6f6"),
    ("County tier · 县级", 84, 180, "#eef4fb"),
    ("Township tier · 乡级", 264, 150, "#f3f8ee"),
    ("Village tier · 村级", 414, 150, "#fbf6ee"),
]

#: Boxes: id, x, y, (English, Chinese, role), style.
BOXES = [
    (
        "outside",
        700,
        12,
        ("Providers outside the county", "县外医疗机构", "not members"),
        "outside",
    ),
    (
        "committee",
        20,
        150,
        ("Management committee", "医管委, chaired by county leaders", "oversight, not operation"),
        "committee",
    ),
    ("lead", 330, 112, ("County People's Hospital", "县人民医院", "lead · 牵头单位"), "lead"),
    ("tcm", 600, 100, ("County TCM hospital", "县中医医院", "member in some counties"), "optional"),
    (
        "mch",
        600,
        170,
        ("County MCH hospital", "县妇幼保健院", "member in some counties"),
        "optional",
    ),
    ("private", 812, 100, ("Private hospital", "民营医院", "not a member"), "outside"),
    ("cdc", 812, 170, ("County CDC", "县疾病预防控制中心", "public-health partner"), "outside"),
    ("thc-a", 170, 300, ("Township health centre", "乡镇卫生院", "member · 成员单位"), "box"),
    ("thc-b", 500, 300, ("Township health centre", "乡镇卫生院", "member · 成员单位"), "box"),
    ("branch", 800, 300, ("Branch centre", "乡镇卫生院分院", "branch · 分院"), "box"),
    ("vc-1", 90, 452, ("Village clinic", "村卫生室", "village affiliate"), "box"),
    ("vc-2", 250, 452, ("Village clinic", "村卫生室", "village affiliate"), "box"),
    ("vc-3", 430, 452, ("Village clinic", "村卫生室", "village affiliate"), "box"),
    ("vc-4", 590, 452, ("Village clinic", "村卫生室", "village affiliate"), "box"),
]

#: Edges: from, to, style ("edge" solid, "dashed"), label, label position.
EDGES = [
    ("lead", "thc-a", "edge", "leads · 牵头", (262, 240)),
    ("lead", "thc-b", "edge", "leads · 牵头", (540, 240)),
    ("lead", "tcm", "dashed", "", None),
    ("lead", "mch", "dashed", "", None),
    ("thc-b", "branch", "edge", "runs", (745, 318)),
    ("thc-a", "vc-1", "edge", "", None),
    ("thc-a", "vc-2", "edge", "runs · 一体化管理", (330, 405)),
    ("thc-b", "vc-3", "edge", "", None),
    ("thc-b", "vc-4", "edge", "runs", (660, 400)),
    ("committee", "lead", "dashed", "oversees · 管办分离", (160, 132)),
    ("lead", "outside", "dashed", "refers out · 外转", (505, 56)),
]

NOTE = ((790, 480), ("乡村一体化: each township", "centre runs its village clinics"))

STYLE = """
    text { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
           "Microsoft YaHei", sans-serif; font-size: 13px; fill: #222; }
    .band-label { font-size: 14px; font-weight: bold; fill: #444; }
    .role { font-size: 11.5px; fill: #555; font-style: italic; }
    .small { font-size: 11.5px; fill: #333; }
    .box { fill: #ffffff; stroke: #2f5d8a; stroke-width: 1.5; }
    .lead { fill: #e3eef9; stroke: #1d4f80; stroke-width: 3; }
    .optional { fill: #ffffff; stroke: #2f5d8a; stroke-width: 1.5; stroke-dasharray: 5 3; }
    .outside { fill: #eeeeee; stroke: #999999; stroke-width: 1.2; }
    .committee { fill: #fff8e6; stroke: #b07a00; stroke-width: 1.5; stroke-dasharray: 6 3; }
    .edge { stroke: #333; stroke-width: 1.4; fill: none; marker-end: url(#arrow); }
    .dashed { stroke: #777; stroke-width: 1.3; fill: none; stroke-dasharray: 6 4;
              marker-end: url(#arrow); }
"""


def text_width(text: str, size: float = FONT) -> float:
    """A generous estimate: a full em for CJK, 0.6 em for everything else."""
    return sum(size if ord(c) > 0x2E80 else 0.6 * size for c in text)


def box_size(lines: tuple[str, str, str]) -> tuple[float, float]:
    """Width and height of a box holding three lines of text."""
    width = max(text_width(lines[0]), text_width(lines[1]), text_width(lines[2], SMALL)) + 24
    return width, 3 * LINE + 12


def anchors(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> str:
    """Path from box ``a`` to box ``b``: vertical when ``b`` is below or above, else sideways."""
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    if by >= ay + ah:  # b below a
        return f"M {ax + aw / 2:.0f} {ay + ah:.0f} L {bx + bw / 2:.0f} {by - 2:.0f}"
    if by + bh <= ay:  # b above a
        return f"M {ax + aw / 2:.0f} {ay:.0f} L {bx - 2:.0f} {by + bh / 2:.0f}"
    return f"M {ax + aw:.0f} {ay + ah / 2:.0f} L {bx - 2:.0f} {by + bh / 2:.0f}"


def draw() -> str:
    """The SVG document."""
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="title desc">',
        '  <title id="title">The three tiers of a county health system and its medical '
        "community</title>",
        '  <desc id="desc">County, township and village tiers. The county People\'s Hospital '
        "leads the medical community; township health centres are members; a branch centre and "
        "the village clinics are run by their township centre (village-township integration). "
        "The management committee oversees the group; private hospitals, the CDC and providers "
        "outside the county are not members.</desc>",
        "  <defs>",
        '    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#333"/></marker>',
        "  </defs>",
        f"  <style>{STYLE}  </style>",
    ]
    for label, top, height, fill in BANDS:
        out.append(f'  <rect x="0" y="{top}" width="{WIDTH}" height="{height}" fill="{fill}"/>')
        out.append(f'  <text class="band-label" x="12" y="{top + 22}">{escape(label)}</text>')
    geometry = {}
    for ident, x, y, lines, style in BOXES:
        w, h = box_size(lines)
        geometry[ident] = (x, y, w, h)
        out.append(
            f'  <rect class="{style}" x="{x}" y="{y}" width="{w:.0f}" height="{h:.0f}" rx="6"/>'
        )
        weight = ' font-weight="bold"' if style == "lead" else ""
        out.append(f'  <text x="{x + 12}" y="{y + 20}"{weight}>{escape(lines[0])}</text>')
        out.append(f'  <text x="{x + 12}" y="{y + 20 + LINE}">{escape(lines[1])}</text>')
        out.append(
            f'  <text class="role" x="{x + 12}" y="{y + 20 + 2 * LINE}">{escape(lines[2])}</text>'
        )
    for source, target, style, label, where in EDGES:
        path = anchors(geometry[source], geometry[target])
        out.append(f'  <path class="{style}" d="{path}"/>')
        if label and where:
            out.append(
                f'  <text class="small" x="{where[0]}" y="{where[1]}">{escape(label)}</text>'
            )
    (nx, ny), note = NOTE
    for i, line in enumerate(note):
        out.append(f'  <text class="small" x="{nx}" y="{ny + i * LINE}">{escape(line)}</text>')
    legend_y = HEIGHT - 28
    out += [
        f'  <line x1="20" y1="{legend_y}" x2="60" y2="{legend_y}" stroke="#333" '
        'stroke-width="1.4" marker-end="url(#arrow)"/>',
        f'  <text x="68" y="{legend_y + 4}">'
        "community structure (the tree countycare builds)</text>",
        f'  <line x1="420" y1="{legend_y}" x2="460" y2="{legend_y}" stroke="#777" '
        'stroke-width="1.3" stroke-dasharray="6 4" marker-end="url(#arrow)"/>',
        f'  <text x="468" y="{legend_y + 4}">optional membership, oversight or referral</text>',
        f'  <rect class="outside" x="780" y="{legend_y - 12}" width="26" height="22" rx="4"/>',
        f'  <text x="814" y="{legend_y + 4}">outside the community</text>',
        "</svg>",
    ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    OUT.write_text(draw(), encoding="utf-8")
    print(f"wrote {OUT}")
