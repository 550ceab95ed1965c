"""How a province comparison is shown: plain data (JSON), text, an Arrow table.

Rendering never computes: every number comes from the
:class:`~countycare.province.compare.Comparison`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyarrow as pa

from countycare.indicators.display import display_unit
from countycare.indicators.evaluation import IndicatorValue

if TYPE_CHECKING:
    from countycare.province.compare import Comparison, IndicatorComparison

from countycare.province.compare import CountyLine

__all__ = ["comparison_arrow", "comparison_dict", "comparison_text"]


def _value(v: IndicatorValue) -> dict[str, Any]:
    if v.value is None:
        return {"value": None, "reason": v.reason.value if v.reason else None, "detail": v.detail}
    return {"value": v.met if v.met is not None else v.value}


def _county(line: CountyLine, with_baseline: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "county": line.county,
        "prefecture": line.prefecture,
        **_value(line.value),
        "rank": line.rank,
        "quartile": line.quartile,
        "status": line.status.value,
        "target": line.target.describe() if line.target is not None else None,
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
        },
        "prefectures": [{"scope": p.scope, **_value(p)} for p in item.prefectures],
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
    """``{"set", "province", "period", "baseline_period", "indicators": [...]}``: per
    indicator the province, prefectures, national reference, counties (ranked first), the
    counties off target and those undefined with their reason."""
    with_baseline = comparison.baseline_period is not None
    return {
        "set": comparison.set_code,
        "province": comparison.province_id,
        "period": comparison.period,
        "baseline_period": comparison.baseline_period,
        "indicators": [_indicator(i, with_baseline) for i in comparison.indicators],
    }


def _shown(v: IndicatorValue, unit: str) -> str:
    if v.value is None:
        return "undefined"
    if v.met is not None:
        return "met" if v.met else "not met"
    return f"{v.value:,.2f} {display_unit(unit)}".rstrip()


def comparison_text(comparison: Comparison) -> str:
    """The comparison as text: one block per indicator."""
    head = f"{comparison.set_code} — {comparison.province_id} {comparison.period}"
    if comparison.baseline_period:
        head += f" (baseline {comparison.baseline_period})"
    lines = [head]
    for item in comparison.indicators:
        d = item.definition
        lines.append("")
        lines.append(f"{d.item} {d.code} — {d.name.en} / {d.name.zh} [{d.status.value}]")
        why = f" ({item.province.detail})" if item.province.value is None else ""
        lines.append(f"  province {item.province.scope}: {_shown(item.province, d.unit)}{why}")
        if item.reference is not None:
            lines.append(f"  national reference: {item.reference.describe()}")
        for p in item.prefectures:
            if p.value is not None or item.province.value is not None:
                lines.append(f"  prefecture {p.scope}: {_shown(p, d.unit)}")
        for c in item.ranked:
            change = ""
            if c.changes:
                change = "  change " + ", ".join(
                    f"{ch.value:+.2f} {ch.unit}" if ch.value is not None else f"undefined {ch.unit}"
                    for ch in c.changes
                )
            flag = "  OFF TARGET" if c in item.off_target else ""
            lines.append(f"  {c.rank:>3}. {c.county:<20} {_shown(c.value, d.unit):>22}  "
                         f"Q{c.quartile}{change}{flag}")  # fmt: skip
        unranked = [c for c in item.counties if c.rank is None and c.value.value is not None]
        for c in unranked:
            lines.append(f"    - {c.county:<20} {_shown(c.value, d.unit):>22}  {c.status.value}")
        by_reason: dict[str, list[CountyLine]] = {}
        for c in item.undefined:
            by_reason.setdefault(c.value.reason.value if c.value.reason else "", []).append(c)
        for reason, group in by_reason.items():
            ids = ", ".join(c.county for c in group)
            lines.append(
                f"    undefined ({reason}) in {len(group)}: {ids} — e.g. {group[0].value.detail}"
            )
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
                         "reason": c.value.detail or None})  # fmt: skip
        for level, values in (("prefecture", item.prefectures), ("province", (item.province,))):
            for v in values:
                rows.append({"indicator": d.code, "scope": v.scope, "level": level,
                             "value": v.value, "unit": d.unit, "rank": None, "quartile": None,
                             "status": None, "reason": v.detail or None})  # fmt: skip
    schema = pa.schema(
        [("indicator", pa.string()), ("scope", pa.string()), ("level", pa.string()),
         ("value", pa.float64()), ("unit", pa.string()), ("rank", pa.int32()),
         ("quartile", pa.int8()), ("status", pa.string()), ("reason", pa.string())]
    )  # fmt: skip
    return pa.Table.from_pylist(rows, schema=schema)
