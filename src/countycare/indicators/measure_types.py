"""What a measure is: its unit, its kind (flow, stock or distinct count), how it aggregates over
periods and where it is counted.

The catalogue of the measures countycare knows (the data dictionary) is
:mod:`countycare.indicators.measures`; this module holds the types it is made of.

Examples
--------
>>> MeasureKind.FLOW.zh, PeriodRule.LAST.value
('流量', 'last')
>>> MeasureKind.DISTINCT.rule_text
'never aggregated over periods: given for the period it describes'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from countycare.calls import calls_checked
from countycare.coerce import (
    bilingual_name,
    frozen_set,
    iterable_items,
    name_arguments,
    optional_text,
    optional_vocabulary,
    text,
    vocabulary,
    yes_no,
)
from countycare.coerce import unit as _unit
from countycare.errors import DefinitionError
from countycare.geography import valid_id
from countycare.labels import BilingualEnum, InstitutionKind, Name, Tier

if TYPE_CHECKING:
    from countycare.forms import Coded

__all__ = [
    "AGE_BANDS_30_69",
    "ALL_IN_COUNTY",
    "PRIMARY",
    "Measure",
    "MeasureKind",
    "MeasureLevel",
    "PeriodRule",
]


class MeasureKind(BilingualEnum):
    """How a measure behaves over time.

    A **flow** counts what happened in a period (visits, money): a year is the sum of its
    quarters. A **stock** counts what exists at a time (population, clinics): a year is the
    average or the last value of its quarters, as its :class:`PeriodRule` says. A **distinct
    count** counts different people over a period (physicians stationed at least six months in
    the year, patients admitted at least once): the same person may appear in every quarter, so
    it is never aggregated over periods — it is given for the period it describes, or not at all.
    Over scopes all three sum (for a distinct count this assumes that no person is counted at
    two institutions: a physician is stationed at one host, a patient managed by one).
    """

    FLOW = ("flow", "Flow (summed over periods)", "流量")
    STOCK = ("stock", "Stock (level at a time)", "存量")
    DISTINCT = (
        "distinct_count",
        "Distinct count (of people over the period; never summed over periods)",
        "去重人数(按期统计, 不跨期相加)",
    )

    @property
    def rule_text(self) -> str:
        """What the kind does over periods, in words (for messages and docs)."""
        return _RULE_TEXT[self]


_RULE_TEXT = {
    MeasureKind.FLOW: "summed over periods",
    MeasureKind.STOCK: "averaged or taken at the last period, never summed",
    MeasureKind.DISTINCT: "never aggregated over periods: given for the period it describes",
}


class PeriodRule(BilingualEnum):
    """How a measure aggregates from shorter periods to a longer one."""

    SUM = ("sum", "Sum over the periods", "求和")
    MEAN = ("mean", "Average over the periods", "平均")
    LAST = ("last", "Value of the last period", "期末值")
    NONE = ("none", "Not aggregated: given for each period it describes", "不跨期汇总")


#: The period rules each kind of measure admits.
_RULES_OF_KIND: dict[MeasureKind, frozenset[PeriodRule]] = {
    MeasureKind.FLOW: frozenset({PeriodRule.SUM}),
    MeasureKind.STOCK: frozenset({PeriodRule.MEAN, PeriodRule.LAST}),
    MeasureKind.DISTINCT: frozenset({PeriodRule.NONE}),
}


class MeasureLevel(BilingualEnum):
    """Where a measure is counted: at institutions (rolled up to areas) or for an area."""

    INSTITUTION = ("institution", "Counted at institutions", "按机构统计")
    AREA = ("area", "Counted for an area's residents", "按辖区统计")


#: The tiers of primary institutions (基层医疗卫生机构): township and village. Every kind of
#: institution of these tiers is primary in NHC statistics (clinics included), and no other is.
PRIMARY: frozenset[Tier] = frozenset({Tier.TOWNSHIP, Tier.VILLAGE})
#: Every in-county tier (outside providers excluded).
ALL_IN_COUNTY: frozenset[Tier] = frozenset({Tier.COUNTY, Tier.TOWNSHIP, Tier.VILLAGE})


#: The five-year age bands of the WHO premature-mortality method, 30 to 69.
AGE_BANDS_30_69: tuple[str, ...] = tuple(f"{a}-{a + 4}" for a in range(30, 70, 5))


def _tier(value: object, argument: str | None) -> Tier:
    return vocabulary(Tier, value, argument)


def _tiers(values: object) -> frozenset[Tier]:
    """Tiers as codes or members, one or any iterable of them."""
    if isinstance(values, str | Tier):
        return frozenset({_tier(values, None)})
    return frozen_set(values, _tier)


def _kind(value: object, argument: str | None) -> InstitutionKind:
    return vocabulary(InstitutionKind, value, argument)


def _kinds(values: object) -> frozenset[InstitutionKind] | None:
    """None (every kind), or institution kinds as codes or members, one or any iterable."""
    if values is None:
        return None
    if isinstance(values, str | InstitutionKind):
        return frozenset({_kind(values, None)})
    return frozen_set(values, _kind)


def _categories(values: object) -> tuple[str, ...]:
    items = iterable_items(values, None, "a list of category codes, such as age bands")
    return tuple(text(item, f"[{i}]") for i, item in enumerate(items))


def _rule_fits_kind(
    instance: Measure, attribute: attrs.Attribute[PeriodRule], value: PeriodRule
) -> None:
    allowed = _RULES_OF_KIND[instance.kind]
    if value not in allowed:
        names = " or ".join(sorted(repr(r.value) for r in allowed))
        raise DefinitionError(
            f"measure {instance.code!r}: a {instance.kind.value} is {instance.kind.rule_text}; "
            f"its period rule must be {names}, not {value.value!r}"
        )


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Measure:
    """A named number that a county reports or the engine derives from records.

    The arguments take their natural forms (:mod:`countycare.coerce`): the name as an
    ``(en, zh)`` pair, the unit as text or a pint unit, kinds, rules, levels, tiers and
    institution kinds as codes or labels, collections as any iterable.

    >>> Measure("x", ("X", "某"), "person", "distinct_count", "sum")
    Traceback (most recent call last):
    ...
    countycare.errors.DefinitionError: measure 'x': a distinct_count is never aggregated ...
    >>> sorted(Measure("x", ("X", "某"), "visit", "flow", "sum", tiers="township").tiers)
    [<Tier.TOWNSHIP: 'township'>]
    """

    code: str = attrs.field(converter=text, validator=valid_id)
    name: Name = attrs.field(converter=bilingual_name)
    unit: str = attrs.field(converter=_unit)
    kind: MeasureKind = attrs.field(converter=MeasureKind)
    period_rule: PeriodRule = attrs.field(converter=PeriodRule, validator=_rule_fits_kind)
    description: str = attrs.field(default="", converter=text)
    categories: tuple[str, ...] = attrs.field(default=(), converter=_categories)
    level: MeasureLevel = attrs.field(default=MeasureLevel.AREA, converter=MeasureLevel)
    tiers: frozenset[Tier] = attrs.field(default=ALL_IN_COUNTY, converter=_tiers)
    derived_from: str | None = attrs.field(default=None, converter=optional_text)
    #: Counted at the lead hospital (牵头医院) of a medical community only, not at every
    #: institution of its tiers: the TCM hospital's discharges are not the lead's.
    lead_only: bool = attrs.field(default=False, converter=yes_no)
    #: Counted only at institutions of these kinds (None: every kind of its tiers), e.g.
    #: township health centres and branches, not the private clinics of the township tier.
    kinds: frozenset[InstitutionKind] | None = attrs.field(default=None, converter=_kinds)

    @property
    def sums_over_periods(self) -> bool:
        """Whether a longer period's value is the sum of its shorter periods' (flows only)."""
        return self.period_rule is PeriodRule.SUM

    @property
    def aggregates_over_periods(self) -> bool:
        """Whether a longer period's value can be made from shorter ones (not distinct counts)."""
        return self.period_rule is not PeriodRule.NONE

    @property
    def has_categories(self) -> bool:
        """Whether rows of this measure are split by ``category`` (e.g. an age band)."""
        return bool(self.categories)

    def counts_at(self, tier: Coded[Tier], kind: Coded[InstitutionKind] | None = None) -> bool:
        """Whether an institution of ``tier`` (and ``kind``) contributes to this measure.

        >>> from countycare.indicators.measures import measure
        >>> measure("visits_primary").counts_at(Tier.COUNTY)
        False
        >>> measure("township_outpatient_visits").counts_at(Tier.TOWNSHIP, InstitutionKind.CLINIC)
        False
        """
        tier = vocabulary(Tier, tier, "tier")
        kind = optional_vocabulary(InstitutionKind, kind, "kind")
        if self.kinds is not None and kind is not None and kind not in self.kinds:
            return False
        return self.level is MeasureLevel.INSTITUTION and tier in self.tiers
