"""A scorecard as data and as text: the JSON document, the Arrow table and the plain-text table.

Rendering only: every number here was computed by
:func:`~countycare.indicators.scorecard.build_scorecard`. One line of the JSON document
(``Scorecard.to_dict()["indicators"][i]``):

``item``, ``code``, ``name`` (``en``, ``zh``)
    Which indicator.
``value``, ``unit``, ``unit_display``, ``value_text``
    The value as a number (a boolean for a qualitative item; null when undefined), its unit in
    machine form, as shown, and the value as shown.
``numerator``, ``denominator``
    ``{"measure", "value"}`` for a ratio (the numerator alone for a count), null otherwise.
``verdict``
    ``met``, ``not_met``, ``no_target`` or ``undefined``.
``target``, ``target_text``
    The target that judged the line, as data (comparator, threshold, unit, scope, validity,
    source) and as text.
``reference``, ``reference_text``
    A reported figure shown beside the value (never a verdict), as data and as text.
``reason``
    Why the value is undefined: ``{"code", "text"}``, or null.
``in_doubt``, ``doubt``
    Whether the value is implausible (a share whose part is larger than its whole) and why;
    such a value is never shown without this mark.
``definition_status``, ``citation``
    How far the definition can be trusted, and where it comes from.
``compared_with`` (growth lines only)
    The period a growth is compared with: the same period a year earlier.
``baseline_provenance`` (with a baseline computed with the current definition)
    ``definition_period`` and ``definition_note``: a baseline before the set's first year.

Examples
--------
>>> from countycare.indicators.catalogues import indicator_set
>>> from countycare.indicators.scorecard import build_scorecard
>>> from countycare.indicators.table import MeasureTable
>>> t = MeasureTable.from_rows([("c", "2024", "visits", "", 10.0),
...                             ("c", "2024", "visits_primary", "", 6.0)])
>>> card = build_scorecard(indicator_set("nhc-2024"), t, "c", "2024")
>>> line = card["3.1"].to_dict()
>>> line["value"], line["verdict"], line["reference"]["value"], line["definition_status"]
(60.0, 'no_target', 63.4, 'reconstructed')
>>> card.to_arrow().num_rows
16
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pyarrow as pa

from countycare.indicators.display import display_unit, is_money, value_text
from countycare.indicators.evaluation import IndicatorValue
from countycare.indicators.measures import MEASURES
from countycare.units import Q_, fen

if TYPE_CHECKING:
    from countycare.indicators.scorecard import Scorecard, ScorecardRow

__all__ = ["card_arrow", "card_dict", "card_text", "row_dict", "shown"]


def shown(value: IndicatorValue) -> str:
    """A value as a reader sees it: ``63.40 %``, ``met``, ``undefined``."""
    if value.met is not None:
        return "met" if value.met else "not met"
    if value.value is None:
        return "undefined"
    return f"{value_text(value.value, value.unit)} {display_unit(value.unit)}".strip()


def _reason(value: IndicatorValue) -> dict[str, str] | None:
    if value.reason is None:
        return None
    return {"code": value.reason.value, "text": value.detail or value.reason.en}


def _claim(row: ScorecardRow) -> dict[str, Any] | None:
    if row.claim is None:
        return None
    return {
        "direction": row.claim.direction.value,
        "amount": row.claim.amount,
        "readings": [k.value for k in row.claim.readings],
        "ambiguous": row.claim.ambiguous,
        "consistent": {k.value: ok for k, ok in (row.claim_check or {}).items()},
    }


def _to_the_fen(value: Any, unit: str) -> Any:
    """A number in yuan (or yuan per something) rounded to the fen; anything else as it is."""
    if isinstance(value, float) and is_money(unit):
        return fen(Q_(value, "yuan"))
    return value


def _input(entry: dict[str, Any] | None) -> dict[str, Any] | None:
    """A numerator or denominator, its money to the fen."""
    if entry is None or entry["measure"] not in MEASURES:
        return entry
    return {**entry, "value": _to_the_fen(entry["value"], MEASURES[entry["measure"]].unit)}


def row_dict(row: ScorecardRow, *, with_baseline: bool = False) -> dict[str, Any]:
    """One line as JSON-ready data (the keys are listed in this module's docstring); money,
    and money per person or per admission, to the fen."""
    d = row.definition
    entry: dict[str, Any] = {
        "item": d.item,
        "code": d.code,
        "name": {"en": d.name.en, "zh": d.name.zh},
        "value": _to_the_fen(row.json_value(), d.unit),
        "unit": d.unit,
        "unit_display": display_unit(d.unit),
        "value_text": shown(row.value),
        "numerator": _input(row.numerator.to_dict() if row.numerator else None),
        "denominator": _input(row.denominator.to_dict() if row.denominator else None),
        "verdict": row.verdict.value,
        "target": row.target.to_dict() if row.target else None,
        "target_text": row.target_text,
        "reference": row.reference.to_dict() if row.reference else None,
        "reference_text": row.reference.describe() if row.reference else None,
        "reason": _reason(row.value),
        "in_doubt": row.doubt is not None,
        "doubt": row.doubt,
        "definition_status": d.status.value,
        "citation": d.reference.to_dict(),
    }
    if row.value.compared_with is not None:  # a growth: the same period a year earlier
        entry["compared_with"] = row.value.compared_with
    if with_baseline:
        entry["baseline"] = row.baseline.value if row.baseline else None
        if row.baseline is not None and row.baseline.backcast:
            entry["baseline_provenance"] = row.baseline.provenance_json()
        entry["change"] = {c.kind.value: c.value for c in row.changes}
        entry["claim"] = _claim(row)
    return entry


def card_dict(card: Scorecard) -> dict[str, Any]:
    """The whole scorecard as JSON-ready data."""
    payload: dict[str, Any] = {
        "set": card.set_code,
        "set_status": card.status.value,
        "scope": card.scope,
        "period": card.period,
    }
    with_baseline = card.baseline_period is not None
    if with_baseline:
        payload["baseline_period"] = card.baseline_period
    payload["indicators"] = [r.to_dict(with_baseline=with_baseline) for r in card.rows]
    if card.warnings:
        payload["warnings"] = list(card.warnings)
    return payload


_SCHEMA = pa.schema(
    [
        ("set", pa.string()),
        ("scope", pa.string()),
        ("period", pa.string()),
        ("item", pa.string()),
        ("code", pa.string()),
        ("name_en", pa.string()),
        ("name_zh", pa.string()),
        ("value", pa.float64()),
        ("met", pa.bool_()),
        ("unit", pa.string()),
        ("numerator_measure", pa.string()),
        ("numerator", pa.float64()),
        ("denominator_measure", pa.string()),
        ("denominator", pa.float64()),
        ("verdict", pa.string()),
        ("target_comparator", pa.string()),
        ("target_threshold", pa.float64()),
        ("target_upper", pa.float64()),
        ("target_tolerance", pa.float64()),
        ("target_unit", pa.string()),
        ("target_scope", pa.string()),
        ("target_text", pa.string()),
        ("target_source", pa.string()),
        ("reference_value", pa.float64()),
        ("reference_unit", pa.string()),
        ("reference_text", pa.string()),
        ("reason_code", pa.string()),
        ("reason_text", pa.string()),
        ("doubt", pa.string()),
        ("definition_status", pa.string()),
        ("citation", pa.string()),
        ("baseline_period", pa.string()),
        ("baseline", pa.float64()),
    ]
)


def _arrow_row(card: Scorecard, row: ScorecardRow) -> dict[str, Any]:
    d, t, ref = row.definition, row.target, row.reference
    return {
        "set": card.set_code,
        "scope": card.scope,
        "period": card.period,
        "item": d.item,
        "code": d.code,
        "name_en": d.name.en,
        "name_zh": d.name.zh,
        "value": row.value.value,
        "met": row.value.met,
        "unit": d.unit,
        "numerator_measure": row.numerator.measure if row.numerator else None,
        "numerator": row.numerator.value if row.numerator else None,
        "denominator_measure": row.denominator.measure if row.denominator else None,
        "denominator": row.denominator.value if row.denominator else None,
        "verdict": row.verdict.value,
        "target_comparator": t.comparator.value if t else None,
        "target_threshold": t.threshold if t else None,
        "target_upper": t.upper if t else None,
        "target_tolerance": t.tolerance if t else None,
        "target_unit": t.unit if t else None,
        "target_scope": t.scope.value if t else None,
        "target_text": row.target_text,
        "target_source": str(t.source) if t else None,
        "reference_value": ref.value if ref else None,
        "reference_unit": ref.unit if ref else None,
        "reference_text": ref.describe() if ref else None,
        "reason_code": row.value.reason.value if row.value.reason else None,
        "reason_text": (row.value.detail or None) if row.value.reason else None,
        "doubt": row.doubt,
        "definition_status": d.status.value,
        "citation": str(d.reference),
        "baseline_period": card.baseline_period,
        "baseline": row.baseline.value if row.baseline else None,
    }


def card_arrow(card: Scorecard) -> pa.Table:
    """The lines as an Arrow table with a fixed schema, one row per line."""
    return pa.Table.from_pylist([_arrow_row(card, r) for r in card.rows], schema=_SCHEMA)


def _text_row(row: ScorecardRow, with_baseline: bool) -> str:
    d = row.definition
    pad = " " * 9
    text = f"  {d.item:<6} {d.code:<32} {shown(row.value):>24}  {row.verdict.value:<9}"
    if row.target_text:
        text += f" target {row.target_text}"
    if row.doubt is not None:
        text += f"\n{pad}⚠ IN DOUBT: {row.doubt}"
    if row.value.compared_with is not None:  # growth: the same period a year earlier
        text += f"\n{pad}compared with {row.value.compared_with} (the same period a year earlier)"
    if row.reference is not None:
        text += f"\n{pad}beside: {row.reference.describe()} — {row.reference.source}"
    if with_baseline and row.baseline is not None:
        changes = ", ".join(f"{c.kind.value} {c}" for c in row.changes)
        text += f"\n{pad}baseline {shown(row.baseline)}" + (f"; {changes}" if changes else "")
        if row.claim is not None:
            said = f"{'+' if row.claim.direction.value == 'increase' else '−'}"
            said += f"{row.claim.amount:g} %" if row.claim.amount is not None else " (no figure)"
            checks = ", ".join(
                f"{k.value}: {'?' if ok is None else ('yes' if ok else 'no')}"
                for k, ok in (row.claim_check or {}).items()
            )
            note = " — ambiguous" if row.claim.ambiguous else ""
            text += f"\n{pad}source says {said}{note}; consistent? {checks}"
    if row.value.value is None:
        text += f"\n{pad}({row.value.reason.value if row.value.reason else ''}: "
        text += f"{row.value.detail})"
    text += f"\n{pad}[{d.status.value}] {d.reference}"
    return text


def card_text(card: Scorecard) -> str:
    """A plain-text table, one indicator a line, each with its status and citation."""
    head = f"{card.set_code} — {card.scope} {card.period} (set status: {card.status.value})"
    if card.baseline_period:
        head += f" (baseline {card.baseline_period})"
    lines = [head]
    for row in card.rows:
        lines.append(_text_row(row, card.baseline_period is not None))
    return "\n".join(lines)
