"""countycare as a library another system imports: natural forms in, plain data out.

Builds a county from codes, ISO strings, pandas Timestamps and numpy scalars (what a health
information platform's export has at hand), round-trips it through TOML and JSON unchanged, reads
measures from a pandas DataFrame, builds a scorecard from a set code and indexes it by code and by
item number, judges it against a county target written with a symbol and a Chinese label,
exports the referral network with ``to_networkx()`` and writes it as GraphML, settles a budget
from numpy numbers and ``(amount, unit)`` pairs in the units a user writes (``"万元"``,
``"10k yuan"``), prints money to the fen, and shows that each wrong type passed gets a
``CountyCareError`` naming the argument (or the item of a list: ``years[1]``), never another
exception. Writes ``natural.toml``,
``natural.json`` and ``referrals.graphml`` to the current folder.

Run: ``python examples/library_natural_forms.py``
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import networkx as nx
import numpy as np
import pandas as pd

from countycare import (
    County,
    CountyCareError,
    Institution,
    MedicalCommunity,
    Membership,
    PracticeRecord,
    SettlementRules,
    Spending,
    Target,
    TargetBook,
    Township,
    Village,
    build_network,
    build_scorecard,
    dump_county,
    load_county,
    measure_records,
    read_measures,
    settle,
    synthetic_referrals,
    ureg,
    validate_county,
)

# -- a county from the forms an export has: codes, text dates, Timestamps, numpy numbers --------

villages = [
    Village("ex-t1-v1", ("East Village", "东村"), population=np.int64(1_240)),
    Village("ex-t1-v2", ("West Village", "西村"), population=np.int32(860), agricultural_share=0.7),
]
township = Township("ex-t1", ("Hanxue Town", "汉薛镇"), villages=villages)  # a list is fine
institutions = [
    Institution(
        "ex-lead", ("County People's Hospital", "县人民医院"), "county_general_hospital",
        "public", "ex", beds=np.int64(420), services=["CT", "inpatient", "急诊"],
    ),
    Institution(
        "ex-thc-1", ("Hanxue Health Centre", "汉薛镇卫生院"), "Township health centre",
        "PUBLIC", "ex-t1", beds=np.float64(30.0), grade="basic",
    ),
    Institution(
        "ex-vc-1", ("East Village clinic", "东村卫生室"), "村卫生室", "public", "ex-t1-v1",
        parent="ex-thc-1",
    ),
]  # fmt: skip
memberships = [
    Membership("ex-lead", "lead", valid_from="2019-01-01"),
    Membership("ex-thc-1", "member", valid_from=pd.Timestamp("2019-01-01")),
    Membership("ex-vc-1", "village_affiliate", valid_from=np.datetime64("2019-03-01")),
]
community = MedicalCommunity(
    "ex-group", ("Example medical group", "示例医疗集团"), "ex-lead", memberships,
    founded=pd.Timestamp("2019-01-01"),
)  # fmt: skip
county = County("ex", ("Example County", "示例县"), [township], institutions, [community])
errors = [p for p in validate_county(county) if p.severity.value == "error"]
print(f"built {county.name}: {len(county.institutions)} institutions, {len(errors)} errors")
population, day = villages[0].population, memberships[1].valid_from
print(f"stored: population {type(population).__name__}, valid_from {type(day).__name__}, "
      f"kind {institutions[2].kind.value}")  # fmt: skip

# -- round trips: TOML (dates as TOML dates) and JSON, unchanged --------------------------------

for suffix in ("toml", "json"):
    path = dump_county(county, Path(f"natural.{suffix}"))
    assert load_county(path) == county, suffix
    print(f"{path}: round trip unchanged")
toml_text = Path("natural.toml").read_text("utf-8")
toml_dates = [line for line in toml_text.splitlines() if "2019" in line]
print(f"a TOML date, not text: {toml_dates[0].strip()}")

# -- measures from a pandas DataFrame, a scorecard from a set code and a year -------------------

frame = pd.DataFrame(
    {
        "scope": ["ex", "ex"],
        "period": [2024, 2024],
        "measure": ["visits", "visits_primary"],
        "value": np.array([52_000, 33_800], dtype=np.int64),
    }
)
table = read_measures(frame, county=county)
print(f"read {len(table)} measures from a DataFrame; back out: {table.to_pandas().shape}")
card = build_scorecard("nhc-2024", table, "ex", "2024")
line = card["primary_visit_share"]  # by indicator code …
if card["3.1"] != line:  # … or by item number: the same line
    raise SystemExit("card['3.1'] is not the primary visit share")
print(f"  item {line.definition.item}, {line.definition.code}: {line.value.value:.4g} "
      f"{line.definition.unit}")  # fmt: skip
# a county's own target as a caller writes it: a symbol, a Chinese label, a pint unit, a title
plan = Target(indicator="primary_visit_share", sets="nhc-2024", comparator="≥",
              threshold=np.int64(60), unit=ureg.percent, scope="县", scope_id="ex",
              source="Example county work plan", valid_from="2024-01-01")  # fmt: skip
judged = build_scorecard("nhc-2024", table, "ex", 2024, targets=TargetBook([plan]))["3.1"]
print(f"  target {plan.describe()} / {plan.describe('zh')}: {judged.verdict.value}")

# -- the referral network as a plain networkx graph, written as GraphML -------------------------

wanrong = load_county("wanrong")
network = build_network(synthetic_referrals("wanrong", "2024", 3_000, seed=1), wanrong, "2024")
graph = network.to_networkx()
nx.write_graphml(graph, "referrals.graphml")
lead = wanrong.communities[0].lead
centrality = nx.in_degree_centrality(graph)
print(f"referrals.graphml: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; "
      f"in-degree centrality of the lead {centrality[lead]:.2f}")  # fmt: skip

# -- money and governance from natural forms; every result's to_dict() is its --json document ---

rules = SettlementRules(np.float64(0.6), 0.5, include_out_of_county=np.bool_(False))
settlement = settle((9_800.123456, "万元"), Spending((9_500, "10k yuan"), (300, "万元")),
                    rules, year=2024)  # fmt: skip
document = settlement.to_dict()
print(f"settled {document['year']}: fund pays {document['fund_payment']:,} yuan "
      f"({document['budget_method']['code']} budget; money to the fen)")  # fmt: skip
record = PracticeRecord("single_account", "Implemented", pd.Timestamp("2019-01-01"))
print(f"practice record since {record.since!r}")

# -- wrong types: a CountyCareError naming the argument, never another exception ----------------

wrong_calls: list[tuple[str, Callable[[], Any]]] = [
    ("kind", lambda: Institution("x", ("A", "甲"), "village_clinc", "public", "ex")),
    ("population", lambda: Village("v", ("A", "甲"), population=12.5)),
    ("population", lambda: Village("v", ("A", "甲"), population="1200")),
    ("valid_from", lambda: Membership("x", "member", valid_from=pd.Timestamp("2019-01-01 08:30"))),
    ("villages", lambda: Township("t", ("A", "甲"), villages="ex-t1-v1")),
    ("name", lambda: County("c", "Example County")),
    ("period", lambda: build_network(synthetic_referrals(wanrong, 2024, 10), wanrong, "2024Q5")),
    ("indicator_set", lambda: build_scorecard("nhc-2042", table, "ex", 2024)),
    ("primary_visit_shar", lambda: card["primary_visit_shar"]),
    ("path", lambda: read_measures(3.5)),
    ("budget", lambda: settle(125_000, Spending((90, "wan_yuan"), (0, "yuan")), rules)),
    ("in_county", lambda: Spending((90, "万圆"), (0, "元"))),
    ("include_out_of_county", lambda: SettlementRules(0.5, 0.5, include_out_of_county="yes")),
    ("since", lambda: PracticeRecord("single_account", "implemented", "2019-13-01")),
    ("comparator", lambda: attrs.evolve(plan, comparator="abuot")),
    ("years[1]", lambda: measure_records(wanrong, {}, [2023, "2024"])),  # type: ignore[list-item]
]
for argument, call in wrong_calls:
    try:
        call()
    except CountyCareError as exc:
        message = str(exc)
    else:
        raise SystemExit(f"{argument}: a wrong value was accepted")
    if argument not in message:
        raise SystemExit(f"the error does not name {argument!r}: {message}")
    print(f"  refused: {message}")
