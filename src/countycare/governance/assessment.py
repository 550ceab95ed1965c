"""The tightness assessment (紧密型评判): checklist items answered from recorded practices.

A practice is satisfied on a day when its record in force then has a satisfying state (by
default only ``implemented``: the 2024 test is "arrangements exist and have actually been
implemented") and, when evidence is required, at least one piece of evidence. A practice that
is not satisfied says why (:class:`MissingReason`): it is *unrecorded*, *recorded absent* (absent,
planned or partial when only ``implemented`` counts), or recorded as implemented *without the
evidence* the rule requires.

Answers are three-valued (:class:`~countycare.labels.ItemStatus`). A requirement group (see
:class:`~countycare.governance.checklist.Requirement`) is satisfied when one of its practices is,
failed when every one of its practices is recorded absent, and undecided otherwise. An item is

- **met** when every group is satisfied;
- **not met** when some group failed;
- **unknown** otherwise: only unrecorded or unevidenced practices stand between it and a
  verdict, and :attr:`ItemResult.to_record` lists what must be recorded to decide.

So recording more (a record for an unrecorded practice, evidence for a record) can move an item
from unknown to met or not met, never back. The overall :class:`Verdict` — tight when every
``nhc-2024`` item is met, not tight when one is not met, "cannot tell" otherwise — is the
library's reading [reconstructed], and so is the score (items met per 100 items, see
:mod:`countycare.governance.score`).

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
>>> result.status.value, result.to_record
('unknown', ('lead_signs_insurance_agreement: record whether it is in place',))
>>> gov = attrs.evolve(gov, practices=gov.practices + (
...     PracticeRecord("lead_signs_insurance_agreement", "absent", dt.date(2018, 1, 1)),))
>>> result = assess(gov, dt.date(2019, 1, 1)).result("democratic_decision_making")
>>> result.status.value, [str(m) for m in result.missing]
('not_met', ['lead_signs_insurance_agreement (recorded absent: absent)'])
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from countycare import coerce
from countycare.calls import calls_checked
from countycare.coerce.arguments import boundary
from countycare.coerce.fields import checked_fields
from countycare.errors import UnknownKeyError
from countycare.governance.checklist import (
    NHC_2020,
    NHC_2024,
    TIGHTNESS_ITEMS,
    ChecklistItem,
    Requirement,
)
from countycare.governance.practices import (
    PracticeCatalogue,
    PracticeRecord,
    PracticeState,
    state_on,
)
from countycare.governance.record import CommunityGovernance
from countycare.governance.score import Score, UnknownAs, score_of
from countycare.labels import BilingualEnum, ItemStatus, SourceStatus

if TYPE_CHECKING:
    from countycare.forms import Coded, DateLike

__all__ = [
    "NHC_2020",
    "NHC_2024",
    "TIGHTNESS_ITEMS",
    "VERDICT_RULE",
    "Assessment",
    "ChecklistItem",
    "ItemAnswer",
    "ItemResult",
    "MissingPractice",
    "MissingReason",
    "Requirement",
    "Verdict",
    "assess",
]

#: The rule behind :class:`Verdict` and its status: the library's reading of the 2024 system.
VERDICT_RULE = (
    "tight = every nhc-2024 item (1.1-1.3) met; not tight = some item not met; cannot tell "
    "otherwise (the library's reading of the 2024 monitoring system)",
    SourceStatus.RECONSTRUCTED,
)


class Verdict(BilingualEnum):
    """The overall verdict of a tightness assessment (the rule is [reconstructed])."""

    TIGHT = ("tight", "Tight: every nhc-2024 item met", "紧密型:各项均达到")
    NOT_TIGHT = ("not_tight", "Not tight: some nhc-2024 item not met", "未达到紧密型")
    CANNOT_TELL = (
        "cannot_tell",
        "Cannot tell: no item is known to be unmet, but some are unknown",
        "无法判断:部分项目记录不足",
    )


class MissingReason(BilingualEnum):
    """Why a practice an item needs is not counted."""

    UNRECORDED = ("unrecorded", "Unrecorded: no record in force on the day", "未记录")
    RECORDED_ABSENT = (
        "recorded_absent",
        "Recorded absent (or in a state that does not count, e.g. planned)",
        "记录为未实施",
    )
    NO_EVIDENCE = (
        "no_evidence",
        "Recorded as implemented without the evidence the rule requires",
        "已实施但缺少证据",
    )


@calls_checked
@attrs.frozen
class MissingPractice:
    """A practice an item needs and does not have, with the reason and the state recorded."""

    practice: str
    reason: MissingReason = attrs.field(converter=MissingReason)
    state: PracticeState | None = None

    @property
    def decided(self) -> bool:
        """Whether more records could still change it (only *recorded absent* is final)."""
        return self.reason is MissingReason.RECORDED_ABSENT

    def to_record(self) -> str:
        """What must be recorded to decide it (empty text when it is decided)."""
        if self.reason is MissingReason.UNRECORDED:
            return f"{self.practice}: record whether it is in place"
        if self.reason is MissingReason.NO_EVIDENCE:
            return f"{self.practice}: record the evidence that it is implemented"
        return ""

    def __str__(self) -> str:
        state = f": {self.state.value}" if self.state is not None else ""
        return f"{self.practice} ({self.reason.value.replace('_', ' ')}{state})"


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class ItemAnswer:
    """An item's answer with exactly the fields of the indicators' checklist answer."""

    code: str
    status: ItemStatus
    missing: tuple[str, ...]
    evidence: tuple[str, ...]
    to_record: tuple[str, ...] = ()


@calls_checked
@attrs.frozen
class ItemResult:
    """An item's result: its status, the practices missing and why, and the evidence used.

    ``missing`` lists every practice of each requirement that is not satisfied, each with its
    :class:`MissingReason`; ``to_record`` (unknown items only) says what must be recorded to
    decide the item.
    """

    item: ChecklistItem
    status: ItemStatus = attrs.field(converter=ItemStatus)
    missing: tuple[MissingPractice, ...]
    evidence: tuple[str, ...]

    @property
    def code(self) -> str:
        """The item's code."""
        return self.item.code

    @property
    def missing_codes(self) -> tuple[str, ...]:
        """The codes of the missing practices."""
        return tuple(m.practice for m in self.missing)

    @property
    def unrecorded(self) -> tuple[str, ...]:
        """The missing practices with no record at all on the day."""
        return tuple(m.practice for m in self.missing if m.reason is MissingReason.UNRECORDED)

    @property
    def to_record(self) -> tuple[str, ...]:
        """What must be recorded to decide an unknown item (nothing for a decided one)."""
        if self.status is not ItemStatus.UNKNOWN:
            return ()
        return tuple(m.to_record() for m in self.missing if not m.decided)

    def answer(self) -> ItemAnswer:
        """The answer the qualitative indicators take."""
        return ItemAnswer(self.code, self.status, self.missing_codes, self.evidence, self.to_record)


@calls_checked
@attrs.frozen(field_transformer=checked_fields)
class Assessment:
    """A community's tightness assessment on one day.

    ``governance`` is the record that was assessed (set by :func:`assess`): :meth:`to_dict`
    reports its lead, dimensions, autonomies, committee and decision rights beside the items,
    so that the one document is what ``countycare assess --json`` prints. It takes no part in
    equality.
    """

    community: str
    as_of: dt.date
    results: tuple[ItemResult, ...]
    governance: CommunityGovernance | None = attrs.field(
        default=None, eq=False, repr=False, kw_only=True
    )

    def result(self, code: str) -> ItemResult:
        """The result of the item with ``code``; an
        :class:`~countycare.errors.UnknownKeyError` names an unknown code."""
        for result in self.results:
            if result.code == code:
                return result
        codes = ", ".join(r.code for r in self.results[:3])
        raise UnknownKeyError(f"no checklist item {code!r} in this assessment ({codes}, …)")

    def of_set(self, item_set: str) -> tuple[ItemResult, ...]:
        """The results of one item set (``nhc-2024`` or ``nhc-2020``, in any case: a set's
        code, like an indicator set's, is matched whatever its case)."""
        wanted = coerce.text(item_set, "item_set").strip().casefold()
        return tuple(r for r in self.results if r.item.item_set.casefold() == wanted)

    def answers(self, item_set: str = NHC_2024) -> tuple[ItemAnswer, ...]:
        """Per-item answers (code, status, missing, evidence, to_record) for the indicators."""
        return tuple(r.answer() for r in self.of_set(item_set))

    @property
    def verdict(self) -> Verdict:
        """Tight, not tight or cannot tell, from the ``nhc-2024`` items ([reconstructed] rule).

        With no ``nhc-2024`` item assessed there is nothing to tell from: cannot tell.
        """
        statuses = [r.status for r in self.of_set(NHC_2024)]
        if ItemStatus.NOT_MET in statuses:
            return Verdict.NOT_TIGHT
        if statuses and all(s is ItemStatus.MET for s in statuses):
            return Verdict.TIGHT
        return Verdict.CANNOT_TELL

    def to_record(self, item_set: str = NHC_2024) -> tuple[str, ...]:
        """What must be recorded to decide the set's unknown items (for the verdict)."""
        out: dict[str, None] = {}
        for result in self.of_set(item_set):
            out.update(dict.fromkeys(result.to_record))
        return tuple(out)

    def score(self, item_set: str = NHC_2024, *, unknown_as: UnknownAs | None = None) -> Score:
        """Items met per 100 items of the set: a [reconstructed] scale a settlement may use.

        With unknown items the score is undefined unless ``unknown_as`` (``"met"`` or
        ``"not_met"``) says how to count them; the :class:`Score` carries the assumption. With
        no item of the set the score raises :class:`~countycare.errors.UndefinedError`.
        """
        results = self.of_set(item_set)
        code = results[0].item.item_set if results else item_set  # the set's own spelling
        return score_of(code, [(r.code, r.status) for r in results], unknown_as)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: exactly what ``countycare assess --json`` prints.

        Community, day, verdict, score of each item set, every item's result and, when the
        assessed record is known (:attr:`governance`), the community's lead, dimensions,
        autonomies, committee and decision rights (None each when it is not).
        """
        from countycare.governance.summary import assessment_to_dict

        return assessment_to_dict(self)


def _missing(
    code: str,
    record: PracticeRecord | None,
    states: frozenset[PracticeState],
    require_evidence: bool,
) -> MissingPractice | None:
    """None when the practice is satisfied; otherwise why it is not."""
    if record is None:
        return MissingPractice(code, MissingReason.UNRECORDED)
    if record.state not in states:
        return MissingPractice(code, MissingReason.RECORDED_ABSENT, record.state)
    if require_evidence and not record.evidence:
        return MissingPractice(code, MissingReason.NO_EVIDENCE, record.state)
    return None


@boundary
def assess(
    governance: CommunityGovernance,
    as_of: DateLike,
    *,
    items: Iterable[ChecklistItem] | None = None,
    satisfying: Iterable[Coded[PracticeState]] = (PracticeState.IMPLEMENTED,),
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
    as_of = coerce.date(as_of, "as_of")
    chosen_items = TIGHTNESS_ITEMS if items is None else tuple(items)
    known = governance.catalogue if catalogue is None else catalogue
    for item in chosen_items:
        for code in item.practices():
            known.practice(code)
    states = frozenset(
        coerce.vocabulary(PracticeState, s, f"satisfying[{at}]") for at, s in enumerate(satisfying)
    )
    in_force = state_on(governance.practices, as_of)
    results = []
    for item in chosen_items:
        missing: list[MissingPractice] = []
        evidence: list[str] = []
        failed = undecided = False
        for requirement in item.requirements:
            lacking = [
                _missing(c, in_force.get(c), states, require_evidence) for c in requirement.any_of
            ]
            good = [in_force[c] for c, m in zip(requirement.any_of, lacking, strict=True) if not m]
            if good:
                evidence.extend(f"{r.practice}: {e}" for r in good for e in r.evidence)
                continue
            found = [m for m in lacking if m is not None]
            missing.extend(found)
            if all(m.decided for m in found):
                failed = True
            else:
                undecided = True
        status = (
            ItemStatus.NOT_MET if failed else ItemStatus.UNKNOWN if undecided else ItemStatus.MET
        )
        results.append(ItemResult(item, status, tuple(missing), tuple(dict.fromkeys(evidence))))
    return Assessment(governance.community, as_of, tuple(results), governance=governance)
