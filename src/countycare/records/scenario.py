"""Parameters of a synthetic county-year: how much care, where, what it costs.

Defaults follow the NHC statistical communiqué 2023: 6.8 visits per resident
a year, about 77,000 admissions per 360,000 residents, a mean of 362 yuan per outpatient visit and
10,316 yuan per admission. The remaining defaults (shares by tier, referral probabilities, the
fund's payment ratios) are illustrative values chosen to give national-looking indicators (a
primary visit share near the 2024 national 63.4 %); they are not sourced figures.

Examples
--------
>>> import numpy as np
>>> s = Scenario()
>>> s.visits_per_resident, s.mean_visit_cost, s.mean_admission_cost
(6.8, 362.0, 10316.0)
>>> round(s.admissions_per_resident * 360_000)
77000
>>> Scenario(insured_share=1.5)
Traceback (most recent call last):
...
countycare.errors.FieldError: insured_share must be a share between 0 and 1, got 1.5
>>> Scenario(first_contact_shares=np.array([0.3, 0.3, 0.4])).first_contact_shares
(0.3, 0.3, 0.4)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import attrs

from countycare.calls import calls_checked
from countycare.coerce import describe, name_arguments, numeric
from countycare.errors import FieldError

__all__ = ["Scenario"]


def _is_number(value: object) -> bool:
    return isinstance(value, float) and math.isfinite(value)


def _positive(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not _is_number(value) or not value > 0:
        raise FieldError(
            attribute.name, f"{attribute.name} must be a positive number, got {describe(value)}"
        )


def share(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    """A share is a number in [0, 1]."""
    if not _is_number(value) or not 0.0 <= value <= 1.0:
        raise FieldError(
            attribute.name,
            f"{attribute.name} must be a share between 0 and 1, got {describe(value)}",
        )


def _three_numbers(value: object) -> object:
    """Any iterable of numbers as a tuple of floats; anything else as it is, for the validator."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        return value
    return tuple(numeric(v) for v in value)


def _shares_sum_to_one(
    instance: Scenario, attribute: attrs.Attribute[tuple[float, float, float]], value: object
) -> None:
    if (
        not isinstance(value, tuple)
        or len(value) != 3
        or any(not _is_number(v) or v < 0 for v in value)
        or abs(sum(value) - 1.0) > 1e-9
    ):
        raise FieldError(
            attribute.name,
            f"{attribute.name} must be three shares (village, township, county) summing to 1, "
            f"got {describe(value)}",
        )


@calls_checked
@attrs.frozen(field_transformer=name_arguments)
class Scenario:
    """Scenario parameters of the synthetic generator (rates are per resident per year).

    Every parameter is a Python or numpy number (stored as a float); the first-contact shares
    any iterable of three.
    """

    #: Outpatient and emergency visits per resident a year (6.8 nationally, 2023).
    visits_per_resident: float = attrs.field(default=6.8, converter=numeric, validator=_positive)
    #: Admissions per resident a year (≈ 77,000 per 360,000 residents).
    admissions_per_resident: float = attrs.field(
        default=77_000 / 360_000, converter=numeric, validator=_positive
    )
    #: Where first contact happens: shares of visits at (village, township, county) tiers.
    first_contact_shares: tuple[float, float, float] = attrs.field(
        default=(0.30, 0.34, 0.36), converter=_three_numbers, validator=_shares_sum_to_one
    )
    #: Share of admissions at township centres (the rest at county-level hospitals).
    township_admission_share: float = attrs.field(default=0.28, converter=numeric, validator=share)
    #: Share of county-tier visits that are emergencies.
    emergency_share: float = attrs.field(default=0.08, converter=numeric, validator=share)
    #: Share of visits outside TCM hospitals that are TCM visits (TCM halls, TCM services).
    tcm_share: float = attrs.field(default=0.14, converter=numeric, validator=share)
    #: Share of patients insured by the county's fund.
    insured_share: float = attrs.field(default=0.95, converter=numeric, validator=share)
    #: Share of encounters by residents (the rest are visitors).
    resident_share: float = attrs.field(default=0.97, converter=numeric, validator=share)
    #: Mean cost of an outpatient or emergency visit, yuan (362 nationally, 2023).
    mean_visit_cost: float = attrs.field(default=362.0, converter=numeric, validator=_positive)
    #: Mean cost of an admission, yuan (10,316 nationally, 2023).
    mean_admission_cost: float = attrs.field(
        default=10_316.0, converter=numeric, validator=_positive
    )
    #: Log-scale spread of costs (log-normal sigma).
    cost_sigma: float = attrs.field(default=0.8, converter=numeric, validator=_positive)
    #: Share of cost the fund pays for a visit and for an admission.
    fund_ratio_visit: float = attrs.field(default=0.45, converter=numeric, validator=share)
    fund_ratio_admission: float = attrs.field(default=0.62, converter=numeric, validator=share)
    #: Admissions of the insured outside the county, as a share of all their admissions.
    out_of_county_admission_share: float = attrs.field(
        default=0.12, converter=numeric, validator=share
    )
    #: Visits of the insured outside the county, as a share of all their visits.
    out_of_county_visit_share: float = attrs.field(default=0.04, converter=numeric, validator=share)
    #: Retail pharmacy claims per resident a year.
    pharmacy_claims_per_resident: float = attrs.field(
        default=0.5, converter=numeric, validator=_positive
    )
    #: Probability that a primary visit is referred up; a county admission down; out of county.
    upward_referral_probability: float = attrs.field(
        default=0.015, converter=numeric, validator=share
    )
    downward_referral_probability: float = attrs.field(
        default=0.05, converter=numeric, validator=share
    )
    out_of_county_referral_probability: float = attrs.field(
        default=0.06, converter=numeric, validator=share
    )
    #: Remote diagnostic reads for primary institutions per resident a year.
    remote_reads_per_resident: float = attrs.field(
        default=0.25, converter=numeric, validator=_positive
    )
    #: Physicians of county hospitals posted to primary institutions per 10,000 residents.
    postings_per_10k: float = attrs.field(default=3.0, converter=numeric, validator=_positive)
    #: Hypertension and diabetes patients enrolled in management (2010–2019) as shares of
    #: residents; about 5 % of them leave management each year from 2020 on.
    hypertension_managed_share: float = attrs.field(
        default=0.08, converter=numeric, validator=share
    )
    diabetes_managed_share: float = attrs.field(default=0.025, converter=numeric, validator=share)
    #: Crude death rate (deaths per resident a year).
    death_rate: float = attrs.field(default=0.007, converter=numeric, validator=share)
