"""The practices of unified management (六统一) and a community's record of them.

A :class:`Practice` is one concrete arrangement under one of the six unified dimensions
(:class:`~countycare.labels.UnifiedDimension`), with a stable code, English and Chinese labels
and the kinds of evidence that show it. :data:`~countycare.governance.catalogue.PRACTICES` is
the catalogue the library ships (:mod:`countycare.governance.catalogue`);
:meth:`PracticeCatalogue.extended` adds a user's own.

A community records each practice's state over time as :class:`PracticeRecord` values: the state
(implemented, partial, planned, absent), the date it took that state, and the evidence. The
state of a practice on a day is the state of its latest record dated on or before that day; with
no such record the practice is *unrecorded*, which is not the same as absent.

Examples
--------
>>> from countycare.governance.catalogue import PRACTICES
>>> p = PRACTICES.practice("single_account")
>>> p.dimension.value, p.name.zh
('finance', '统一账户')
>>> import datetime as dt
>>> r = PracticeRecord("single_account", PracticeState.IMPLEMENTED, since=dt.date(2018, 1, 1))
>>> r.state.zh
'已实施'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from countycare.calls import calls_checked
from countycare.coerce import (
    bilingual_name,
    date,
    elements,
    iterable_items,
    name_arguments,
    non_blank,
    text,
    vocabulary,
)
from countycare.coerce.arguments import boundary
from countycare.errors import DefinitionError, FieldError, UnknownKeyError
from countycare.geography import valid_id
from countycare.labels import BilingualEnum, Name, UnifiedDimension
from countycare.provenance import Origin

if TYPE_CHECKING:
    from countycare.forms import Coded

__all__ = [
    "Evidence",
    "EvidenceKind",
    "Practice",
    "PracticeCatalogue",
    "PracticeRecord",
    "PracticeState",
    "UnknownPracticeError",
    "state_on",
]


class PracticeState(BilingualEnum):
    """How far a community has put a practice into effect."""

    IMPLEMENTED = ("implemented", "Implemented", "已实施")
    PARTIAL = ("partial", "Partially implemented", "部分实施")
    PLANNED = ("planned", "Planned", "已规划")
    ABSENT = ("absent", "Absent", "未实施")


class EvidenceKind(BilingualEnum):
    """The kinds of evidence the 2024 monitoring system accepts: documents, things, interviews."""

    DOCUMENT = ("document", "Document (charter, notice, contract)", "制度文件")
    SYSTEM = ("system", "Information system or its records", "信息系统")
    SITE = ("site", "Physical evidence seen on site", "实物与现场")
    INTERVIEW = ("interview", "Interview", "访谈")
    DATA = ("data", "Statistical data or accounts", "数据报表")


class UnknownPracticeError(DefinitionError, UnknownKeyError):
    """A practice code was used that the catalogue does not contain."""


def _non_empty_tuple(
    instance: object, attribute: attrs.Attribute[tuple[object, ...]], value: tuple[object, ...]
) -> None:
    if not value:
        raise FieldError(
            attribute.name, f"{attribute.name} must name at least one item, got {value!r}"
        )


def _evidence_kinds(kinds: Iterable[EvidenceKind | str]) -> tuple[EvidenceKind, ...]:
    items = iterable_items(kinds, None, "a list of evidence kinds")
    return tuple(EvidenceKind(k) for k in items)


def _practices(values: object) -> tuple[Practice, ...]:
    return elements(values, Practice, "practice")


def _evidence(values: object) -> tuple[Evidence, ...]:
    return elements(values, Evidence, "piece of evidence (Evidence(kind, description))")


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Practice:
    """One practice of unified management: code, labels, dimension, the evidence that shows it."""

    code: str = attrs.field(validator=valid_id)
    name: Name = attrs.field(converter=bilingual_name)
    dimension: UnifiedDimension = attrs.field(converter=UnifiedDimension)
    evidence_kinds: tuple[EvidenceKind, ...] = attrs.field(
        converter=_evidence_kinds,
        validator=_non_empty_tuple,
    )


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class PracticeCatalogue:
    """A catalogue of practices with unique codes; :meth:`extended` adds a user's own."""

    practices: tuple[Practice, ...] = attrs.field(converter=_practices)

    @practices.validator
    def _unique(
        self, attribute: attrs.Attribute[tuple[Practice, ...]], value: tuple[Practice, ...]
    ) -> None:
        seen: set[str] = set()
        for practice in value:
            if practice.code in seen:
                raise ValueError(f"practices: code {practice.code!r} appears twice")
            seen.add(practice.code)

    def __contains__(self, code: object) -> bool:
        return any(p.code == code for p in self.practices)

    def __len__(self) -> int:
        return len(self.practices)

    def codes(self) -> tuple[str, ...]:
        """The practice codes, in catalogue order."""
        return tuple(p.code for p in self.practices)

    def practice(self, code: str) -> Practice:
        """The practice with ``code``; :class:`UnknownPracticeError` names an unknown one.

        >>> from countycare.governance.catalogue import PRACTICES
        >>> PRACTICES.practice("teleport")
        Traceback (most recent call last):
        ...
        countycare.governance.practices.UnknownPracticeError: unknown practice code 'teleport'...
        """
        for practice in self.practices:
            if practice.code == code:
                return practice
        raise UnknownPracticeError(
            f"unknown practice code {code!r}; the catalogue has {len(self.practices)} codes, "
            f"e.g. {', '.join(self.codes()[:3])}"
        )

    def of_dimension(self, dimension: Coded[UnifiedDimension]) -> tuple[Practice, ...]:
        """The practices under one of the six dimensions (a member, its code or a label)."""
        dimension = vocabulary(UnifiedDimension, dimension, "dimension")
        return tuple(p for p in self.practices if p.dimension is dimension)

    def extended(self, practices: Iterable[Practice]) -> PracticeCatalogue:
        """A new catalogue with ``practices`` added after these (codes must stay unique).

        >>> from countycare.governance.catalogue import PRACTICES
        >>> own = Practice("night_pharmacy", Name("Shared night pharmacy", "夜间联合药房"),
        ...                "medicines_devices", ["site"])
        >>> len(PRACTICES.extended([own])) == len(PRACTICES) + 1
        True
        """
        return PracticeCatalogue(self.practices + tuple(practices))


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Evidence:
    """A piece of evidence for a practice: its kind, what it is, and where to find it."""

    kind: EvidenceKind = attrs.field(converter=EvidenceKind)
    description: str = attrs.field(converter=text, validator=non_blank)
    reference: str = attrs.field(default="", converter=text)

    def __str__(self) -> str:
        where = f" [{self.reference}]" if self.reference else ""
        return f"{self.kind.value}: {self.description}{where}"


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class PracticeRecord:
    """A community's practice in one state from ``since`` on, with the evidence that shows it.

    ``origin`` says whether the record was read in a source or filled in for illustration.
    """

    practice: str = attrs.field(validator=valid_id)
    state: PracticeState = attrs.field(converter=PracticeState)
    since: dt.date = attrs.field(converter=date)
    evidence: tuple[Evidence, ...] = attrs.field(default=(), converter=_evidence)
    origin: Origin = attrs.field(default=Origin.SOURCE, converter=Origin)
    note: str = attrs.field(default="", converter=text)


@boundary
def state_on(records: Iterable[PracticeRecord], day: dt.date) -> Mapping[str, PracticeRecord]:
    """For each practice, the record in force on ``day`` (the latest with ``since`` ≤ day).

    Two records of one practice with the same ``since`` are ambiguous and raise
    :class:`~countycare.errors.DefinitionError`.

    >>> recs = [PracticeRecord("single_account", "planned", dt.date(2017, 4, 1)),
    ...         PracticeRecord("single_account", "implemented", dt.date(2018, 1, 1))]
    >>> state_on(recs, dt.date(2017, 12, 31))["single_account"].state.value
    'planned'
    >>> "single_account" in state_on(recs, dt.date(2016, 1, 1))
    False
    """
    chosen: dict[str, PracticeRecord] = {}
    for record in records:
        if record.since > day:
            continue
        current = chosen.get(record.practice)
        if current is not None and current.since == record.since:
            raise DefinitionError(
                f"practice {record.practice!r} has two records dated {record.since.isoformat()}"
            )
        if current is None or current.since < record.since:
            chosen[record.practice] = record
    return chosen
