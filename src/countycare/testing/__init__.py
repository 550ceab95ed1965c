"""Public hypothesis strategies for testing code against valid counties, networks and measures.

Users test their own code with the same generators the library's property tests use::

    from hypothesis import given
    from countycare.testing import counties

    @given(counties())
    def test_my_report(county): ...

Each submodule covers one part of the model; this package re-exports them.
"""

from countycare.testing.county import (
    bilingual_names,
    counties,
    memberships_for,
    staff,
    validity_periods,
)

__all__ = ["bilingual_names", "counties", "memberships_for", "staff", "validity_periods"]
