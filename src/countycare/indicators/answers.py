"""Answers to the qualitative items of a set (nhc-2024 items 1.1–1.3): met, not met, unknown.

A checklist indicator is not computed from measures but judged: its value is an answer, given
explicitly or taken from a governance assessment (:func:`countycare.assess`). An unknown answer
leaves the indicator undefined, never 0. The files that hold answers are read by
:mod:`countycare.indicators.answer_files`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import attrs

from countycare.calls import calls_checked
from countycare.errors import DefinitionError
from countycare.geography import to_tuple, valid_id
from countycare.labels import ItemStatus

__all__ = ["AnswerLike", "ChecklistAnswer", "answers_by_code"]


def _checked_answer(instance: ChecklistAnswer, attribute: Any, value: tuple[str, ...]) -> None:
    if instance.status is ItemStatus.MET and value:
        raise DefinitionError(
            f"checklist answer {instance.code!r}: status met but missing={list(value)!r}"
        )


def _item_status(value: ItemStatus | str | bool) -> ItemStatus:
    """``True``/``False`` (the two-valued answers of old) read as met / not met."""
    if isinstance(value, bool):
        return ItemStatus.MET if value else ItemStatus.NOT_MET
    return ItemStatus(value)


@calls_checked
@attrs.frozen
class ChecklistAnswer:
    """An explicit answer to a qualitative item (nhc-2024 items 1.1–1.3): met, not met, unknown.

    ``missing`` lists the practices (codes or text) found lacking; ``evidence`` cites what the
    judgement rests on (documents, physical evidence, interviews); ``to_record`` (for an unknown
    answer) says what must be recorded to decide. An unknown answer leaves the indicator
    undefined, never 0.

    >>> ChecklistAnswer("service_coordination", "not_met", missing=("telemedicine",)).met
    False
    >>> ChecklistAnswer("service_coordination", "unknown").met is None
    True
    """

    code: str = attrs.field(validator=valid_id)
    status: ItemStatus = attrs.field(converter=_item_status)
    missing: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=_checked_answer
    )
    evidence: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)
    to_record: tuple[str, ...] = attrs.field(default=(), converter=to_tuple)

    @property
    def met(self) -> bool | None:
        """True when met, False when not met, None when unknown."""
        if self.status is ItemStatus.UNKNOWN:
            return None
        return self.status is ItemStatus.MET

    @classmethod
    def from_answer(cls, answer: AnswerLike) -> ChecklistAnswer:
        """Copy any answer of the same fields, e.g. a governance assessment's ``ItemAnswer``."""
        return cls(
            answer.code,
            answer.status,
            tuple(answer.missing),
            tuple(answer.evidence),
            tuple(answer.to_record),
        )


class AnswerLike(Protocol):
    """Anything with the fields of an answer (the governance assessment's answers)."""

    @property
    def code(self) -> str: ...

    @property
    def status(self) -> ItemStatus: ...

    @property
    def missing(self) -> Iterable[str]: ...

    @property
    def evidence(self) -> Iterable[str]: ...

    @property
    def to_record(self) -> Iterable[str]: ...


def answers_by_code(answers: Iterable[AnswerLike]) -> dict[str, ChecklistAnswer]:
    """Answers keyed by item code, as evaluation takes them; a code answered twice is an error.

    >>> answers = answers_by_code([ChecklistAnswer("service_coordination", "met")])
    >>> answers["service_coordination"].met
    True
    """
    out: dict[str, ChecklistAnswer] = {}
    for answer in answers:
        if answer.code in out:
            raise DefinitionError(f"checklist item {answer.code!r} answered twice")
        out[answer.code] = ChecklistAnswer.from_answer(answer)
    return out
