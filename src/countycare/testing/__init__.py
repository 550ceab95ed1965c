"""Public hypothesis strategies for testing code against valid counties, networks and measures.

Users test their own code with the same generators the library's property tests use::

    from hypothesis import given
    from countycare.testing import counties

    @given(counties())
    def test_my_report(county): ...

Each submodule covers one part of the model; this package re-exports them. It needs hypothesis
(``pip install "countycare[testing]"``).
"""

from countycare.testing.county import (
    bilingual_names,
    counties,
    memberships_for,
    staff,
    validity_periods,
)
from countycare.testing.governance import (
    amounts,
    community_governance,
    points_arrays,
    practice_records,
    settlement_rules,
    shares,
    spending,
)
from countycare.testing.measures import (
    age_band_tables,
    institution_tables,
    measure_tables,
    part_whole_tables,
    rollup_counties,
    small_county,
    values,
)
from countycare.testing.natural import (
    natural_codes,
    natural_collections,
    natural_counts,
    natural_dates,
    natural_names,
    natural_numbers,
    natural_periods,
    wrong_values,
)
from countycare.testing.networks import (
    referral_counties,
    referral_networks,
    referral_periods,
    referral_records,
    small_referral_county,
)
from countycare.testing.records import claim_tables, encounter_tables, small_record_county

__all__ = [
    "age_band_tables",
    "amounts",
    "bilingual_names",
    "claim_tables",
    "community_governance",
    "counties",
    "encounter_tables",
    "institution_tables",
    "measure_tables",
    "memberships_for",
    "natural_codes",
    "natural_collections",
    "natural_counts",
    "natural_dates",
    "natural_names",
    "natural_numbers",
    "natural_periods",
    "part_whole_tables",
    "points_arrays",
    "practice_records",
    "referral_counties",
    "referral_networks",
    "referral_periods",
    "referral_records",
    "rollup_counties",
    "settlement_rules",
    "shares",
    "small_county",
    "small_record_county",
    "small_referral_county",
    "spending",
    "staff",
    "validity_periods",
    "values",
    "wrong_values",
]
