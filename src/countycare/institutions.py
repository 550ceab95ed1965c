"""Institutions of a county health system: hospitals, township centres, village clinics.

An institution's tier is derived from its kind, never stored, so the two cannot disagree — except
for a clinic (诊所、医务室、门诊部), whose tier is that of the place it sits in: ``sited_tier``,
``village`` or ``township``, is required for a clinic and refused for any other kind (county
validation checks it against ``area``). ``area`` is the id of the county, township or village
where it sits; ``parent`` is the township centre that runs a branch or a village clinic.

Examples
--------
>>> from countycare.labels import InstitutionKind, Name, Ownership
>>> clinic = Institution(
...     id="wr-vc-001",
...     name=Name("East Village clinic", "东村卫生室"),
...     kind=InstitutionKind.VILLAGE_CLINIC,
...     ownership=Ownership.PUBLIC,
...     area="wr-t01-v001",
...     parent="wr-thc-01",
... )
>>> clinic.tier.value, clinic.is_primary
('village', True)
>>> private = Institution(
...     id="wr-cl-001",
...     name=Name("Li's clinic", "李氏诊所"),
...     kind=InstitutionKind.CLINIC,
...     ownership=Ownership.PRIVATE,
...     area="wr-t01",
...     sited_tier=Tier.TOWNSHIP,
... )
>>> private.tier.value, private.is_primary
('township', True)
"""

from __future__ import annotations

import attrs

from countycare.calls import calls_checked
from countycare.coerce import bilingual_name, count, frozen_set, name_arguments, vocabulary
from countycare.errors import FieldError
from countycare.geography import non_negative, valid_id
from countycare.labels import CapabilityGrade, InstitutionKind, Name, Ownership, Service, Tier

__all__ = ["OUTSIDE", "Institution", "Staff"]

#: The id that stands for any provider outside the county in referral and claim records.
OUTSIDE = "outside"


def _check_physicians(instance: Staff, attribute: attrs.Attribute[int], value: int) -> None:
    if value > instance.health_technicians:
        raise FieldError(
            attribute.name,
            f"physicians ({value!r}) cannot exceed "
            f"health_technicians ({instance.health_technicians!r})",
        )


def _check_senior(instance: Staff, attribute: attrs.Attribute[int], value: int) -> None:
    if value > instance.health_technicians:
        raise FieldError(
            attribute.name,
            f"senior_titles ({value!r}) cannot exceed "
            f"health_technicians ({instance.health_technicians!r})",
        )


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Staff:
    """Headcounts: health technicians (卫生技术人员), of whom licensed (assistant) physicians
    (执业(助理)医师) and holders of senior titles (高级职称)."""

    health_technicians: int = attrs.field(default=0, converter=count, validator=non_negative)
    physicians: int = attrs.field(
        default=0, converter=count, validator=[non_negative, _check_physicians]
    )
    senior_titles: int = attrs.field(
        default=0, converter=count, validator=[non_negative, _check_senior]
    )


def _service(value: object, argument: str | None) -> Service:
    return vocabulary(Service, value, argument)


def _services(values: object) -> frozenset[Service]:
    return frozen_set(values, _service)


def _staff(value: object) -> Staff:
    if isinstance(value, Staff):
        return value
    if isinstance(value, dict) and set(value) <= {
        "health_technicians",
        "physicians",
        "senior_titles",
    }:
        return Staff(**value)
    from countycare.coerce import refuse

    raise refuse(None, "headcounts: Staff(health_technicians, physicians, senior_titles)", value)


def _check_sited_tier(
    instance: Institution, attribute: attrs.Attribute[Tier | None], value: Tier | None
) -> None:
    kind = instance.kind
    if value is None:
        if kind.tier is None:
            tiers = " or ".join(sorted(repr(t.value) for t in kind.tiers))
            raise FieldError(
                attribute.name,
                f"a {kind.value} takes the tier of the place it sits in: give sited_tier {tiers}",
            )
        return
    if not isinstance(value, Tier):
        raise FieldError(attribute.name, f"sited_tier must be a Tier, got {value!r}")
    if kind.tier is not None:
        raise FieldError(
            attribute.name,
            f"a {kind.value} is always {kind.tier.value} tier; sited_tier {value.value!r} is "
            "only for kinds whose tier depends on location (clinic)",
        )
    if value not in kind.tiers:
        tiers = " or ".join(sorted(repr(t.value) for t in kind.tiers))
        raise FieldError(attribute.name, f"a {kind.value} is {tiers} tier, not {value.value!r}")


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Institution:
    """A health institution of (or outside) the county.

    ``kind``, ``ownership``, ``grade`` and ``services`` take members or their codes (any case,
    or an English or Chinese label); ``beds`` a Python or numpy whole number.
    """

    id: str = attrs.field(validator=valid_id)
    name: Name = attrs.field(converter=bilingual_name)
    kind: InstitutionKind = attrs.field(converter=InstitutionKind)
    ownership: Ownership = attrs.field(converter=Ownership)
    area: str = attrs.field(validator=valid_id)
    parent: str | None = attrs.field(default=None, validator=attrs.validators.optional(valid_id))
    beds: int = attrs.field(default=0, converter=count, validator=non_negative)
    staff: Staff = attrs.field(factory=Staff, converter=_staff)
    services: frozenset[Service] = attrs.field(factory=frozenset, converter=_services)
    grade: CapabilityGrade | None = attrs.field(
        default=None, converter=attrs.converters.optional(CapabilityGrade)
    )
    #: The tier of the place a clinic sits in (village or township); None for every other kind.
    sited_tier: Tier | None = attrs.field(
        default=None, converter=attrs.converters.optional(Tier), validator=_check_sited_tier
    )

    @property
    def tier(self) -> Tier:
        """The tier: the kind's, or for a clinic the tier of the place it sits in."""
        if self.sited_tier is not None:
            return self.sited_tier
        tier = self.kind.tier
        assert tier is not None  # a kind without one tier needs sited_tier (validated)
        return tier

    @property
    def is_primary(self) -> bool:
        """Whether this is a primary-care institution (基层医疗卫生机构), as NHC statistics count:
        private clinics, infirmaries and outpatient departments included."""
        return self.kind.is_primary
