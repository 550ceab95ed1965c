"""How a province comparison is shown: plain data (JSON), text, an Arrow table.

Rendering never computes: every number comes from the
:class:`~countycare.province.compare.Comparison`, and so does every figure in doubt: a value
read from one is marked (``⚠`` and ``IN DOUBT`` in the text, ``in_doubt`` and ``doubts`` in the
JSON, a ``doubt`` column in Arrow), never shown plain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyarrow as pa

from countycare.indicators.display import display_unit, value_text
from countycare.indicators.evaluation import IndicatorValue

if TYPE_CHECKING:
    from countycare.province.compare import Comparison, IndicatorComparison

from countycare.province.compare import CountyLine
from countycare.province.doubts import Doubt

__all__ = ["comparison_arrow", "comparison_dict", "comparison_text"]


def _value(v: IndicatorValue) -> dict[str, Any]:
    if v.value is None:
        return {"value": None, "reason": v.reason.value if v.reason else None, "detail": v.detail}
    return {"value": v.met if v.met is not None else v.value}


def _doubts(doubts: tuple[Doubt, ...]) -> list[dict[str, Any]]:
    return [{k: v for k, v in d.to_dict().items() if k != "scope"} for d in doubts]


def _county(line: CountyLine, with_baseline: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "county": line.county,
        "prefecture": line.prefecture,
        **_value(line.value),
        "rank": line.rank,
        "quartile": line.quartile,
        "status": line.status.value,
        "target": line.target.describe() if line.target is not None else None,
        "in_doubt": bool(line.value_doubts),
        "doubts": _doubts(line.doubts),
    }
    if with_baseline:
        entry["baseline"] = line.baseline.value if line.baseline is not None else None
        entry["change"] = {c.kind.value: c.value for c in line.changes}
    return entry


def _reference(item: IndicatorComparison) -> dict[str, Any] | None:
    ref = item.reference
    if ref is None:
        return None
    to_dict = getattr(ref, "to_dict", None)
    if to_dict is not None:
        data: dict[str, Any] = to_dict()
        return data
    return {"value": getattr(ref, "value", None), "text": ref.describe()}


def _region_doubt(item: IndicatorComparison, value: IndicatorValue) -> dict[str, Any]:
    counties = item.doubtful_counties(value.scope) if value.value is not None else ()
    return {"in_doubt": bool(counties), "doubtful_counties": list(counties)}


def _indicator(item: IndicatorComparison, with_baseline: bool) -> dict[str, Any]:
    d = item.definition
    return {
        "code": d.code,
        "item": d.item,
        "name": {"en": d.name.en, "zh": d.name.zh},
        "unit": d.unit,
        "direction": d.direction.value if d.direction is not None else None,
        "definition_status": d.status.value,
        "province": {
            "scope": item.province.scope,
            **_value(item.province),
            "components": item.components,
            **_region_doubt(item, item.province),
        },
        "prefectures": [
            {"scope": p.scope, **_value(p), **_region_doubt(item, p)} for p in item.prefectures
        ],
        "national_reference": _reference(item),
        "counties": [_county(c, with_baseline) for c in item.ranked]
        + [_county(c, with_baseline) for c in item.counties if c.rank is None],
        "off_target": [c.county for c in item.off_target],
        "undefined": [
            {
                "county": c.county,
                "reason": c.value.reason.value if c.value.reason else None,
                "detail": c.value.detail,
            }
            for c in item.undefined
        ],
    }


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    """``{"set", "province", "period", "baseline_period", "doubts", "indicators": [...]}``:
    the figures in doubt; per indicator the province, prefectures, national reference,
    counties (ranked first), the counties off target and those undefined with their reason.
    A value read from a figure in doubt has ``"in_doubt": true`` and its ``doubts``; a region
    summing one names it in ``doubtful_counties``."""
    with_baseline = comparison.baseline_period is not None
    return {
        "set": comparison.set_code,
        "province": comparison.province_id,
        "period": comparison.period,
        "baseline_period": comparison.baseline_period,
        "doubts": [d.to_dict() for d in comparison.doubts],
        "indicators": [_indicator(i, with_baseline) for i in comparison.indicators],
    }


def _shown(v: IndicatorValue, unit: str, doubtful: bool = False) -> str:
    if v.value is None:
        return "undefined"
    if v.met is not None:
        return "met" if v.met else "not met"
    mark = "⚠ " if doubtful else ""  # a value read from a figure in doubt is never plain
    return f"{mark}{value_text(v.value, unit)} {display_unit(unit)}".rstrip()  # money to the fen


def _why(doubts: tuple[Doubt, ...]) -> str:
    return "; ".join(d.reason for d in doubts)


def _region(item: IndicatorComparison, level: str, v: IndicatorValue, unit: str) -> str:
    counties = item.doubtful_counties(v.scope) if v.value is not None else ()
    line = f"  {level} {v.scope}: {_shown(v, unit, bool(counties))}"
    if counties:
        line += f"  IN DOUBT: sums figures in doubt of {', '.join(counties)}"
    return line


def comparison_text(comparison: Comparison) -> str:
    """The comparison as text: one block per indicator."""
    head = f"{comparison.set_code} — {comparison.province_id} {comparison.period}"
    if comparison.baseline_period:
        head += f" (baseline {comparison.baseline_period})"
    lines = [head]
    if comparison.doubts:
        lines.append(f"⚠ {len(comparison.doubts)} figure(s) in doubt; values read from them are "
                     "marked ⚠:")  # fmt: skip
        lines += [f"  {d}" for d in comparison.doubts]
    for item in comparison.indicators:
        d = item.definition
        lines.append("")
        lines.append(f"{d.item} {d.code} — {d.name.en} / {d.name.zh} [{d.status.value}]")
        why = f" ({item.province.detail})" if item.province.value is None else ""
        lines.append(_region(item, "province", item.province, d.unit) + why)
        if item.reference is not None:
            lines.append(f"  national reference: {item.reference.describe()}")
        for p in item.prefectures:
            if p.value is not None or item.province.value is not None:
                lines.append(_region(item, "prefecture", p, d.unit))
        for c in item.ranked:
            change = ""
            if c.changes:
                change = "  change " + ", ".join(
                    f"{ch.value:+.2f} {ch.unit}" if ch.value is not None else f"undefined {ch.unit}"
                    for ch in c.changes
                )
                if c.baseline_doubts:
                    change += f" (⚠ baseline in doubt: {_why(c.baseline_doubts)})"
            flag = "  OFF TARGET" if c in item.off_target else ""
            doubt = f"  IN DOUBT: {_why(c.value_doubts)}" if c.value_doubts else ""
            shown = _shown(c.value, d.unit, bool(c.value_doubts))
            lines.append(f"  {c.rank:>3}. {c.county:<20} {shown:>22}  "
                         f"Q{c.quartile}{change}{flag}{doubt}")  # fmt: skip
        unranked = [c for c in item.counties if c.rank is None and c.value.value is not None]
        for c in unranked:
            doubt = f"  not ranked, IN DOUBT: {_why(c.value_doubts)}" if c.value_doubts else ""
            shown = _shown(c.value, d.unit, bool(c.value_doubts))
            lines.append(f"    - {c.county:<20} {shown:>22}  {c.status.value}{doubt}")
        by_reason: dict[str, list[CountyLine]] = {}
        for c in item.undefined:
            by_reason.setdefault(c.value.reason.value if c.value.reason else "", []).append(c)
        for reason, group in by_reason.items():
            # every county alike (a qualitative item, a measure no county has): the count says
            # it; a hundred names would bury the counties ranked above
            where = (
                f"all {len(group)} counties"
                if len(group) == len(item.counties) > 1
                else f"{len(group)}: {', '.join(c.county for c in group)}"
            )
            lines.append(f"    undefined ({reason}) in {where} — e.g. {group[0].value.detail}")
    return "\n".join(lines)


def comparison_arrow(comparison: Comparison) -> pa.Table:
    """One row per indicator and scope (counties, prefectures, the province)."""
    rows: list[dict[str, Any]] = []
    for item in comparison.indicators:
        d = item.definition
        for c in item.counties:
            rows.append({"indicator": d.code, "scope": c.county, "level": "county",
                         "value": c.value.value, "unit": d.unit, "rank": c.rank,
                         "quartile": c.quartile, "status": c.status.value,
                         "reason": c.value.detail or None,
                         "doubt": _why(c.value_doubts) or None})  # fmt: skip
        for level, values in (("prefecture", item.prefectures), ("province", (item.province,))):
            for v in values:
                counties = item.doubtful_counties(v.scope) if v.value is not None else ()
                doubt = f"sums figures in doubt of {', '.join(counties)}" if counties else None
                rows.append({"indicator": d.code, "scope": v.scope, "level": level,
                             "value": v.value, "unit": d.unit, "rank": None, "quartile": None,
                             "status": None, "reason": v.detail or None,
                             "doubt": doubt})  # fmt: skip
    schema = pa.schema(
        [("indicator", pa.string()), ("scope", pa.string()), ("level", pa.string()),
         ("value", pa.float64()), ("unit", pa.string()), ("rank", pa.int32()),
         ("quartile", pa.int8()), ("status", pa.string()), ("reason", pa.string()),
         ("doubt", pa.string())]
    )  # fmt: skip
    return pa.Table.from_pylist(rows, schema=schema)
