"""Hypothesis strategies for governance records, settlement rules and payment cases.

Examples
--------
>>> from hypothesis import given, settings
>>> @settings(max_examples=5)
... @given(community_governance())
... def check(gov):
...     assert gov.problems() == ()
>>> check()
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np
from hypothesis import strategies as st

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.finance.settlement import (
    ScoreBand,
    ScoreLinkedShare,
    SettlementRules,
    Spending,
)
from countycare.governance.catalogue import PRACTICES
from countycare.governance.practices import Evidence, EvidenceKind, PracticeRecord, PracticeState
from countycare.governance.record import CommunityGovernance
from countycare.units import Q_

if TYPE_CHECKING:
    from countycare.forms import IntLike

__all__ = [
    "amounts",
    "community_governance",
    "points_arrays",
    "practice_records",
    "settlement_rules",
    "shares",
    "spending",
]

_DAYS = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2025, 12, 31))


@boundary
def shares() -> st.SearchStrategy[float]:
    """Shares in [0, 1], including both ends."""
    return st.one_of(st.sampled_from([0.0, 0.5, 1.0]), st.floats(0.0, 1.0))


@boundary
def amounts(max_wan_yuan: float = 1e6) -> st.SearchStrategy[Any]:
    """Non-negative amounts of money in yuan (up to ``max_wan_yuan`` 万元)."""
    return st.floats(0.0, max_wan_yuan * 1e4, allow_nan=False).map(lambda v: Q_(v, "yuan"))


@boundary
def spending(max_wan_yuan: float = 1e6) -> st.SearchStrategy[Spending]:
    """A year's spending in and out of the county."""
    return st.builds(Spending, amounts(max_wan_yuan), amounts(max_wan_yuan))


@st.composite
def _score_linked(draw: st.DrawFn) -> ScoreLinkedShare:
    cuts = sorted(draw(st.sets(st.integers(1, 100), max_size=3)))
    thresholds = [0, *cuts]
    return ScoreLinkedShare(tuple(ScoreBand(float(t), draw(shares())) for t in thresholds))


@boundary
def settlement_rules(*, score_linked: bool | None = None) -> st.SearchStrategy[SettlementRules]:
    """Settlement rules; ``score_linked`` forces (True) or forbids (False) a score-linked share."""
    fixed = shares()
    if score_linked is True:
        surplus: st.SearchStrategy[Any] = _score_linked()
    elif score_linked is False:
        surplus = fixed
    else:
        surplus = st.one_of(fixed, _score_linked())
    corridor = st.one_of(st.none(), st.floats(0.0, 0.5))
    return st.builds(
        SettlementRules,
        surplus_share=surplus,
        fund_overspend_share=shares(),
        include_out_of_county=st.booleans(),
        surplus_corridor=corridor,
        reasonable_overspend_corridor=corridor,
    )


@boundary
def practice_records(codes: tuple[str, ...] | None = None) -> st.SearchStrategy[PracticeRecord]:
    """Practice records of catalogue codes (or ``codes``), with zero to two pieces of evidence."""
    chosen = PRACTICES.codes() if codes is None else codes
    evidence = st.builds(
        Evidence, st.sampled_from(list(EvidenceKind)), st.sampled_from(["charter", "HIS records"])
    )
    return st.builds(
        PracticeRecord,
        practice=st.sampled_from(chosen),
        state=st.sampled_from(list(PracticeState)),
        since=_DAYS,
        evidence=st.lists(evidence, max_size=2).map(tuple),
    )


def _governance(records: list[PracticeRecord]) -> CommunityGovernance:
    unique = {(r.practice, r.since): r for r in records}
    return CommunityGovernance("g", "lead", practices=tuple(unique.values()))


@boundary
def community_governance(max_records: IntLike = 40) -> st.SearchStrategy[CommunityGovernance]:
    """A consistent community governance: catalogue codes, at most one record per practice a day."""
    max_records = coerce.count(max_records, "max_records")
    return st.lists(practice_records(), max_size=max_records).map(_governance)


@boundary
def points_arrays(max_cases: IntLike = 50) -> st.SearchStrategy[Any]:
    """DIP case points: non-negative with a positive total."""
    max_cases = coerce.count(max_cases, "max_cases")
    return (
        st.lists(st.floats(0.0, 5000.0), min_size=1, max_size=max_cases)
        .filter(lambda xs: sum(xs) > 1e-6)
        .map(lambda xs: np.asarray(xs, dtype=np.float64))
    )
