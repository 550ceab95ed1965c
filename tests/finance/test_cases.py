"""Hand-computed settlement and payment cases, one data file each (``cases/*.toml``).

Each file states its inputs, the expected results and the arithmetic done by hand; a change to
a formula that alters any of them fails here with the file's name.
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from countycare.finance import (
    DipOutlierRules,
    DipRules,
    DrgRules,
    actual_compensation_ratio,
    dip_payments,
    drg_payments,
    in_scope_reimbursement_rate,
    out_of_pocket,
    per_bed_day_payments,
)
from countycare.finance.rules_file import settlement_case_from_dict
from countycare.units import Q_

CASES = sorted((Path(__file__).parent / "cases").glob("*.toml"))


def _yuan(value: Any) -> float:
    quantity = Q_(value) if isinstance(value, str) else value
    return float(quantity.to("yuan").magnitude)


def _close(got: float, want: float) -> bool:
    return math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-4)


def _check_settlement(case: dict[str, Any]) -> None:
    result = settlement_case_from_dict(case["input"]).settle()
    for field, want in case["expected"].items():
        assert _close(_yuan(getattr(result, field)), _yuan(want)), field


def _check_drg(case: dict[str, Any]) -> None:
    r = case["rules"]
    rules = DrgRules(
        Q_(r["base_rate"]),
        r["high_ratio"],
        r["high_extra_share"],
        r["low_ratio"],
        r["low_cost_share"],
    )
    cases = case["cases"]
    pay = drg_payments(
        np.array(cases["weights"]),
        Q_(np.array(cases["costs"], float), cases["cost_unit"]),
        rules,
        coefficients=cases.get("coefficients"),
    )
    want = Q_(np.array(case["expected"]["payments"], float), case["expected"]["unit"])
    np.testing.assert_allclose(pay.to("yuan").magnitude, want.to("yuan").magnitude)


def _money_array(values: Any) -> Any:
    return None if values is None else Q_(np.array(values, float), "yuan")


def _check_dip(case: dict[str, Any]) -> None:
    i = case["input"]
    outliers = DipOutlierRules(i["high_ratio"], i["low_ratio"]) if "high_ratio" in i else None
    rules = DipRules(i["payment_ratio"], i["fund_share"], outliers)
    result = dip_payments(
        np.array(i["points"], float),
        Q_(i["budget"]),
        rules,
        coefficients=np.array(i["coefficients"]),
        patient_paid=_money_array(i.get("patient_paid")),
        costs=_money_array(i.get("costs")),
        group_costs=_money_array(i.get("group_costs")),
    )
    np.testing.assert_allclose(result.values.to("yuan").magnitude, case["expected"]["values"])
    assert _close(
        float(result.point_value.to("yuan / point").magnitude), case["expected"]["point_value"]
    )
    want = Q_(np.array(case["expected"]["payments"], float), case["expected"]["unit"])
    np.testing.assert_allclose(result.payments.to("yuan").magnitude, want.to("yuan").magnitude)


def _check_bed_day(case: dict[str, Any]) -> None:
    i = case["input"]
    pay = per_bed_day_payments(Q_(np.array(i["days"], float), "bed_day"), Q_(i["rate"]), i["cap"])
    want = Q_(np.array(case["expected"]["payments"], float), case["expected"]["unit"])
    np.testing.assert_allclose(pay.to("yuan").magnitude, want.to("yuan").magnitude)


def _check_compensation(case: dict[str, Any]) -> None:
    total, paid = Q_(case["input"]["total_cost"]), Q_(case["input"]["fund_paid"])
    assert _close(
        float(actual_compensation_ratio(paid, total).magnitude), case["expected"]["ratio"]
    )
    eligible = Q_(case["input"]["eligible_cost"])
    assert _close(
        float(in_scope_reimbursement_rate(paid, eligible).magnitude),
        case["expected"]["in_scope_rate"],
    )
    assert _close(_yuan(out_of_pocket(total, paid)), _yuan(case["expected"]["out_of_pocket"]))


CHECKS = {
    "settlement": _check_settlement,
    "drg": _check_drg,
    "dip": _check_dip,
    "bed_day": _check_bed_day,
    "compensation": _check_compensation,
}


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_hand_computed_case(path: Path) -> None:
    """The library reproduces the hand computation written in the case file."""
    case = tomllib.loads(path.read_text(encoding="utf-8"))
    assert case["hand_computation"].strip(), "a case must show its arithmetic"
    CHECKS[case["kind"]](case)


def test_every_kind_of_case_is_covered() -> None:
    """Each kind of computation has at least one hand-computed case file."""
    kinds = {tomllib.loads(p.read_text(encoding="utf-8"))["kind"] for p in CASES}
    assert kinds == set(CHECKS)
