"""Authority records, the Wanrong governance file and governance file errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from countycare.errors import DataError
from countycare.governance import CommunityGovernance, DecisionArea, separation_problems
from countycare.governance.files import dump_governance, governance_problems, load_governance
from countycare.io import load_county
from countycare.labels import Autonomy
from countycare.provenance import Origin


def test_wanrong_governance_matches_the_seed() -> None:
    """Office at the health bureau; six autonomies; CDC/MCH/TCM heads in the leadership."""
    gov = load_governance("wanrong", load_county("wanrong"))
    assert (gov.community, gov.lead) == ("wr-group", "wr-cgh")
    assert gov.committee is not None
    assert gov.committee.office == "wr-health-bureau"
    assert {g.autonomy for g in gov.autonomies} == set(Autonomy)
    state = gov.state_of("public_health_heads_in_leadership", dt.date(2022, 3, 28))
    assert state is not None and state.value == "implemented"
    assert {r.area for r in gov.decision_rights} == set(DecisionArea)
    assert separation_problems(gov.bodies, gov.decision_rights) == ()


def test_wanrong_marks_what_is_from_the_source() -> None:
    """Every record says its origin; the illustrative ones exist and are labelled so."""
    gov = load_governance("wanrong")
    origins = (
        {r.origin for r in gov.practices}
        | {r.origin for r in gov.decision_rights}
        | {r.origin for r in gov.bodies}
    )
    assert Origin.SOURCE in origins
    assert Origin.ILLUSTRATIVE in origins
    assert all(r.note for r in gov.practices if r.origin is Origin.DERIVED)
    assert gov.provenance.illustrative()


def test_round_trip(tmp_path: Path) -> None:
    """Dumping and loading a governance file gives the same governance."""
    gov = load_governance("wanrong")
    assert load_governance(dump_governance(gov, tmp_path / "g.toml")) == gov
    assert load_governance(dump_governance(gov, tmp_path / "g.json")) == gov


def test_bad_file_reports_every_problem_with_its_path(tmp_path: Path) -> None:
    """Unknown keys, unknown codes and unknown bodies are all reported, each at its path."""
    path = tmp_path / "g.toml"
    path.write_text(
        """community = "g"
lead = "l"
[[bodies]]
id = "b"
name = { en = "B", zh = "乙" }
kind = "health_bureau"
[[autonomies]]
autonomy = "pay_distribution"
granted_by = "nobody"
[[practices]]
practice = "teleport"
state = "implemented"
since = 2020-01-01
[[practices]]
practice = "pay_balance"
state = "finished"
since = 2020-01-01
""",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_governance(path)
    assert [str(p) for p in info.value.problems] == [
        "$.practices[1].state: unknown practice state 'finished'; expected one of: "
        "implemented, partial, planned, absent"
    ]
    path.write_text(
        path.read_text(encoding="utf-8").replace("finished", "absent"), encoding="utf-8"
    )
    _, problems = governance_problems(path)
    assert [p.path for p in problems] == ["$.practices[0].practice", "$.autonomies[0].granted_by"]


def test_county_check_names_the_lead(tmp_path: Path) -> None:
    """Governance keyed to the wrong lead is rejected at $.lead."""
    gov = load_governance("wanrong")
    wrong = CommunityGovernance("wr-group", "wr-tcm", practices=gov.practices)
    path = dump_governance(wrong, tmp_path / "g.toml")
    with pytest.raises(DataError, match=r"\$\.lead: the community's lead is 'wr-cgh'"):
        load_governance(path, load_county("wanrong"))


def test_operator_cannot_regulate_or_assess_itself() -> None:
    """管办分离: a body regulating and operating, or an operator assessing itself, is flagged."""
    from countycare.governance import Body, DecisionRight
    from countycare.labels import Name

    group = Body("grp", Name("Group", "集团"), "medical_group", roles=("operator",))
    bureau = Body("hb", Name("Bureau", "卫健局"), "health_bureau", roles=("regulator", "operator"))
    problems = separation_problems((group, bureau), (DecisionRight("assessment", "grp"),))
    assert problems == (
        "body 'hb' is both regulator and operator",
        "the operator 'grp' decides its own assessment",
    )


def test_committee_members_are_distinct_departments() -> None:
    """A department listed twice on the committee is refused, naming the members."""
    from countycare.governance import ManagementCommittee

    with pytest.raises(ValueError, match="appears twice"):
        ManagementCommittee("c", "county head", ["finance", "finance"], "hb")


def test_decision_area_decided_twice_is_a_problem() -> None:
    """Each decision area has one deciding body; a second is reported at its path."""
    from countycare.governance import Body, DecisionRight
    from countycare.labels import Name

    gov = CommunityGovernance(
        "g",
        "l",
        bodies=[Body("c", Name("Committee", "医管委"), "management_committee")],
        decision_rights=[DecisionRight("planning", "c"), DecisionRight("planning", "c")],
    )
    assert [p.path for p in gov.problems()] == ["$.decision_rights[1].area"]
