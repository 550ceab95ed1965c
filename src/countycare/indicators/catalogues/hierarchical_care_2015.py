"""Set ``hierarchical-care-2015``: the pilot assessment of 国办发〔2015〕70号.

The names and targets are official; the document gives no formula, so the conventional formulas
are shipped flagged ``reconstructed``.
"""

from __future__ import annotations

import datetime as dt

from countycare.indicators.catalogues._build import define
from countycare.indicators.definitions import Direction, IndicatorSet, Reference
from countycare.indicators.formulas import Ratio
from countycare.labels import Name, SourceStatus

__all__ = ["HIERARCHICAL_CARE_2015", "REFERENCE_2015"]

#: The General Office of the State Council's guiding opinions on hierarchical care, 2015.
REFERENCE_2015 = Reference(
    document="国务院办公厅关于推进分级诊疗制度建设的指导意见 (Guiding Opinions on Promoting the "
    "Hierarchical Medical System)",
    number="国办发〔2015〕70号",
    year=2015,
    clause="附件: 分级诊疗试点工作考核评价标准 (pilot assessment standard)",
    url="https://www.gov.cn/zhengce/content/2015-09/11/content_10158.htm",
)

_d = define("hierarchical-care-2015", REFERENCE_2015, dt.date(2015, 9, 8))
_R = SourceStatus.RECONSTRUCTED

HIERARCHICAL_CARE_2015 = IndicatorSet(
    code="hierarchical-care-2015",
    name=Name("Hierarchical care pilot assessment (2015)", "分级诊疗试点工作考核评价标准"),
    reference=REFERENCE_2015,
    status=SourceStatus.OFFICIAL,
    description="Names and targets official; formulas reconstructed (the annex gives none).",
    definitions=(
        _d(
            "1",
            "county_visit_rate",
            "In-county care rate",
            "县域内就诊率",
            Ratio("resident_episodes_in_county", "resident_episodes_total"),
            "percent",
            Direction.INCREASE,
            _R,
        ),
        _d(
            "2",
            "primary_visit_share",
            "Share of visits at primary institutions",
            "基层医疗卫生机构诊疗量占比",
            Ratio("visits_primary", "visits"),
            "percent",
            Direction.INCREASE,
            _R,
        ),
        _d(
            "3",
            "primary_standard_rate",
            "Primary institutions meeting the construction standard",
            "基层医疗卫生机构建设达标率",
            Ratio("primary_institutions_up_to_standard", "primary_institutions"),
            "percent",
            Direction.INCREASE,
            _R,
        ),
    ),
)
