"""The indicator catalogue as text and Markdown, generated from the definitions.

``python -m countycare.indicators.docs [ROOT]`` writes the catalogue and the data dictionary
pages under ``ROOT/docs/reference`` (MyST Markdown, formulas as math); a test fails when a
committed page differs from what the definitions generate.

Examples
--------
>>> from countycare.indicators.catalogues import indicator_set
>>> formula_text(indicator_set("nhc-2024").get("stationed_physicians_per_10k"))
'stationed_physicians ÷ resident_population × 10,000'
>>> formula_text(indicator_set("nhc-2024").get("primary_visit_share"))
'visits_primary ÷ visits × 100'
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from countycare.indicators.catalogues import SETS
from countycare.indicators.definitions import IndicatorDefinition
from countycare.indicators.formulas import (
    Checklist,
    Count,
    Growth,
    PrematureMortality,
    Ratio,
    RatioOfRatios,
)
from countycare.indicators.measures import MEASURES, MeasureLevel
from countycare.indicators.national_targets import NATIONAL_REFERENCES, NATIONAL_TARGETS
from countycare.indicators.targets import ReferenceValue, Target
from countycare.units import Q_, parse_unit

__all__ = ["PAGES", "catalogue_markdown", "formula_text", "main", "measures_markdown", "scale_of"]


def scale_of(definition: IndicatorDefinition) -> float:
    """The factor from the formula's natural unit to the declared one (100 for a percent)."""
    natural = definition.formula.natural_unit()
    return float(Q_(1.0, natural).to(parse_unit(definition.unit)).magnitude)


def _scaled(text: str, scale: float, *, wrap: bool = False) -> str:
    if abs(scale - 1.0) < 1e-12:
        return text
    return f"[{text}] × {scale:,.10g}" if wrap else f"{text} × {scale:,.10g}"


def formula_text(definition: IndicatorDefinition) -> str:
    """The formula in one line of plain text, with its scale."""
    f, scale = definition.formula, scale_of(definition)
    if isinstance(f, Count):
        return _scaled(f.measure, scale)
    if isinstance(f, Ratio):
        return _scaled(f"{f.numerator} ÷ {f.denominator}", scale)
    if isinstance(f, RatioOfRatios):
        top, bottom = f.numerator, f.denominator
        inner = (
            f"({top.numerator} ÷ {top.denominator}) ÷ ({bottom.numerator} ÷ {bottom.denominator})"
        )
        return _scaled(inner, scale)
    if isinstance(f, Growth):
        inner = (
            f.of.measure if isinstance(f.of, Count) else f"{f.of.numerator} ÷ {f.of.denominator}"
        )
        return _scaled(f"(x_t − x_(t−1)) ÷ x_(t−1), x = {inner}", scale, wrap=True)
    if isinstance(f, PrematureMortality):
        return _scaled(
            f"1 − Π over bands {f.bands[0]}…{f.bands[-1]} of (1 − 5M ÷ (1 + 2.5M)), "
            f"M = {f.deaths} ÷ {f.population}",
            scale,
            wrap=True,
        )
    assert isinstance(f, Checklist)
    return "met when all of: " + ", ".join(f.requirements)


def _latex(definition: IndicatorDefinition) -> str:
    scale = scale_of(definition)
    body = definition.formula.latex()
    if abs(scale - 1.0) < 1e-12:
        return body
    if isinstance(definition.formula, PrematureMortality):
        main, _, where = body.partition(r",\quad ")
        return rf"{scale:.10g} \times \left[{main}\right],\quad {where}"
    if isinstance(definition.formula, Growth):
        return rf"{scale:.10g} \times {body}"
    return rf"{body} \times {scale:.10g}"


def _targets(d: IndicatorDefinition, targets: Sequence[Target]) -> str:
    found = [t for t in targets if t.indicator == d.code and d.set_code in t.sets]
    if not found:
        return "none shipped"
    return "; ".join(
        f"{t.describe()}, judging {t.validity()} (sets {', '.join(t.sets)}), "
        f"{t.source.number or t.source.document}" + (f" — {t.note}" if t.note else "")
        for t in found
    )


def _references(d: IndicatorDefinition, references: Sequence[ReferenceValue]) -> str:
    found = [r for r in references if r.indicator == d.code and d.set_code in r.sets]
    return "; ".join(
        f"{r.describe()} [{r.status.value}], {r.source}" + (f" — {r.note}" if r.note else "")
        for r in found
    )


def _entry(d: IndicatorDefinition) -> list[str]:
    direction = d.direction.value if d.direction else "— (met / not met)"
    if d.toward is not None:
        direction += f" {d.toward:g}"
    ref = d.reference
    lines = [
        f"### `{d.code}` ({d.set_code} {d.item})",
        "",
        f"{d.name.en} — {d.name.zh}",
        "",
    ]
    if not isinstance(d.formula, Checklist):
        lines += ["$$", _latex(d), "$$", ""]
    lines += [
        f"- **Formula**: {formula_text(d)}",
        f"- **Unit**: `{d.unit or '(met / not met)'}`",
        f"- **Direction**: {direction}",
        f"- **Valid**: {d.validity()}",
        f"- **Targets**: {_targets(d, NATIONAL_TARGETS)}",
    ]
    shown_beside = _references(d, NATIONAL_REFERENCES)
    if shown_beside:
        lines.append(f"- **Reference values** (shown beside, never a verdict): {shown_beside}")
    lines += [
        f"- **Source**: {ref}" + (f" <{ref.url}>" if ref.url else ""),
        f"- **Status**: {d.status.value}",
    ]
    if d.note:
        lines.append(f"- **Note**: {d.note}")
    return [*lines, ""]


def catalogue_markdown() -> str:
    """The whole catalogue page, set by set."""
    lines = [
        "# Indicator catalogue",
        "",
        "<!-- Generated by `python -m countycare.indicators.docs`; do not edit by hand. -->",
        "",
        "Every indicator the library ships, generated from its definition: the formula (as math",
        "and as text over the measure codes), unit, direction, validity, the shipped targets",
        "(each judges only the sets it was issued for, over the periods of its validity), the",
        "reported figures shown beside a value (never a verdict), the source and its status. A",
        "**reconstructed** formula is the conventional one of Chinese health statistics, not",
        "read in the official text: trust it accordingly. A set is **official** only where",
        "every formula in it is.",
        "",
    ]
    for s in SETS.values():
        lines += [
            f"## `{s.code}`: {s.name.en}",
            "",
            f"{s.name.zh}. {s.description} Set status: **{s.status.value}**.",
            "",
            f"Source: {s.reference}" + (f" <{s.reference.url}>" if s.reference.url else ""),
            "",
        ]
        if s.reference.note:
            lines += [s.reference.note, ""]
        for d in s:
            lines += _entry(d)
    return "\n".join(lines).rstrip() + "\n"


def measures_markdown() -> str:
    """The data dictionary page: every measure with unit, kind, roll-up rule and placement."""
    lines = [
        "# Measures: the data dictionary",
        "",
        "<!-- Generated by `python -m countycare.indicators.docs`; do not edit by hand. -->",
        "",
        "The numbers indicators are computed from. A measures file gives one a row:",
        "`scope,period,measure,category,value,unit`. Over scopes every measure sums (a distinct",
        "count assumes nobody is counted at two institutions). Over periods a **flow** sums, a",
        "**stock** takes the mean or the last value, and a **distinct count** (people over the",
        "period: physicians stationed six months in the year, patients admitted at least once) is",
        "never aggregated — it is given for the period it describes, or not at all. A measure",
        "counted at institutions rolls up to townships and the county through the county model,",
        "counting only the tiers (and kinds) listed. The referral counts are completed referrals;",
        "pending and cancelled ones are measures of their own.",
        "",
        "| code | name | unit | kind | over periods | counted at | categories |",
        "|---|---|---|---|---|---|---|",
    ]
    for m in MEASURES.values():
        place = "area"
        if m.level is MeasureLevel.INSTITUTION:
            tiers = "/".join(sorted(t.value for t in m.tiers))
            place = "the lead hospital" if m.lead_only else f"institutions ({tiers})"
            if m.kinds is not None:
                place += ": " + ", ".join(sorted(k.value for k in m.kinds))
            if m.derived_from:
                place += f", from `{m.derived_from}`"
        bands = f"{m.categories[0]} … {m.categories[-1]}" if m.categories else ""
        lines.append(
            f"| `{m.code}` | {m.name.en} ({m.name.zh}) | `{m.unit}` | {m.kind.value} "
            f"| {m.period_rule.value} | {place} | {bands} |"
        )
    return "\n".join(lines) + "\n"


#: The generated pages, relative to the repository root.
PAGES: dict[str, Callable[[], str]] = {
    "docs/reference/indicators-catalogue.md": catalogue_markdown,
    "docs/reference/indicators-measures.md": measures_markdown,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Write the generated pages under the repository root given (default: the current folder)."""
    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[0]) if args else Path.cwd()
    for relative, make in PAGES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make(), encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
