"""The national targets and reported national figures the library ships, each with its source.

* :data:`NATIONAL_TARGETS_2015` — the pilot standards of 国办发〔2015〕70号 ("到2017年，分级诊疗
  试点工作应当达到以下标准"): they judge values of ``hierarchical-care-2015`` for 2015–2017 only,
  never an ``nhc-2020`` or ``nhc-2024`` value. "县域内就诊率提高到90%左右" keeps its "about": the
  tolerance of ± 2 percentage points is the library's reading (``reconstructed``).
* :data:`HEALTHY_CHINA_TARGETS` — the dated national targets of the Healthy China Action that the
  library could confirm from public copies: premature mortality from the four major NCDs at most
  15.9 % by 2022; health literacy at least 22 % by 2022 and 30 % by 2030. (The 2030 mortality
  target was not confirmed from a public copy and is not shipped.)
* :data:`NATIONAL_REFERENCES` — reported national figures shown beside a county's, never a
  verdict: the 2024 share of visits at primary institutions, 63.4 %.

A "by year Y" target judges the years from its issue (or from the end of the previous milestone)
to Y — the library's reading, as for the 2015 standards "by 2017".

Examples
--------
>>> for t in NATIONAL_TARGETS_2015:
...     print(t.describe())
about 90 % (± 2, the library's reading; national)
≥ 65 % (national)
≥ 95 % (national)
>>> sorted({s for t in NATIONAL_TARGETS for s in t.sets})
['hierarchical-care-2015', 'nhc-2020', 'nhc-2024', 'wanrong-five-up-three-down']
>>> NATIONAL_REFERENCES[0].describe()
'63.4 % (national 2024, reported)'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from countycare.coerce.arguments import boundary
from countycare.indicators.catalogues.hierarchical_care_2015 import REFERENCE_2015
from countycare.indicators.definitions import Reference
from countycare.indicators.targets import (
    Comparator,
    ReferenceValue,
    Target,
    TargetBook,
    TargetScope,
)
from countycare.labels import SourceStatus

__all__ = [
    "HEALTHY_CHINA_TARGETS",
    "NATIONAL_REFERENCES",
    "NATIONAL_TARGETS",
    "NATIONAL_TARGETS_2015",
    "national_book",
]

_HC_2015 = ("hierarchical-care-2015",)
_PILOT_FROM, _PILOT_TO = dt.date(2015, 1, 1), dt.date(2017, 12, 31)

_OPINION_2019 = Reference(
    document="国务院关于实施健康中国行动的意见 (Opinions of the State Council on implementing "
    "the Healthy China Action)",
    number="国发〔2019〕13号",
    year=2019,
    issuer="国务院 (State Council)",
    date=dt.date(2019, 6, 24),
    clause="主要目标: 重大慢性病过早死亡率 2022年降至15.9%",
    note="Published on www.gov.cn on 2019-07-15 with the Healthy China Action; the URL was not "
    "retrieved.",
)
_ACTION_2019 = Reference(
    document="健康中国行动(2019—2030年) (Healthy China Action 2019–2030)",
    year=2019,
    issuer="健康中国行动推进委员会 (Healthy China Action Promotion Committee)",
    date=dt.date(2019, 7, 9),
    clause="主要指标 1: 居民健康素养水平 (%) 2022年 ≥22, 2030年 ≥30 (预期性)",
    note="Published with 国务院关于实施健康中国行动的意见 (国发〔2019〕13号); the URL was not "
    "retrieved.",
)
_LITERACY_SETS = ("nhc-2020", "wanrong-five-up-three-down")

#: One national target a row: (indicator, sets, comparator, threshold, source, valid from, valid
#: to, note, other fields). Every one is national and in percent.
_Row = tuple[
    str, tuple[str, ...], Comparator, float, Reference, dt.date, dt.date, str, dict[str, Any]
]


def _national(rows: tuple[_Row, ...]) -> tuple[Target, ...]:
    return tuple(
        Target(
            indicator=indicator,
            sets=sets,
            comparator=comparator,
            threshold=threshold,
            unit="percent",
            scope=TargetScope.NATIONAL,
            source=source,
            valid_from=valid_from,
            valid_to=valid_to,
            note=note,
            **more,
        )
        for indicator, sets, comparator, threshold, source, valid_from, valid_to, note, more in rows
    )


_PILOT = (REFERENCE_2015, _PILOT_FROM, _PILOT_TO)
_ABOUT_90 = {"tolerance": 2, "tolerance_status": SourceStatus.RECONSTRUCTED}

#: The pilot standards of 国办发〔2015〕70号, to be reached by 2017.
NATIONAL_TARGETS_2015: tuple[Target, ...] = _national(
    (
        ("county_visit_rate", _HC_2015, Comparator.ABOUT, 90, *_PILOT,
         "The standard says 县域内就诊率提高到90%左右 (raise to about 90 %). The library reads "
         "'about' as within 2 percentage points, or above (higher is better); give your own "
         "tolerance in a targets file to read it otherwise.", _ABOUT_90),
        ("primary_visit_share", _HC_2015, Comparator.AT_LEAST, 65, *_PILOT,
         "基层医疗卫生机构诊疗量占总诊疗量比例≥65%.", {}),
        ("primary_standard_rate", _HC_2015, Comparator.AT_LEAST, 95, *_PILOT,
         "基层医疗卫生机构建设达标率≥95%.", {}),
    )
)  # fmt: skip

_BY_2022 = (dt.date(2019, 1, 1), dt.date(2022, 12, 31))

#: The Healthy China Action targets confirmed from public copies.
HEALTHY_CHINA_TARGETS: tuple[Target, ...] = _national(
    (
        ("premature_ncd_mortality", ("nhc-2024",), Comparator.AT_MOST, 15.9, _OPINION_2019,
         *_BY_2022, "Probability of dying between 30 and 70 from cardiovascular disease, "
         "cancer, chronic respiratory disease or diabetes, by 2022.", {}),
        ("health_literacy", _LITERACY_SETS, Comparator.AT_LEAST, 22, _ACTION_2019, *_BY_2022,
         "By 2022.", {}),
        ("health_literacy", _LITERACY_SETS, Comparator.AT_LEAST, 30, _ACTION_2019,
         dt.date(2023, 1, 1), dt.date(2030, 12, 31), "By 2030.", {}),
    )
)  # fmt: skip

#: Every national target the library ships.
NATIONAL_TARGETS: tuple[Target, ...] = (*NATIONAL_TARGETS_2015, *HEALTHY_CHINA_TARGETS)

_PRESS_2025 = Reference(
    document="国家卫生健康委新闻发布会 (National Health Commission press conference)",
    year=2025,
    issuer="国家卫生健康委员会 (National Health Commission)",
    date=dt.date(2025, 11, 27),
    note="The figure as reported at the press conference; the public reports found give the "
    "date and the statement that the primary share stayed above 50 % through 2021–2025, not "
    "a transcript with the 63.4 %.",
)

#: Reported national figures, shown beside a county's value (never a verdict).
NATIONAL_REFERENCES: tuple[ReferenceValue, ...] = (
    ReferenceValue(
        indicator="primary_visit_share",
        sets=("nhc-2024",),
        period="2024",
        value=63.4,
        unit="percent",
        source=_PRESS_2025,
        status=SourceStatus.SECONDARY,
        note="The 2024 system sets no national target for item 3.1: this is the national value "
        "of 2024, for comparison only.",
    ),
)


@boundary
def national_book() -> TargetBook:
    """Every shipped national target and reference value, as one :class:`TargetBook`.

    >>> book = national_book()
    >>> len(book.targets), len(book.references)
    (6, 1)
    """
    return TargetBook(NATIONAL_TARGETS, NATIONAL_REFERENCES)
