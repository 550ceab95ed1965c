"""Scorecards: every indicator of a set at one scope and period, judged against its target.

Each line carries its definition's status (official / secondary / reconstructed) and citation,
the target that judged it (only a target issued for the set and in force for the whole period)
and, where the library ships one, a reported figure shown beside it, never as a verdict. With a
baseline period, each line also carries the change of each kind (relative and, for percentages,
in percentage points) and, where the source reported a change, the claim with its check under
each reading it admits.

A scorecard is indexed by indicator code or item number (``card["primary_visit_share"]``,
``card["3.1"]``) and exported with :meth:`Scorecard.to_dict` (what ``countycare scorecard
--json`` prints), :meth:`Scorecard.to_arrow`, :meth:`Scorecard.to_pandas` and
:meth:`Scorecard.to_polars` (one row per line).

Examples
--------
>>> from countycare.indicators.catalogues import indicator_set
>>> from countycare.indicators.table import MeasureTable
>>> t = MeasureTable.from_rows([
...     ("wanrong", "2016", "visits", "", 2_000_000.0),
...     ("wanrong", "2016", "visits_primary", "", 1_200_000.0),
... ])
>>> card = build_scorecard(indicator_set("hierarchical-care-2015"), t, "wanrong", "2016")
>>> line = card["primary_visit_share"]
>>> line.value.value, line.verdict.value, line.target_text
(60.0, 'not_met', '≥ 65 % (national)')
>>> card["1b"] is line
True
>>> row = card.to_dict()["indicators"][1]
>>> row["numerator"], row["definition_status"]
({'measure': 'visits_primary', 'value': 1200000.0}, 'reconstructed')
>>> card.to_dict()["indicators"][0]["reason"]["code"]
'missing_input'
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from countycare import coerce
from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.errors import DefinitionError, UnknownKeyError
from countycare.geography import to_tuple
from countycare.indicators.answers import ChecklistAnswer
from countycare.indicators.change import Change, ChangeKind, change_between, is_percent_scale
from countycare.indicators.claims import WANRONG_CLAIMS, ReportedChange
from countycare.indicators.definitions import IndicatorDefinition
from countycare.indicators.evaluation import IndicatorValue, evaluate, evaluate_baseline
from countycare.indicators.formulas import Count, Ratio
from countycare.indicators.scorecard_export import (
    card_arrow,
    card_dict,
    card_text,
    row_dict,
)
from countycare.indicators.table import MeasureTable
from countycare.indicators.targets import ReferenceValue, Target, TargetBook, TargetStatus
from countycare.labels import SourceStatus
from countycare.tabular import require

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow

    from countycare.forms import IndicatorSetLike, MeasuresLike, PeriodLike

__all__ = ["Input", "Scorecard", "ScorecardRow", "UnknownLineError", "build_scorecard"]


class UnknownLineError(DefinitionError, UnknownKeyError):
    """A scorecard has no line with this indicator code or item number."""


@attrs.frozen
class Input:
    """One input of a line's formula as read from the table: the measure and its value."""

    measure: str
    value: float | None

    def to_dict(self) -> dict[str, Any]:
        """``{"measure", "value"}`` (value null when the table has no such row)."""
        return {"measure": self.measure, "value": self.value}


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class ScorecardRow:
    """One line of a scorecard: the definition, its value and the verdict on it."""

    definition: IndicatorDefinition
    value: IndicatorValue
    target: Target | None
    verdict: TargetStatus
    reference: ReferenceValue | None = None
    numerator: Input | None = None
    denominator: Input | None = None
    baseline: IndicatorValue | None = None
    changes: tuple[Change, ...] = attrs.field(default=(), converter=to_tuple)
    claim: ReportedChange | None = None
    claim_check: Mapping[ChangeKind, bool | None] | None = None

    @property
    def code(self) -> str:
        """The indicator code."""
        return self.definition.code

    @property
    def item(self) -> str:
        """The item number in its set (e.g. ``3.1``)."""
        return self.definition.item

    @property
    def definition_status(self) -> SourceStatus:
        """How far the definition can be trusted: official, secondary or reconstructed."""
        return self.definition.status

    @property
    def target_text(self) -> str | None:
        """The target as text: a target's description, ``met`` for a qualitative item, or None."""
        if self.target is not None:
            return self.target.describe()
        return "met" if self.definition.is_checklist else None

    @property
    def doubt(self) -> str | None:
        """Why the value is implausible (a share whose part is larger than its whole), or None.

        Such a value is computed and judged as any other, but never shown without this mark:
        the text, JSON, Arrow and HTML forms of the line all carry it.
        """
        if self.value.value is None or self.numerator is None or self.denominator is None:
            return None
        from countycare.indicators.plausibility import part_above_whole

        return part_above_whole(self.definition, self.numerator.value, self.denominator.value)

    def json_value(self) -> float | bool | None:
        """The value as JSON: a number, a boolean for a qualitative item, null when undefined."""
        if self.value.met is not None:
            return self.value.met
        return self.value.value

    def to_dict(self, *, with_baseline: bool = False) -> dict[str, Any]:
        """The line as JSON-ready data (the keys: :mod:`countycare.indicators.scorecard_export`)."""
        return row_dict(self, with_baseline=with_baseline)


_STRENGTH = {SourceStatus.OFFICIAL: 2, SourceStatus.SECONDARY: 1, SourceStatus.RECONSTRUCTED: 0}


@calls_checked
@attrs.frozen
class Scorecard:
    """A set evaluated at one scope and period (and optionally against a baseline period)."""

    set_code: str
    scope: str
    period: str
    rows: tuple[ScorecardRow, ...] = attrs.field(converter=to_tuple)
    baseline_period: str | None = None
    #: What a reader should know before trusting the lines: most of them cannot be computed,
    #: or money per resident far outside a county's scale (a 万元/亿元 slip?).
    warnings: tuple[str, ...] = attrs.field(default=(), converter=to_tuple, kw_only=True)

    def __iter__(self) -> Iterator[ScorecardRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def keys(self) -> tuple[str, ...]:
        """The indicator codes, in item order (each line is also found by its item number)."""
        return tuple(r.code for r in self.rows)

    def __contains__(self, key: object) -> bool:
        return any(key in (r.code, r.item) for r in self.rows)

    def __getitem__(self, key: str) -> ScorecardRow:
        """The line of indicator code ``key`` or of item number ``key``.

        Raises :class:`UnknownLineError` (a :class:`~countycare.errors.CountyCareError` and a
        ``KeyError``) with the closest code or item when there is none.
        """
        for row in self.rows:
            if key in (row.code, row.item):
                return row
        known = [*self.keys(), *(r.item for r in self.rows)]
        close = difflib.get_close_matches(str(key), known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise UnknownLineError(
            f"scorecard {self.set_code} has no line {key!r}{hint} "
            f"(lines are found by code or item number, e.g. {self.rows[0].code!r} or "
            f"{self.rows[0].item!r})"
            if self.rows
            else f"scorecard {self.set_code} has no lines"
        )

    @property
    def status(self) -> SourceStatus:
        """The set's status as printed: official only where every definition in it is."""
        if not self.rows:
            return SourceStatus.OFFICIAL
        return min((r.definition_status for r in self.rows), key=_STRENGTH.__getitem__)

    def to_dict(self) -> dict[str, Any]:
        """The scorecard as JSON-ready data: exactly what ``countycare scorecard --json`` prints.

        ``{"set", "set_status", "scope", "period", ["baseline_period"], "indicators": [line…],
        ["warnings"]}``; each line as :meth:`ScorecardRow.to_dict` gives it; ``warnings`` only
        when there are some.
        """
        return card_dict(self)

    def to_arrow(self) -> pyarrow.Table:
        """The lines as an Arrow table, one row per line (numbers as numbers, codes as text)."""
        return card_arrow(self)

    def to_pandas(self) -> pandas.DataFrame:
        """The lines as a pandas DataFrame (needs pandas: ``pip install 'countycare[pandas]'``)."""
        require("pandas")
        frame: pandas.DataFrame = self.to_arrow().to_pandas()
        return frame

    def to_polars(self) -> polars.DataFrame:
        """The lines as a polars DataFrame (needs polars: ``pip install 'countycare[polars]'``)."""
        pl = require("polars")
        frame: polars.DataFrame = pl.from_arrow(self.to_arrow())
        return frame

    def to_text(self) -> str:
        """A plain-text table: per line the value, verdict, target, reference figure, and the
        definition's status and citation; undefined values with their reason."""
        return card_text(self)


def _inputs(
    d: IndicatorDefinition, table: MeasureTable, scope: str, period: str
) -> tuple[Input | None, Input | None]:
    f = d.formula
    if isinstance(f, Ratio):
        return (
            Input(f.numerator, table.get(scope, period, f.numerator)),
            Input(f.denominator, table.get(scope, period, f.denominator)),
        )
    if isinstance(f, Count):
        return Input(f.measure, table.get(scope, period, f.measure)), None
    return None, None


@boundary
def build_scorecard(
    indicator_set: IndicatorSetLike,
    table: MeasuresLike,
    scope: str,
    period: PeriodLike,
    *,
    baseline_period: PeriodLike | None = None,
    targets: TargetBook | None = None,
    answers: Mapping[str, ChecklistAnswer] | None = None,
    county: str | None = None,
    province: str | None = None,
    claims: Iterable[ReportedChange] | None = None,
) -> Scorecard:
    """Evaluate ``indicator_set`` at ``scope`` and ``period`` and judge each value.

    ``targets`` defaults to the shipped national targets and reference values
    (:func:`countycare.indicators.national_targets.national_book`); a target judges a line
    only when it was issued for the set and the period lies inside its validity. County targets
    (``county`` id, or the scope itself) override province (``province``) and national ones. A
    qualitative item's target is to be met: its verdict is ``met`` or ``not_met`` from its
    answer.

    ``indicator_set`` is a set or its code (``"nhc-2024"``); ``table`` a :class:`MeasureTable`
    or anything :func:`~countycare.read_measures` reads (a file, a DataFrame); the periods a
    :class:`~countycare.Period`, ``"2024"`` or ``2024``.

    With a ``baseline_period``, each line's change is also set against the change a source
    reported for it, if any: ``claims``, by default the packaged
    :data:`~countycare.indicators.WANRONG_CLAIMS` (all of the set
    ``wanrong-five-up-three-down``, so another set's lines have none); ``()`` checks none.
    """
    indicator_set = coerce.indicator_set(indicator_set, "indicator_set")
    table = coerce.measure_table(table, "table")
    period = coerce.period_text(period, "period")
    baseline_period = coerce.optional_period_text(baseline_period, "baseline_period")
    if targets is None:
        from countycare.indicators.national_targets import national_book

        targets = national_book()
    reported = WANRONG_CLAIMS if claims is None else claims
    by_indicator = {(c.set_code, c.indicator): c for c in reported}
    rows = []
    for d in indicator_set:
        value = evaluate(d, table, scope, period, answers=answers)
        target, verdict = targets.judge(
            value, county=county, province=province, direction=d.direction
        )
        if d.is_checklist and target is None and value.met is not None:
            verdict = TargetStatus.MET if value.met else TargetStatus.NOT_MET
        numerator, denominator = _inputs(d, table, scope, period)
        row = ScorecardRow(
            d, value, target, verdict, targets.reference_for(value), numerator, denominator
        )
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
    return Scorecard(
        indicator_set.code,
        scope,
        period,
        rows,
        baseline_period,
        warnings=_warnings(rows, table, scope, period),
    )


def _warnings(
    rows: list[ScorecardRow], table: MeasureTable, scope: str, period: str
) -> tuple[str, ...]:
    """Most lines undefined, then money per resident out of scale at this scope and period."""
    from countycare.indicators.plausibility import scale_warnings

    out = [
        f"{p.path}: {p.message}"
        for p in scale_warnings(table)
        if p.path.split()[:2] == [scope, period]
    ]
    undefined = sum(1 for row in rows if row.json_value() is None)
    if rows and undefined * 2 > len(rows):
        out.insert(
            0,
            f"{undefined} of {len(rows)} indicators cannot be computed from these figures "
            "(see each line's reason)",
        )
    return tuple(out)
