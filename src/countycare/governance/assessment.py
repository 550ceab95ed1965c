"""The tightness assessment (紧密型评判): checklist items answered from recorded practices.

Each :class:`ChecklistItem` declares the practices it needs as :class:`Requirement` groups (a
group is met when any one of its practices is satisfied, e.g. centralised accounting *or* one
account). A practice is satisfied on a day when its record in force then has a satisfying state
(by default only ``implemented``: the 2024 test is "arrangements exist and have actually been
implemented") and, when evidence is required, at least one piece of evidence.

:data:`TIGHTNESS_ITEMS` ships the ``nhc-2024`` items 1.1–1.3 (names [official], the mapping to
practices is the library's reading of the official Q&A, [secondary]) and the ``nhc-2020`` four
communities (item texts not retrieved: mapping [reconstructed]). The overall verdict is *tight*
when every ``nhc-2024`` item is met.

Examples
--------
>>> import datetime as dt
>>> from countycare.governance.record import CommunityGovernance
>>> from countycare.governance.practices import PracticeRecord, Evidence
>>> ev = (Evidence("document", "Group charter, 2018"),)
>>> gov = CommunityGovernance("g", "lead", practices=[
...     PracticeRecord(code, "implemented", dt.date(2018, 1, 1), ev)
...     for code in ("group_charter", "members_in_decisions",
...                  "primary_care_representative_in_leadership")])
>>> result = assess(gov, dt.date(2019, 1, 1)).result("democratic_decision_making")
>>> result.met, result.missing
(False, ('lead_signs_insurance_agreement',))
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from countycare.errors import UndefinedError
from countycare.geography import to_tuple, valid_id
from countycare.governance.practices import (
    PracticeCatalogue,
    PracticeRecord,
    PracticeState,
    state_on,
)
from countycare.governance.record import CommunityGovernance
from countycare.labels import BilingualEnum, Name, SourceStatus

__all__ = [
    "NHC_2020",
    "NHC_2024",
    "TIGHTNESS_ITEMS",
    "Assessment",
    "ChecklistItem",
    "ItemAnswer",
    "ItemResult",
    "Requirement",
    "Verdict",
    "assess",
]

NHC_2024 = "nhc-2024"
NHC_2020 = "nhc-2020"


class Verdict(BilingualEnum):
    """The overall verdict of a tightness assessment."""

    TIGHT = ("tight", "Tight: every nhc-2024 item met", "紧密型:各项均达到")
    NOT_TIGHT = ("not_tight", "Not tight: some nhc-2024 item not met", "未达到紧密型")


@attrs.frozen
class Requirement:
    """A group of practices of which any one suffices."""

    any_of: tuple[str, ...] = attrs.field(converter=to_tuple, validator=attrs.validators.min_len(1))

    def __str__(self) -> str:
        return " | ".join(self.any_of)


def _requirements(values: Iterable[Requirement | str | Iterable[str]]) -> tuple[Requirement, ...]:
    out = []
    for value in values:
        if isinstance(value, Requirement):
            out.append(value)
        elif isinstance(value, str):
            out.append(Requirement((value,)))
        else:
            out.append(Requirement(tuple(value)))
    return tuple(out)


@attrs.frozen
class ChecklistItem:
    """A qualitative checklist item and the practices it needs (the declared mapping)."""

    code: str = attrs.field(validator=valid_id)
    item_set: str = attrs.field(validator=valid_id)
    item: str
    name: Name
    requirements: tuple[Requirement, ...] = attrs.field(
        converter=_requirements, validator=attrs.validators.min_len(1)
    )
    status: SourceStatus = attrs.field(converter=SourceStatus)
    citation: str

    def practices(self) -> tuple[str, ...]:
        """Every practice code the item mentions."""
        return tuple(code for r in self.requirements for code in r.any_of)


@attrs.frozen
class ItemAnswer:
    """An item's answer with exactly the fields of the indicators' checklist answer."""

    code: str
    met: bool
    missing: tuple[str, ...]
    evidence: tuple[str, ...]


@attrs.frozen
class ItemResult:
    """An item's result: met or not, the practices missing, and the evidence used.

    ``missing`` lists every practice of each unmet requirement; ``unrecorded`` is the part of
    ``missing`` with no record at all on the day (unknown rather than known to be absent).
    """

    item: ChecklistItem
    met: bool
    missing: tuple[str, ...]
    unrecorded: tuple[str, ...]
    evidence: tuple[str, ...]

    @property
    def code(self) -> str:
        """The item's code."""
        return self.item.code

    def answer(self) -> ItemAnswer:
        """The four-field answer the qualitative indicators take."""
        return ItemAnswer(self.code, self.met, self.missing, self.evidence)


@attrs.frozen
class Assessment:
    """A community's tightness assessment on one day."""

    community: str
    as_of: dt.date
    results: tuple[ItemResult, ...]

    def result(self, code: str) -> ItemResult:
        """The result of the item with ``code``; KeyError names an unknown code."""
        for result in self.results:
            if result.code == code:
                return result
        raise KeyError(f"no checklist item {code!r} in this assessment")

    def of_set(self, item_set: str) -> tuple[ItemResult, ...]:
        """The results of one item set (``nhc-2024`` or ``nhc-2020``)."""
        return tuple(r for r in self.results if r.item.item_set == item_set)

    def answers(self, item_set: str = NHC_2024) -> tuple[ItemAnswer, ...]:
        """Per-item answers (code, met, missing, evidence) for the indicator catalogue."""
        return tuple(r.answer() for r in self.of_set(item_set))

    @property
    def verdict(self) -> Verdict:
        """Tight when every ``nhc-2024`` item is met (and there is at least one)."""
        chosen = self.of_set(NHC_2024)
        return Verdict.TIGHT if chosen and all(r.met for r in chosen) else Verdict.NOT_TIGHT

    def score(self, item_set: str = NHC_2024) -> float:
        """Items met per 100 items of the set (a score a settlement rule may use).

        Raises :class:`~countycare.errors.UndefinedError` when the assessment has no item of the
        set: a score of nothing is undefined, not 0.
        """
        chosen = self.of_set(item_set)
        if not chosen:
            raise UndefinedError(
                f"no item of set {item_set!r} was assessed: the score is undefined"
            )
        return 100.0 * sum(r.met for r in chosen) / len(chosen)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: community, day, verdict, score of each item set, and every item's result.

        The CLI's ``assess --json`` adds the community's authority and dimensions
        (:func:`countycare.governance.summary.assessment_summary`).
        """
        from countycare.governance.summary import assessment_to_dict

        return assessment_to_dict(self)


def _satisfied(
    record: PracticeRecord | None, states: frozenset[PracticeState], require_evidence: bool
) -> bool:
    if record is None or record.state not in states:
        return False
    return bool(record.evidence) or not require_evidence


def assess(
    governance: CommunityGovernance,
    as_of: dt.date,
    *,
    items: Iterable[ChecklistItem] | None = None,
    satisfying: Iterable[PracticeState] = (PracticeState.IMPLEMENTED,),
    require_evidence: bool = True,
    catalogue: PracticeCatalogue | None = None,
) -> Assessment:
    """Assess ``governance`` on ``as_of`` against checklist ``items`` (default the shipped ones).

    Parameters
    ----------
    governance
        The community's recorded governance.
    as_of
        The day of the assessment: each practice is taken in the state of its record in force.
    items
        The checklist items and their declared mapping; :data:`TIGHTNESS_ITEMS` when None.
    satisfying
        The states that count as having the practice (only ``implemented`` by default).
    require_evidence
        Whether a practice needs at least one piece of recorded evidence to count.
    catalogue
        Checked against the items' practice codes; the governance's catalogue when None.

    Raises
    ------
    countycare.governance.practices.UnknownPracticeError
        When an item names a practice the catalogue does not contain.
    """
    chosen_items = TIGHTNESS_ITEMS if items is None else tuple(items)
    known = governance.catalogue if catalogue is None else catalogue
    for item in chosen_items:
        for code in item.practices():
            known.practice(code)
    states = frozenset(PracticeState(s) for s in satisfying)
    in_force = state_on(governance.practices, as_of)
    results = []
    for item in chosen_items:
        missing: list[str] = []
        evidence: list[str] = []
        for requirement in item.requirements:
            good = [
                in_force[c]
                for c in requirement.any_of
                if _satisfied(in_force.get(c), states, require_evidence)
            ]
            if good:
                evidence.extend(f"{r.practice}: {e}" for r in good for e in r.evidence)
            else:
                missing.extend(requirement.any_of)
        results.append(
            ItemResult(
                item=item,
                met=not missing,
                missing=tuple(missing),
                unrecorded=tuple(c for c in missing if c not in in_force),
                evidence=tuple(dict.fromkeys(evidence)),
            )
        )
    return Assessment(governance.community, as_of, tuple(results))


_Q_AND_A = "NHC, 紧密型县域医疗卫生共同体监测指标体系(2024版) official Q&A, items 1.1-1.3"
_CRITERIA_2020 = (
    "国卫办基层发〔2020〕12号, 紧密型县域医疗卫生共同体建设评判标准 (item text not retrieved)"
)

#: The shipped checklist: nhc-2024 items 1.1–1.3 and the nhc-2020 four communities.
TIGHTNESS_ITEMS: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "unified_resource_management",
        NHC_2024,
        "1.1",
        Name("Unified resource management", "资源统一管理"),
        (
            ("unified_staffing_pool", "county_recruited_township_used"),
            "pay_balance",
            ("centralised_accounting", "single_account"),
            ("unified_formulary", "unified_procurement_distribution"),
            "shared_diagnostic_centres",
        ),
        SourceStatus.SECONDARY,
        _Q_AND_A,
    ),
    ChecklistItem(
        "democratic_decision_making",
        NHC_2024,
        "1.2",
        Name("Internal democratic decision-making", "医共体内部民主决策"),
        (
            "group_charter",
            "members_in_decisions",
            "primary_care_representative_in_leadership",
            "lead_signs_insurance_agreement",
        ),
        SourceStatus.SECONDARY,
        _Q_AND_A,
    ),
    ChecklistItem(
        "service_coordination",
        NHC_2024,
        "1.3",
        Name("Service coordination", "服务协同联动"),
        (
            "unified_clinical_protocols",
            "standard_referral",
            "shared_information_system",
            "telemedicine",
            "infectious_disease_early_warning",
        ),
        SourceStatus.SECONDARY,
        _Q_AND_A,
    ),
    ChecklistItem(
        "responsibility_community",
        NHC_2020,
        "responsibility",
        Name("Community of responsibility", "责任共同体"),
        ("management_committee", "public_health_heads_in_leadership"),
        SourceStatus.RECONSTRUCTED,
        _CRITERIA_2020,
    ),
    ChecklistItem(
        "management_community",
        NHC_2020,
        "management",
        Name("Community of management", "管理共同体"),
        (
            "single_legal_representative",
            "functional_departments_manage_townships",
            ("unified_staffing_pool", "county_recruited_township_used"),
        ),
        SourceStatus.RECONSTRUCTED,
        _CRITERIA_2020,
    ),
    ChecklistItem(
        "service_community",
        NHC_2020,
        "service",
        Name("Community of service", "服务共同体"),
        ("standard_referral", "physician_stationing", "shared_diagnostic_centres"),
        SourceStatus.RECONSTRUCTED,
        _CRITERIA_2020,
    ),
    ChecklistItem(
        "interest_community",
        NHC_2020,
        "interest",
        Name("Community of interest", "利益共同体"),
        ("group_receives_funds", "global_budget_surplus_retained", "unified_appraisal_pay"),
        SourceStatus.RECONSTRUCTED,
        _CRITERIA_2020,
    ),
)
