"""A community's governance: its bodies, committee, autonomies, decision rights and practices.

:class:`CommunityGovernance` holds what one medical community (keyed by its id, with its lead)
has put in place. :meth:`CommunityGovernance.problems` lists every inconsistency at once, each with
the path of the offending value (``$.practices[4].practice``), so a file can be rejected with all
its problems; :meth:`CommunityGovernance.as_of` gives the grants and practice records in force on
a day.

Examples
--------
>>> import datetime as dt
>>> gov = CommunityGovernance(
...     community="wr-group", lead="wr-cgh",
...     practices=(PracticeRecord("single_account", "implemented", dt.date(2018, 1, 1)),
...                PracticeRecord("teleport", "implemented", dt.date(2018, 1, 1))),
... )
>>> [str(p) for p in gov.problems()]
["$.practices[1].practice: unknown practice code 'teleport'"]
>>> gov.as_of(dt.date(2017, 1, 1)).practices
()
"""

from __future__ import annotations

import datetime as dt

import attrs

from countycare.calls import calls_checked
from countycare.coerce import elements, name_arguments, refuse
from countycare.errors import Problem
from countycare.geography import valid_id
from countycare.governance.authority import (
    AutonomyGrant,
    Body,
    DecisionRight,
    ManagementCommittee,
    separation_problems,
)
from countycare.governance.catalogue import PRACTICES
from countycare.governance.practices import (
    Practice,
    PracticeCatalogue,
    PracticeRecord,
    PracticeState,
    state_on,
)
from countycare.labels import Autonomy, UnifiedDimension
from countycare.provenance import Provenance

__all__ = ["CommunityGovernance"]


def _bodies(values: object) -> tuple[Body, ...]:
    return elements(values, Body, "governance body", "governance bodies")


def _grants(values: object) -> tuple[AutonomyGrant, ...]:
    return elements(values, AutonomyGrant, "autonomy grant")


def _rights(values: object) -> tuple[DecisionRight, ...]:
    return elements(values, DecisionRight, "decision right")


def _records(values: object) -> tuple[PracticeRecord, ...]:
    return elements(values, PracticeRecord, "practice record")


def _custom(values: object) -> tuple[Practice, ...]:
    return elements(values, Practice, "practice")


def _committee(value: object) -> ManagementCommittee | None:
    if value is None or isinstance(value, ManagementCommittee):
        return value
    raise refuse(
        None, "a management committee: ManagementCommittee(body, chair, members, office)", value
    )


def _provenance(value: object) -> Provenance:
    if isinstance(value, Provenance):
        return value
    raise refuse(None, "a provenance: Provenance(sources, facts)", value)


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class CommunityGovernance:
    """What one medical community has put in place, and who holds which authority over it.

    ``custom_practices`` extend the library's catalogue (:data:`PRACTICES`) for this community;
    :attr:`catalogue` is the result.
    """

    community: str = attrs.field(validator=valid_id)
    lead: str = attrs.field(validator=valid_id)
    bodies: tuple[Body, ...] = attrs.field(default=(), converter=_bodies)
    committee: ManagementCommittee | None = attrs.field(default=None, converter=_committee)
    autonomies: tuple[AutonomyGrant, ...] = attrs.field(default=(), converter=_grants)
    decision_rights: tuple[DecisionRight, ...] = attrs.field(default=(), converter=_rights)
    practices: tuple[PracticeRecord, ...] = attrs.field(default=(), converter=_records)
    custom_practices: tuple[Practice, ...] = attrs.field(default=(), converter=_custom)
    provenance: Provenance = attrs.field(factory=Provenance, converter=_provenance)

    @property
    def catalogue(self) -> PracticeCatalogue:
        """The library's catalogue extended with this community's own practices."""
        return PRACTICES.extended(self.custom_practices)

    def as_of(self, day: dt.date) -> CommunityGovernance:
        """The grants in force and, per practice, the one record in force on ``day``."""
        in_force = state_on(self.practices, day)
        return attrs.evolve(
            self,
            autonomies=tuple(g for g in self.autonomies if g.in_force_on(day)),
            practices=tuple(r for r in self.practices if in_force.get(r.practice) is r),
        )

    def state_of(self, practice: str, day: dt.date) -> PracticeState | None:
        """The state of ``practice`` on ``day``, or None when it is unrecorded then."""
        record = state_on(self.practices, day).get(practice)
        return None if record is None else record.state

    def granted(self, day: dt.date) -> frozenset[Autonomy]:
        """The autonomies in force on ``day``."""
        return frozenset(g.autonomy for g in self.autonomies if g.in_force_on(day))

    def dimensions_implemented(self, day: dt.date) -> dict[UnifiedDimension, tuple[str, ...]]:
        """For each of the six dimensions, the practices implemented on ``day``."""
        in_force = state_on(self.practices, day)
        catalogue = self.catalogue
        result: dict[UnifiedDimension, tuple[str, ...]] = {}
        for dimension in UnifiedDimension:
            result[dimension] = tuple(
                p.code
                for p in catalogue.of_dimension(dimension)
                if p.code in in_force and in_force[p.code].state is PracticeState.IMPLEMENTED
            )
        return result

    def problems(self) -> tuple[Problem, ...]:
        """Every inconsistency, each with the path of the offending value."""
        problems: list[Problem] = []
        catalogue = self.catalogue
        for i, record in enumerate(self.practices):
            if record.practice not in catalogue:
                problems.append(
                    Problem(
                        f"$.practices[{i}].practice",
                        f"unknown practice code {record.practice!r}",
                    )
                )
        seen: dict[tuple[str, dt.date], int] = {}
        for i, record in enumerate(self.practices):
            key = (record.practice, record.since)
            if key in seen:
                problems.append(
                    Problem(
                        f"$.practices[{i}].since",
                        f"practice {record.practice!r} already has a record dated "
                        f"{record.since.isoformat()} ($.practices[{seen[key]}])",
                    )
                )
            seen.setdefault(key, i)
        body_ids = [b.id for b in self.bodies]
        for i, body_id in enumerate(body_ids):
            if body_id in body_ids[:i]:
                problems.append(Problem(f"$.bodies[{i}].id", f"body id {body_id!r} appears twice"))
        known = set(body_ids)
        if self.committee is not None:
            for field in ("body", "office"):
                value = getattr(self.committee, field)
                if value not in known:
                    problems.append(Problem(f"$.committee.{field}", f"unknown body {value!r}"))
        for i, grant in enumerate(self.autonomies):
            if grant.granted_by not in known:
                problems.append(
                    Problem(f"$.autonomies[{i}].granted_by", f"unknown body {grant.granted_by!r}")
                )
        areas: dict[str, int] = {}
        for i, right in enumerate(self.decision_rights):
            if right.decided_by not in known:
                problems.append(
                    Problem(
                        f"$.decision_rights[{i}].decided_by", f"unknown body {right.decided_by!r}"
                    )
                )
            for j, other in enumerate(right.consulted):
                if other not in known:
                    problems.append(
                        Problem(f"$.decision_rights[{i}].consulted[{j}]", f"unknown body {other!r}")
                    )
            if right.area.value in areas:
                problems.append(
                    Problem(
                        f"$.decision_rights[{i}].area",
                        f"area {right.area.value!r} is already decided in "
                        f"$.decision_rights[{areas[right.area.value]}]",
                    )
                )
            areas.setdefault(right.area.value, i)
        for line in separation_problems(self.bodies, self.decision_rights):
            problems.append(Problem("$.bodies", line))
        return tuple(problems)
