"""What a measure is: its unit, flow or stock, how it aggregates, and where it is counted.

The catalogue of the measures countycare knows (the data dictionary) is
:mod:`countycare.indicators.measures`; this module holds the types it is made of.

Examples
--------
>>> MeasureKind.FLOW.zh, PeriodRule.LAST.value
('流量', 'last')
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from countycare.errors import DefinitionError
from countycare.geography import to_tuple
from countycare.labels import BilingualEnum, Name, Tier
from countycare.units import parse_unit

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
    """Whether a measure counts what happened in a period (flow) or what exists (stock)."""

    FLOW = ("flow", "Flow (summed over periods)", "流量")
    STOCK = ("stock", "Stock (level at a time)", "存量")


class PeriodRule(BilingualEnum):
    """How a measure aggregates from shorter periods to a longer one."""

    SUM = ("sum", "Sum over the periods", "求和")
    MEAN = ("mean", "Average over the periods", "平均")
    LAST = ("last", "Value of the last period", "期末值")


class MeasureLevel(BilingualEnum):
    """Where a measure is counted: at institutions (rolled up to areas) or for an area."""

    INSTITUTION = ("institution", "Counted at institutions", "按机构统计")
    AREA = ("area", "Counted for an area's residents", "按辖区统计")


#: The tiers of primary institutions (基层医疗卫生机构): township and village.
PRIMARY: frozenset[Tier] = frozenset({Tier.TOWNSHIP, Tier.VILLAGE})
#: Every in-county tier (outside providers excluded).
ALL_IN_COUNTY: frozenset[Tier] = frozenset({Tier.COUNTY, Tier.TOWNSHIP, Tier.VILLAGE})


#: The five-year age bands of the WHO premature-mortality method, 30 to 69.
AGE_BANDS_30_69: tuple[str, ...] = tuple(f"{a}-{a + 4}" for a in range(30, 70, 5))


def _tiers(values: Iterable[Tier | str]) -> frozenset[Tier]:
    return frozenset(Tier(v) for v in values)


def _known_unit(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    parse_unit(value)


def _rule_fits_kind(
    instance: Measure, attribute: attrs.Attribute[PeriodRule], value: PeriodRule
) -> None:
    if instance.kind is MeasureKind.FLOW and value is not PeriodRule.SUM:
        raise DefinitionError(
            f"measure {instance.code!r}: a flow must sum over periods, not {value.value!r}"
        )
    if instance.kind is MeasureKind.STOCK and value is PeriodRule.SUM:
        raise DefinitionError(f"measure {instance.code!r}: a stock cannot sum over periods")


@attrs.frozen
class Measure:
    """A named number that a county reports or the engine derives from records."""

    code: str
    name: Name
    unit: str = attrs.field(validator=_known_unit)
    kind: MeasureKind = attrs.field(converter=MeasureKind)
    period_rule: PeriodRule = attrs.field(converter=PeriodRule, validator=_rule_fits_kind)
    description: str = ""
    categories: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    level: MeasureLevel = attrs.field(default=MeasureLevel.AREA, converter=MeasureLevel)
    tiers: frozenset[Tier] = attrs.field(default=ALL_IN_COUNTY, converter=_tiers)
    derived_from: str | None = None
    #: Counted at the lead hospital (牵头医院) of a medical community only, not at every
    #: institution of its tiers: the TCM hospital's discharges are not the lead's.
    lead_only: bool = False

    @property
    def has_categories(self) -> bool:
        """Whether rows of this measure are split by ``category`` (e.g. an age band)."""
        return bool(self.categories)

    def counts_at(self, tier: Tier) -> bool:
        """Whether an institution of ``tier`` contributes to this measure when rolled up.

        >>> from countycare.indicators.measures import measure
        >>> measure("visits_primary").counts_at(Tier.COUNTY)
        False
        """
        return self.level is MeasureLevel.INSTITUTION and tier in self.tiers
