"""The basic facts of a year, read from a measures table: visits, the lead hospital's
discharges, medical revenue; and those the template states that no measure gives, with why
(see :mod:`countycare.report.facts`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from countycare.community import County
from countycare.labels import Name
from countycare.provenance import Origin
from countycare.report.basic_fact import VISITS, YUAN, BasicFact

if TYPE_CHECKING:
    from countycare.indicators.samples import MeasuresFileInfo
    from countycare.indicators.table import MeasureTable

__all__ = ["year_facts"]


#: The year's figures: (code, label, measure, unit).
_YEAR = (
    ("visits", Name("Outpatient and emergency visits", "门急诊量"), "visits", VISITS),
    (
        "lead_discharges",
        Name("Discharges, lead hospital", "牵头医院出院人次"),
        "lead_discharges",
        VISITS,
    ),
    ("medical_revenue", Name("Medical revenue", "医疗业务总收入"), "medical_revenue", YUAN),
)


def _measureorigin_of(
    info: MeasuresFileInfo | None, scope: str, period: str, measure: str
) -> Origin | None:
    if info is None:
        return None
    for fact in info.provenance.facts:
        if fact.subject == f"{scope} {period} {measure}":
            return fact.origin
    return Origin.ILLUSTRATIVE if info.illustrative else Origin.SOURCE


#: Year figures the template states that no measure of the catalogue gives: (code, label, why).
_UNMEASURED = (
    (
        "county_visits",
        Name("Outpatient and emergency visits, county hospitals", "县级门急诊量"),
        "no measure counts the county hospitals' visits apart",
    ),
    (
        "discharges",
        Name("Discharges, whole group", "出院人次"),
        "no measure counts the whole group's discharges (only the lead hospital's)",
    ),
    (
        "county_revenue",
        Name("Medical revenue, county hospitals", "县级医疗业务收入"),
        "no measure counts the county hospitals' revenue apart",
    ),
)


def year_facts(
    county: County,
    measures: MeasureTable | None,
    period: str | None,
    info: MeasuresFileInfo | None,
) -> list[BasicFact]:
    """The year's figures of ``county`` from ``measures`` at ``period``."""
    facts = [
        BasicFact(code, label, None, YUAN if "revenue" in code else VISITS, reason=why)
        for code, label, why in _UNMEASURED
    ]
    for code, label, measure, unit in _YEAR:
        if measures is None or period is None:
            facts.append(BasicFact(code, label, None, unit, reason="no measures were given"))
            continue
        value = measures.get(county.id, period, measure)
        if value is None:
            facts.append(
                BasicFact(
                    code,
                    label,
                    None,
                    unit,
                    reason=f"no value of measure {measure!r} for {county.id} {period}",
                    period=period,
                )
            )
        else:
            origin = _measureorigin_of(info, county.id, period, measure)
            facts.append(BasicFact(code, label, value, unit, origin, period=period))
    return facts
