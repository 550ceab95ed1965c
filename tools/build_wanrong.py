"""Build ``src/countycare/datasets/wanrong.toml``, the embedded Wanrong county.

The counts come from the interview with the group's head (健康县域传媒, 2022-03-28): 14
townships, 207 villages, 362,000 residents, 68.8 % agricultural, 3 county public hospitals, 17
township health centres of which 3 are branches, 274 village clinics, 6 private hospitals, the
medical group founded April 2017 and led by the People's Hospital. Everything per place
(village populations, beds, staff, which centres meet which standard) is illustrative, drawn from
a seeded generator, and the file's provenance says so.

Run ``python tools/build_wanrong.py`` after changing this script; a test checks the packaged file
still equals what this script builds.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from countycare.community import County, MedicalCommunity, Membership  # noqa: E402
from countycare.geography import Township, TownshipKind, Village  # noqa: E402
from countycare.institutions import Institution, Staff  # noqa: E402
from countycare.io import dump_county  # noqa: E402
from countycare.labels import (  # noqa: E402
    CapabilityGrade,
    InstitutionKind,
    MembershipRole,
    Name,
    Ownership,
    Service,
)
from countycare.provenance import Fact, Origin, Provenance, Source  # noqa: E402
from countycare.validation import check_county  # noqa: E402

INTERVIEW = "wanrong-interview-2022"
FOUNDED = dt.date(2017, 4, 1)
POPULATION = 362_000
# (pinyin, Chinese): the four towns then the ten townships, as commonly listed for Wanrong.
TOWNSHIPS = [
    ("Jiedian Town", "解店镇"),
    ("Tonghua Town", "通化镇"),
    ("Hanxue Town", "汉薛镇"),
    ("Ronghe Town", "荣河镇"),
    ("Wanquan Township", "万泉乡"),
    ("Liwang Township", "里望乡"),
    ("Xicun Township", "西村乡"),
    ("Nanzhang Township", "南张乡"),
    ("Gaocun Township", "高村乡"),
    ("Huangfu Township", "皇甫乡"),
    ("Jiacun Township", "贾村乡"),
    ("Wangxian Township", "王显乡"),
    ("Guanghua Township", "光华乡"),
    ("Peizhuang Township", "裴庄乡"),
]
TOWNS = 4  # the first four are towns (镇), the rest townships (乡)
# Residents' committees (居委会) per town, the county seat first; townships have none
# (illustrative: no source at hand gives them).
RESIDENTS_COMMITTEES = (6, 1, 1, 1)
AREA_KM2 = 1081.5
AREA_SOURCE = "cncn-wanrong"
BRANCH_TOWNSHIPS = (2, 5, 9)  # township numbers with a branch centre (illustrative)
RECOMMENDED_CENTRES = (
    1,
    2,
    3,
    4,
    8,
)  # the five meeting the recommended standard (which: illustrative)


def _villages_per_township(rng: random.Random) -> list[int]:
    counts = [14] * len(TOWNSHIPS)  # 196
    for t in rng.sample(range(len(TOWNSHIPS)), 207 - sum(counts)):
        counts[t] += 1
    return counts


def _populations(rng: random.Random, n: int) -> list[int]:
    weights = [rng.lognormvariate(0.0, 0.45) for _ in range(n)]
    weights[:20] = [w * 2.2 for w in weights[:20]]  # the county seat's villages are larger
    total = sum(weights)
    pops = [int(POPULATION * w / total) for w in weights]
    pops[0] += POPULATION - sum(pops)
    return pops


def build() -> County:
    """The Wanrong county model."""
    rng = random.Random(20220328)
    counts = _villages_per_township(rng)
    pops = iter(_populations(rng, sum(counts)))
    townships = []
    for t, ((en, zh), n) in enumerate(zip(TOWNSHIPS, counts, strict=True), start=1):
        stem_en = en.split()[0]
        villages = tuple(
            Village(
                f"wr-t{t:02d}-v{v:02d}",
                Name(f"{stem_en} village {v:02d}", f"{zh}第{v:02d}村"),
                population=next(pops),
            )
            for v in range(1, n + 1)
        )
        town = t <= TOWNS
        townships.append(
            Township(
                f"wr-t{t:02d}",
                Name(en, zh),
                villages,
                kind=TownshipKind.TOWN if town else TownshipKind.TOWNSHIP,
                residents_committees=RESIDENTS_COMMITTEES[t - 1] if town else 0,
            )
        )

    def hospital(
        ident: str,
        kind: InstitutionKind,
        en: str,
        zh: str,
        beds: int,
        staff: tuple[int, int, int],
        services: set[Service],
        grade: CapabilityGrade | None = None,
    ) -> Institution:
        return Institution(
            ident,
            Name(en, zh),
            kind,
            Ownership.PUBLIC,
            "wr-t01",
            beds=beds,
            staff=Staff(*staff),
            services=frozenset(services),
            grade=grade,
        )

    everything = {
        Service.IMAGING,
        Service.CT,
        Service.MRI,
        Service.ULTRASOUND,
        Service.ECG,
        Service.LABORATORY,
        Service.EMERGENCY,
        Service.INPATIENT,
    }
    institutions = [
        hospital(
            "wr-cgh",
            InstitutionKind.COUNTY_GENERAL_HOSPITAL,
            "Wanrong County People's Hospital",
            "万荣县人民医院",
            620,
            (780, 265, 58),
            everything
            | {
                Service.OPHTHALMOLOGY,
                Service.GYNAECOLOGY,
                Service.PAEDIATRICS,
                Service.CHRONIC_DISEASE_MANAGEMENT,
                Service.REHABILITATION,
            },
            CapabilityGrade.RECOMMENDED,
        ),
        hospital(
            "wr-tcm",
            InstitutionKind.COUNTY_TCM_HOSPITAL,
            "Wanrong County Hospital of Traditional Chinese Medicine",
            "万荣县中医医院",
            220,
            (260, 92, 17),
            {
                Service.TCM_HALL,
                Service.IMAGING,
                Service.ULTRASOUND,
                Service.ECG,
                Service.LABORATORY,
                Service.INPATIENT,
                Service.REHABILITATION,
            },
        ),
        hospital(
            "wr-mch",
            InstitutionKind.MATERNAL_CHILD_HEALTH,
            "Wanrong County Maternal and Child Health Hospital",
            "万荣县妇幼保健院",
            80,
            (120, 41, 6),
            {
                Service.GYNAECOLOGY,
                Service.PAEDIATRICS,
                Service.ULTRASOUND,
                Service.INPATIENT,
                Service.PUBLIC_HEALTH,
            },
        ),
        hospital(
            "wr-cdc",
            InstitutionKind.CDC,
            "Wanrong County Center for Disease Control and Prevention",
            "万荣县疾病预防控制中心",
            0,
            (45, 12, 3),
            {Service.LABORATORY, Service.PUBLIC_HEALTH},
        ),
    ]
    extras = [
        Service.OPHTHALMOLOGY,
        Service.GYNAECOLOGY,
        Service.PAEDIATRICS,
        Service.CT,
        Service.MRI,
        Service.ULTRASOUND,
    ]
    for t, township in enumerate(townships, start=1):
        staff = rng.randint(28, 70)
        services = {
            Service.TCM_HALL,
            Service.ECG,
            Service.LABORATORY,
            Service.INPATIENT,
            Service.PUBLIC_HEALTH,
            Service.CHRONIC_DISEASE_MANAGEMENT,
        }
        services |= set(rng.sample(extras, rng.randint(0, 3)))
        institutions.append(
            Institution(
                f"wr-thc-{t:02d}",
                Name(f"{township.name.en} Health Centre", f"{township.name.zh}卫生院"),
                InstitutionKind.TOWNSHIP_HEALTH_CENTRE,
                Ownership.PUBLIC,
                township.id,
                beds=rng.randint(20, 60),
                staff=Staff(staff, staff // 3, rng.randint(0, 3)),
                services=frozenset(services),
                grade=CapabilityGrade.RECOMMENDED
                if t in RECOMMENDED_CENTRES
                else CapabilityGrade.BASIC,
            )
        )
    for b, t in enumerate(BRANCH_TOWNSHIPS, start=1):
        township = townships[t - 1]
        institutions.append(
            Institution(
                f"wr-thb-{b:02d}",
                Name(f"{township.name.en} Health Centre, branch", f"{township.name.zh}卫生院分院"),
                InstitutionKind.TOWNSHIP_BRANCH,
                Ownership.PUBLIC,
                township.id,
                parent=f"wr-thc-{t:02d}",
                beds=rng.randint(8, 20),
                staff=Staff(14, 5, 0),
                services=frozenset({Service.TCM_HALL, Service.PUBLIC_HEALTH}),
            )
        )
    placed = [(t, v) for t, township in enumerate(townships, start=1) for v in township.villages]
    second_clinic = {
        v.id for _, v in sorted(placed, key=lambda tv: -tv[1].population)[: 274 - len(placed)]
    }
    n = 0
    for t, village in placed:
        for k in range(2 if village.id in second_clinic else 1):
            n += 1
            suffix_en, suffix_zh = ("", "") if k == 0 else (" (second)", "第二")
            institutions.append(
                Institution(
                    f"wr-vc-{n:03d}",
                    Name(
                        f"{village.name.en} clinic{suffix_en}",
                        f"{village.name.zh}{suffix_zh}卫生室",
                    ),
                    InstitutionKind.VILLAGE_CLINIC,
                    Ownership.PUBLIC,
                    village.id,
                    parent=f"wr-thc-{t:02d}",
                    staff=Staff(rng.randint(1, 3), 1, 0),
                    services=frozenset(
                        {Service.PUBLIC_HEALTH, Service.CHRONIC_DISEASE_MANAGEMENT}
                        | ({Service.ECG} if rng.random() < 0.45 else set())
                    ),
                )
            )
    for p in range(1, 7):
        institutions.append(
            Institution(
                f"wr-ph-{p}",
                Name(f"Private hospital {p}", f"民营医院{p}"),
                InstitutionKind.PRIVATE_HOSPITAL,
                Ownership.PRIVATE,
                "wr-t01" if p <= 4 else f"wr-t{p - 3:02d}",
                beds=rng.randint(20, 99),
                staff=Staff(30, 10, 1),
                services=frozenset({Service.INPATIENT, Service.ULTRASOUND}),
            )
        )
    role = {
        InstitutionKind.COUNTY_GENERAL_HOSPITAL: MembershipRole.LEAD,
        InstitutionKind.TOWNSHIP_HEALTH_CENTRE: MembershipRole.MEMBER,
        InstitutionKind.TOWNSHIP_BRANCH: MembershipRole.BRANCH,
        InstitutionKind.VILLAGE_CLINIC: MembershipRole.VILLAGE_AFFILIATE,
    }
    memberships = tuple(
        Membership(i.id, role[i.kind], valid_from=FOUNDED) for i in institutions if i.kind in role
    )
    group = MedicalCommunity(
        "wr-group",
        Name("Wanrong County Medical Group", "万荣县医疗集团"),
        "wr-cgh",
        memberships,
        founded=FOUNDED,
    )
    return County(
        "wanrong",
        Name("Wanrong County", "万荣县"),
        tuple(townships),
        tuple(institutions),
        (group,),
        province=Name("Shanxi", "山西省"),
        prefecture=Name("Yuncheng", "运城市"),
        agricultural_share=0.688,
        provenance=_provenance(),
        area_km2=AREA_KM2,
    )


def _provenance() -> Provenance:
    sources = (
        Source(
            INTERVIEW,
            "直播回顾丨一体化改革,助力县域医疗资源实现“活、紧、快” (interview with Dong Yongkai, head of the Wanrong County Medical Group)",
            "健康县域传媒 (Health County Media), 2022-03-28, reporter 裴燕; see the docs page Sources, id wanrong-interview-2022",
        ),
        Source(
            AREA_SOURCE,
            "万荣指南 (Wanrong county guide)",
            "欣欣旅游 cncn.com, 万荣县当地介绍: 总面积1081.5平方公里",
            "http://yuncheng.cncn.com/wanrong/zhinan",
        ),
    )
    s, i, d = Origin.SOURCE, Origin.ILLUSTRATIVE, Origin.DERIVED
    facts = (
        Fact("$.townships", "14 townships", s, INTERVIEW),
        Fact("$.townships[*].villages", "207 administrative villages in all", s, INTERVIEW),
        Fact(
            "$.townships[*].villages[*].population",
            "resident population 362,000 in all",
            s,
            INTERVIEW,
        ),
        Fact("$.agricultural_share", "68.8 % of the population is agricultural", s, INTERVIEW),
        Fact("$.province, $.prefecture", "Yuncheng prefecture, Shanxi province", s, INTERVIEW),
        Fact(
            "$.institutions",
            "3 county public hospitals, 17 township health centres of which 3 branches, 274 village clinics, 6 private hospitals",
            s,
            INTERVIEW,
        ),
        Fact(
            "$.institutions[wr-cdc]",
            "the county CDC (its head joined the group's leadership)",
            s,
            INTERVIEW,
        ),
        Fact(
            "$.communities[0]",
            "the medical group, founded April 2017, led by the People's Hospital, integrates the 14 township health centres",
            s,
            INTERVIEW,
        ),
        Fact(
            "$.communities[0].memberships[*].valid_from",
            "April 2017 is from the source; the day (the 1st) is illustrative",
            i,
            INTERVIEW,
        ),
        Fact(
            "$.institutions[*].services",
            "all 14 township centres have a TCM hall (中医馆)",
            s,
            INTERVIEW,
        ),
        Fact(
            "$.institutions[wr-thc-*].grade",
            "5 of the 14 township centres meet the national recommended standard; which five, and 'basic' for the rest, are illustrative",
            i,
            INTERVIEW,
        ),
        Fact(
            "$.institutions[wr-cgh].grade",
            "the People's Hospital passed the national recommended standard for county hospitals",
            s,
            INTERVIEW,
        ),
        Fact(
            "$.area_km2",
            "county area 1,081.5 km² (总面积1081.5平方公里); the same page's older summary gives "
            "1,039 km², so the figure is secondary, not official",
            s,
            AREA_SOURCE,
        ),
        Fact(
            "$.townships[*].kind",
            "4 towns (镇) and 10 townships (乡), following the township names as commonly listed; "
            "no source at hand confirms the split",
            i,
        ),
        Fact(
            "$.townships[*].residents_committees",
            "residents' committees (居委会): 6 in the county seat's town, 1 in each other town, "
            "none in the townships",
            i,
        ),
        Fact(
            "$.townships[*].name",
            "township names as commonly listed for Wanrong; not in the interview",
            i,
        ),
        Fact(
            "$.townships[*].villages[*]",
            "how villages are divided among townships, their names and populations",
            i,
        ),
        Fact(
            "$.institutions[*].beds, $.institutions[*].staff",
            "beds and staff of every institution",
            i,
        ),
        Fact(
            "$.institutions[*].services", "services other than the township centres' TCM halls", i
        ),
        Fact(
            "$.institutions[wr-vc-*]",
            "which villages have two clinics, and the village clinics' ECG devices",
            i,
        ),
        Fact("$.institutions[wr-thb-*]", "which townships have the three branch centres", i),
        Fact("$.institutions[wr-ph-*]", "names and places of the six private hospitals", i),
        Fact(
            "$.communities[0].memberships",
            "branches and village clinics as members of the group (affiliated through their township centres)",
            d,
            INTERVIEW,
        ),
    )
    return Provenance(sources, facts)


def main() -> None:
    county = check_county(build())
    target = ROOT / "src" / "countycare" / "datasets" / "wanrong.toml"
    dump_county(county, target)
    header = "# The embedded Wanrong county (万荣县). Generated by tools/build_wanrong.py: edit that, not this.\n"
    target.write_text(header + target.read_text(encoding="utf-8"), encoding="utf-8")
    print(
        f"wrote {target.relative_to(ROOT)}: {len(county.institutions)} institutions, population {county.population}"
    )


if __name__ == "__main__":
    main()
