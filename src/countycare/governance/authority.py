"""Who decides: governance bodies, the management committee, the six autonomies, decision rights.

Separation of oversight from operation (管办分离): a management committee (医管委) chaired by the
county's leaders decides planning, investment, appointments and assessment; the health bureau is
its office and the regulator; the medical group operates. :class:`Body` carries a
:class:`GovernanceRole`; :func:`separation_problems` reports a body that both regulates and
operates, or a decision right held by the operator over its own assessment.

Examples
--------
>>> bureau = Body("health-bureau", Name("County Health Bureau", "县卫体局"), BodyKind.HEALTH_BUREAU,
...               roles=("regulator",))
>>> group = Body("wr-group", Name("Medical Group", "医疗集团"), BodyKind.MEDICAL_GROUP,
...              roles=("operator",))
>>> separation_problems((bureau, group), ())
()
>>> AutonomyGrant("pay_distribution", granted_by="committee").autonomy.zh
'薪酬分配自主权'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from countycare.calls import calls_checked
from countycare.coerce import (
    bilingual_name,
    iterable_items,
    name_arguments,
    non_blank,
    optional_date,
    text,
)
from countycare.coerce.arguments import boundary
from countycare.errors import FieldError
from countycare.geography import valid_id
from countycare.labels import Autonomy, BilingualEnum, Name
from countycare.provenance import Origin

__all__ = [
    "AutonomyGrant",
    "Body",
    "BodyKind",
    "DecisionArea",
    "DecisionRight",
    "Department",
    "GovernanceRole",
    "ManagementCommittee",
    "separation_problems",
]


class BodyKind(BilingualEnum):
    """Kinds of body in county health governance."""

    PARTY_COMMITTEE = ("party_committee", "County Party committee", "县委")
    GOVERNMENT = ("government", "County government", "县政府")
    MANAGEMENT_COMMITTEE = ("management_committee", "Management committee", "医共体管理委员会")
    HEALTH_BUREAU = ("health_bureau", "Health bureau", "卫生健康局")
    INSURANCE_BUREAU = ("insurance_bureau", "Medical insurance bureau", "医疗保障局")
    DEPARTMENT = ("department", "Government department", "政府部门")
    MEDICAL_GROUP = ("medical_group", "Medical group (operator)", "医疗集团")


class GovernanceRole(BilingualEnum):
    """The roles separated by 管办分离: the owner that oversees, the regulator, the operator."""

    OVERSIGHT = ("oversight", "Oversight on the owner's behalf (办医)", "办医决策")
    REGULATOR = ("regulator", "Regulator (监管)", "监管")
    OPERATOR = ("operator", "Operator (运营)", "运营")
    PAYER = ("payer", "Payer (insurance fund)", "医保支付")


class Department(BilingualEnum):
    """County departments that sit on a management committee."""

    ORGANISATION = ("organisation", "Organisation department", "组织部")
    STAFFING = ("staffing", "Staffing office", "编办")
    DEVELOPMENT_REFORM = ("development_reform", "Development and reform", "发展改革局")
    FINANCE = ("finance", "Finance", "财政局")
    HUMAN_RESOURCES = (
        "human_resources",
        "Human resources and social security",
        "人力资源和社会保障局",
    )
    HEALTH = ("health", "Health", "卫生健康局")
    INSURANCE = ("insurance", "Medical insurance", "医疗保障局")


class DecisionArea(BilingualEnum):
    """The decisions a decision-rights table allocates."""

    PLANNING = ("planning", "Planning", "发展规划")
    INVESTMENT = ("investment", "Investment", "重大投资")
    LEADERSHIP_APPOINTMENTS = ("leadership_appointments", "Leadership appointments", "领导任免")
    ASSESSMENT = ("assessment", "Assessment of the group", "绩效考核")
    PAY_DISTRIBUTION = ("pay_distribution", "Pay distribution", "薪酬分配")
    FUND_ALLOCATION = (
        "fund_allocation",
        "Allocation of insurance and public-health funds",
        "资金支配",
    )


def _roles(roles: Iterable[GovernanceRole | str]) -> tuple[GovernanceRole, ...]:
    return tuple(GovernanceRole(r) for r in iterable_items(roles, None, "a list of roles"))


def _departments(departments: Iterable[Department | str]) -> tuple[Department, ...]:
    items = iterable_items(departments, None, "a list of departments")
    return tuple(Department(d) for d in items)


def _ids(values: object) -> tuple[str, ...]:
    items = iterable_items(values, None, "a list of body ids")
    return tuple(text(item, f"[{i}]") for i, item in enumerate(items))


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Body:
    """A governance body: id, bilingual name, kind and the roles it plays."""

    id: str = attrs.field(validator=valid_id)
    name: Name = attrs.field(converter=bilingual_name)
    kind: BodyKind = attrs.field(converter=BodyKind)
    roles: tuple[GovernanceRole, ...] = attrs.field(default=(), converter=_roles)
    head: str = attrs.field(default="", converter=text)
    origin: Origin = attrs.field(default=Origin.SOURCE, converter=Origin)


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class ManagementCommittee:
    """The management committee (医管委): its chair, member departments and office.

    ``body`` is the committee's own body id; ``office`` the id of the body that serves as its
    office (in Wanrong the health bureau, whose chief heads the office).
    """

    body: str = attrs.field(validator=valid_id)
    chair: str = attrs.field(converter=text, validator=non_blank)
    members: tuple[Department, ...] = attrs.field(converter=_departments)
    office: str = attrs.field(validator=valid_id)
    office_head: str = attrs.field(default="", converter=text)
    origin: Origin = attrs.field(default=Origin.SOURCE, converter=Origin)

    @members.validator
    def _distinct(
        self, attribute: attrs.Attribute[tuple[Department, ...]], value: tuple[Department, ...]
    ) -> None:
        if len(set(value)) != len(value):
            raise FieldError(
                attribute.name,
                f"members: a department appears twice in {[d.value for d in value]!r}",
            )


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class AutonomyGrant:
    """One of the six autonomies granted to the group: by whom, when, and over what scope."""

    autonomy: Autonomy = attrs.field(converter=Autonomy)
    granted_by: str = attrs.field(validator=valid_id)
    granted_on: dt.date | None = attrs.field(default=None, converter=optional_date)
    scope: str = attrs.field(default="", converter=text)
    origin: Origin = attrs.field(default=Origin.SOURCE, converter=Origin)

    def in_force_on(self, day: dt.date) -> bool:
        """Whether the grant holds on ``day`` (a grant without a date is taken as always held)."""
        return self.granted_on is None or self.granted_on <= day


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class DecisionRight:
    """Which body decides in one area; ``consulted`` bodies take part without deciding."""

    area: DecisionArea = attrs.field(converter=DecisionArea)
    decided_by: str = attrs.field(validator=valid_id)
    consulted: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    note: str = attrs.field(default="", converter=text)
    origin: Origin = attrs.field(default=Origin.SOURCE, converter=Origin)


@boundary
def separation_problems(bodies: Iterable[Body], rights: Iterable[DecisionRight]) -> tuple[str, ...]:
    """What breaks the separation of oversight from operation (管办分离), one line each.

    A body may not both regulate and operate, and the operator may not decide its own
    assessment.

    >>> both = Body("x", Name("Hospital bureau", "医院局"), "health_bureau",
    ...             roles=("regulator", "operator"))
    >>> separation_problems((both,), (DecisionRight("assessment", "x"),))
    ("body 'x' is both regulator and operator", "the operator 'x' decides its own assessment")
    """
    bodies = tuple(bodies)
    problems: list[str] = []
    operators = {b.id for b in bodies if GovernanceRole.OPERATOR in b.roles}
    for body in bodies:
        if GovernanceRole.REGULATOR in body.roles and GovernanceRole.OPERATOR in body.roles:
            problems.append(f"body {body.id!r} is both regulator and operator")
    for right in rights:
        if right.area is DecisionArea.ASSESSMENT and right.decided_by in operators:
            problems.append(f"the operator {right.decided_by!r} decides its own assessment")
    return tuple(problems)
