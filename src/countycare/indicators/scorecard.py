"""Scorecards: every indicator of a set at one scope and period, judged against its target.

With a baseline period, each row also carries the change of each kind (relative and, for
percentages, in percentage points) and, where the source reported a change, the claim with its
check under each reading it admits.

Examples
--------
>>> from countycare.indicators.catalogues import indicator_set
>>> from countycare.indicators.table import MeasureTable
>>> t = MeasureTable.from_rows([
...     ("wanrong", "2024", "visits", "", 2_000_000.0),
...     ("wanrong", "2024", "visits_primary", "", 1_200_000.0),
... ])
>>> card = build_scorecard(indicator_set("hierarchical-care-2015"), t, "wanrong", "2024")
>>> row = card.to_json()["indicators"][1]
>>> row["code"], row["value"], row["status"], row["target"]
('primary_visit_share', 60.0, 'not_met', '≥ 65 % (national)')
>>> card.to_json()["indicators"][0]["reason"]
"no value of measure 'resident_episodes_in_county' for wanrong 2024"
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from countycare.geography import to_tuple
from countycare.indicators.change import Change, ChangeKind, change_between, is_percent_scale
from countycare.indicators.claims import WANRONG_CLAIMS, ReportedChange
from countycare.indicators.definitions import ChecklistAnswer, IndicatorDefinition, IndicatorSet
from countycare.indicators.display import display_unit
from countycare.indicators.evaluation import IndicatorValue, evaluate, evaluate_baseline
from countycare.indicators.table import MeasureTable
from countycare.indicators.targets import NATIONAL_TARGETS_2015, Target, TargetBook, TargetStatus

__all__ = ["Scorecard", "ScorecardRow", "build_scorecard"]


@attrs.frozen
class ScorecardRow:
    """One indicator of a scorecard."""

    definition: IndicatorDefinition
    value: IndicatorValue
    target: Target | None
    status: TargetStatus
    baseline: IndicatorValue | None = None
    changes: tuple[Change, ...] = attrs.field(default=(), converter=to_tuple)
    claim: ReportedChange | None = None
    claim_check: Mapping[ChangeKind, bool | None] | None = None

    @property
    def target_text(self) -> str | None:
        """The target as text: a target's description, ``met`` for a qualitative item, or None."""
        if self.target is not None:
            return self.target.describe()
        return "met" if self.definition.is_checklist else None

    def json_value(self) -> float | bool | None:
        """The value as JSON: a number, a boolean for a qualitative item, null when undefined."""
        if self.value.met is not None:
            return self.value.met
        return self.value.value


@attrs.frozen
class Scorecard:
    """A set evaluated at one scope and period (and optionally against a baseline period)."""

    set_code: str
    scope: str
    period: str
    rows: tuple[ScorecardRow, ...] = attrs.field(converter=to_tuple)
    baseline_period: str | None = None

    def to_json(self) -> dict[str, Any]:
        """``{"set", "scope", "period", "indicators": [{"code", "value", "unit", "status",
        "target", "reason"}]}``; with a baseline, ``baseline_period`` and per indicator
        ``baseline``, ``change`` (by kind) and ``claim`` are added."""
        payload: dict[str, Any] = {"set": self.set_code, "scope": self.scope, "period": self.period}
        if self.baseline_period is not None:
            payload["baseline_period"] = self.baseline_period
        indicators = []
        for row in self.rows:
            entry: dict[str, Any] = {
                "code": row.definition.code,
                "value": row.json_value(),
                "unit": row.definition.unit,
                "status": row.status.value,
                "target": row.target_text,
                "reason": row.value.detail or None,
                **row.value.provenance_json(),
            }
            if self.baseline_period is not None:
                entry["baseline"] = row.baseline.value if row.baseline else None
                if row.baseline is not None and row.baseline.backcast:
                    entry["baseline_provenance"] = row.baseline.provenance_json()
                entry["change"] = {c.kind.value: c.value for c in row.changes}
                entry["claim"] = _claim_json(row)
            indicators.append(entry)
        payload["indicators"] = indicators
        return payload

    def to_text(self) -> str:
        """A plain-text table, one indicator a line, undefined values with their reason."""
        head = f"{self.set_code} — {self.scope} {self.period}"
        if self.baseline_period:
            head += f" (baseline {self.baseline_period})"
        lines = [head]
        for row in self.rows:
            lines.append(_text_row(row, self.baseline_period is not None))
        return "\n".join(lines)


def _claim_json(row: ScorecardRow) -> dict[str, Any] | None:
    if row.claim is None:
        return None
    return {
        "direction": row.claim.direction.value,
        "amount": row.claim.amount,
        "readings": [k.value for k in row.claim.readings],
        "ambiguous": row.claim.ambiguous,
        "consistent": {k.value: ok for k, ok in (row.claim_check or {}).items()},
    }


def _shown(value: IndicatorValue) -> str:
    if value.met is not None:
        return "met" if value.met else "not met"
    if value.value is None:
        return "undefined"
    return f"{value.value:,.2f} {display_unit(value.unit)}".strip()


def _text_row(row: ScorecardRow, with_baseline: bool) -> str:
    d = row.definition
    text = f"  {d.item:<6} {d.code:<32} {_shown(row.value):>24}  {row.status.value:<9}"
    if row.target_text:
        text += f" target {row.target_text}"
    if row.value.compared_with is not None:
        text += f"\n{'':9}year on year: compared with {row.value.compared_with}"
    if with_baseline and row.baseline is not None:
        changes = ", ".join(f"{c.kind.value} {c}" for c in row.changes)
        text += f"\n{'':9}baseline {_shown(row.baseline)}" + (f"; {changes}" if changes else "")
        if row.baseline.definition_period is not None:
            text += f" (computed with the {row.baseline.definition_period} definition)"
        if row.claim is not None:
            said = f"{'+' if row.claim.direction.value == 'increase' else '−'}"
            said += f"{row.claim.amount:g} %" if row.claim.amount is not None else " (no figure)"
            checks = ", ".join(
                f"{k.value}: {'?' if ok is None else ('yes' if ok else 'no')}"
                for k, ok in (row.claim_check or {}).items()
            )
            note = " — ambiguous" if row.claim.ambiguous else ""
            text += f"\n{'':9}source says {said}{note}; consistent? {checks}"
    if row.value.value is None:
        text += f"\n{'':9}({row.value.reason.value if row.value.reason else ''}: "
        text += f"{row.value.detail})"
    return text


def build_scorecard(
    indicator_set: IndicatorSet,
    table: MeasureTable,
    scope: str,
    period: str,
    *,
    baseline_period: str | None = None,
    targets: TargetBook | None = None,
    answers: Mapping[str, ChecklistAnswer] | None = None,
    county: str | None = None,
    province: str | None = None,
    claims: Iterable[ReportedChange] = WANRONG_CLAIMS,
) -> Scorecard:
    """Evaluate ``indicator_set`` at ``scope`` and ``period`` and judge each value.

    ``targets`` defaults to the 2015 national targets; county targets (``county`` id, or the
    scope itself) override province (``province``) and national ones. A qualitative item's
    target is to be met: its status is ``met`` or ``not_met`` from its answer.
    """
    book = targets if targets is not None else TargetBook(NATIONAL_TARGETS_2015)
    by_indicator = {(c.set_code, c.indicator): c for c in claims}
    rows = []
    for d in indicator_set:
        value = evaluate(d, table, scope, period, answers=answers)
        target, status = book.judge(value, county=county, province=province)
        if d.is_checklist and target is None and value.met is not None:
            status = TargetStatus.MET if value.met else TargetStatus.NOT_MET
        row = ScorecardRow(d, value, target, status)
        if baseline_period is not None:
            before = evaluate_baseline(d, table, scope, baseline_period, period, answers=answers)
            kinds = [ChangeKind.RELATIVE]
            if is_percent_scale(d.unit):
                kinds.append(ChangeKind.PERCENTAGE_POINTS)
            changes = (
                [change_between(before, value, k) for k in kinds] if not d.is_checklist else []
            )
            claim = by_indicator.get((d.set_code, d.code))
            row = attrs.evolve(
                row,
                baseline=before,
                changes=changes,
                claim=claim,
                claim_check=claim.check(before, value) if claim else None,
            )
        rows.append(row)
    return Scorecard(indicator_set.code, scope, period, rows, baseline_period)
