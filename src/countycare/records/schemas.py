"""Canonical record schemas (Arrow): the columns, types and units of each kind of record.

Users' real data is records: encounters from the hospitals' information systems, insurance fund
claims, staff postings, remote diagnostic reads, the chronic-disease register, deaths and the
population by age band, and referral records. Each kind has one Arrow
schema; every field carries its unit and meaning as field metadata (``unit``, ``description``),
so that a schema documents itself. Money is in ``yuan``; dates are calendar dates.

Referral records use the column names of :mod:`countycare.referrals` (``referral_id, patient_id,
from_id, to_id, date, setting, status``).

Examples
--------
>>> s = schema(RecordKind.ENCOUNTERS)
>>> s.names[:4]
['encounter_id', 'patient_id', 'institution_id', 'date']
>>> field_unit(RecordKind.ENCOUNTERS, "total_cost")
'yuan'
>>> RecordKind("claims").zh
'医保结算记录'
"""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa

from countycare.coerce.arguments import boundary
from countycare.labels import BilingualEnum

__all__ = [
    "AGE_BANDS_ALL",
    "SCHEMAS",
    "ChronicCondition",
    "DeathCause",
    "ReadModality",
    "RecordKind",
    "StaffTitle",
    "field_unit",
    "schema",
]


class RecordKind(BilingualEnum):
    """The kinds of record the engine reads; the code is also the dataset folder name."""

    ENCOUNTERS = ("encounters", "Encounters (visits and admissions)", "诊疗记录")
    CLAIMS = ("claims", "Insurance fund claims", "医保结算记录")
    POSTINGS = ("postings", "Staff postings", "人员派驻记录")
    REMOTE_READS = ("remote_reads", "Remote diagnostic reads", "远程诊断记录")
    CHRONIC_REGISTER = ("chronic_register", "Chronic-disease register", "慢病管理登记")
    DEATHS = ("deaths", "Deaths", "死亡登记")
    POPULATION = ("population", "Population by age band", "分年龄组人口")
    REFERRALS = ("referrals", "Referrals", "转诊记录")


class ChronicCondition(BilingualEnum):
    """Conditions of the chronic-disease register (the two of indicator 5.1)."""

    HYPERTENSION = ("hypertension", "Hypertension", "高血压")
    DIABETES = ("diabetes", "Type 2 diabetes", "2型糖尿病")


class StaffTitle(BilingualEnum):
    """Professional title of a posted physician."""

    JUNIOR = ("junior", "Junior title", "初级职称")
    INTERMEDIATE = ("intermediate", "Intermediate title", "中级职称")
    SENIOR = ("senior", "Senior title", "高级职称")


class ReadModality(BilingualEnum):
    """What a remote diagnostic read examined."""

    IMAGING = ("imaging", "Imaging", "影像")
    ECG = ("ecg", "ECG", "心电")
    ULTRASOUND = ("ultrasound", "Ultrasound", "超声")
    EEG = ("eeg", "EEG", "脑电")
    PATHOLOGY = ("pathology", "Pathology", "病理")


class DeathCause(BilingualEnum):
    """Cause-of-death groups: the four NCD groups of SDG 3.4.1, and everything else."""

    CARDIOVASCULAR = ("cardiovascular", "Cardiovascular disease", "心脑血管疾病")
    CANCER = ("cancer", "Cancer", "癌症")
    CHRONIC_RESPIRATORY = ("chronic_respiratory", "Chronic respiratory disease", "慢性呼吸系统疾病")
    DIABETES = ("diabetes", "Diabetes", "糖尿病")
    OTHER = ("other", "Other causes", "其他")


def _f(
    name: str, kind: pa.DataType, unit: str, description: str, nullable: bool = False
) -> pa.Field:
    return pa.field(
        name, kind, nullable=nullable, metadata={"unit": unit, "description": description}
    )


_ID = "id"
_CODE = "code"
_FLAG = "boolean"

SCHEMAS: Mapping[RecordKind, pa.Schema] = {
    RecordKind.ENCOUNTERS: pa.schema(
        [
            _f("encounter_id", pa.string(), _ID, "Unique id of the encounter."),
            _f("patient_id", pa.string(), _ID, "Pseudonymous patient id; never printed."),
            _f("institution_id", pa.string(), _ID, "In-county institution of the county model."),
            _f("date", pa.date32(), "day", "Date of the visit, or of admission."),
            _f("setting", pa.string(), _CODE, "outpatient, emergency or inpatient (CareSetting)."),
            _f("tcm", pa.bool_(), _FLAG, "A TCM visit (TCM institution, TCM hall or service)."),
            _f("insured", pa.bool_(), _FLAG, "The patient is insured by the county's fund."),
            _f("resident", pa.bool_(), _FLAG, "The patient is a resident (常住) of the county."),
            _f("total_cost", pa.float64(), "yuan", "Eligible medical cost of the encounter."),
            _f("fund_paid", pa.float64(), "yuan", "The part of total_cost the fund paid."),
            _f(
                "discharge_date",
                pa.date32(),
                "day",
                "Discharge date of an admission; empty for visits.",
                nullable=True,
            ),
        ]
    ),
    RecordKind.CLAIMS: pa.schema(
        [
            _f("claim_id", pa.string(), _ID, "Unique id of the claim."),
            _f("patient_id", pa.string(), _ID, "Pseudonymous insured person; never printed."),
            _f(
                "institution_id",
                pa.string(),
                _ID,
                "Institution of the county model, 'outside' for a provider outside the county, "
                "or a pharmacy's own id when pharmacy is true.",
            ),
            _f("pharmacy", pa.bool_(), _FLAG, "A retail pharmacy claim (excluded from shares)."),
            _f("date", pa.date32(), "day", "Settlement date."),
            _f("setting", pa.string(), _CODE, "outpatient, emergency or inpatient."),
            _f("total_cost", pa.float64(), "yuan", "Eligible cost claimed."),
            _f("fund_paid", pa.float64(), "yuan", "Amount the fund paid."),
        ]
    ),
    RecordKind.POSTINGS: pa.schema(
        [
            _f("posting_id", pa.string(), _ID, "Unique id of the posting."),
            _f("staff_id", pa.string(), _ID, "Id of the physician posted."),
            _f("home_institution_id", pa.string(), _ID, "Institution that posts the physician."),
            _f("host_institution_id", pa.string(), _ID, "Institution the physician is posted to."),
            _f("title", pa.string(), _CODE, "junior, intermediate or senior (StaffTitle)."),
            _f("start_date", pa.date32(), "day", "First day of the posting."),
            _f("end_date", pa.date32(), "day", "Last day of the posting (inclusive)."),
        ]
    ),
    RecordKind.REMOTE_READS: pa.schema(
        [
            _f("read_id", pa.string(), _ID, "Unique id of the read."),
            _f("requesting_id", pa.string(), _ID, "Institution that sent the examination."),
            _f("reading_id", pa.string(), _ID, "Institution (a shared centre) that read it."),
            _f("date", pa.date32(), "day", "Date of the read."),
            _f("modality", pa.string(), _CODE, "imaging, ecg, ultrasound, eeg or pathology."),
        ]
    ),
    RecordKind.CHRONIC_REGISTER: pa.schema(
        [
            _f("patient_id", pa.string(), _ID, "Pseudonymous patient id; never printed."),
            _f("condition", pa.string(), _CODE, "hypertension or diabetes (ChronicCondition)."),
            _f("institution_id", pa.string(), _ID, "Primary institution managing the patient."),
            _f("enrolled", pa.date32(), "day", "Date management began."),
            _f("exited", pa.date32(), "day", "Date management ended; empty if ongoing.", True),
        ]
    ),
    RecordKind.DEATHS: pa.schema(
        [
            _f("death_id", pa.string(), _ID, "Unique id of the death record."),
            _f("area_id", pa.string(), _ID, "Township (or the county) of residence."),
            _f("date", pa.date32(), "day", "Date of death."),
            _f("age", pa.int16(), "year", "Age at death in completed years."),
            _f("cause", pa.string(), _CODE, "Cause group (DeathCause)."),
        ]
    ),
    RecordKind.POPULATION: pa.schema(
        [
            _f("area_id", pa.string(), _ID, "Township (or the county)."),
            _f("year", pa.int16(), "year", "Calendar year (mid-year resident population)."),
            _f("age_band", pa.string(), _CODE, "Five-year band '0-4' … '80-84', or '85+'."),
            _f("population", pa.int64(), "person", "Resident population of the band."),
        ]
    ),
    RecordKind.REFERRALS: pa.schema(
        [
            _f("referral_id", pa.string(), _ID, "Unique id of the referral."),
            _f("patient_id", pa.string(), _ID, "Pseudonymous patient id; never printed."),
            _f("from_id", pa.string(), _ID, "Referring institution, or 'outside'."),
            _f("to_id", pa.string(), _ID, "Receiving institution, or 'outside'."),
            _f("date", pa.date32(), "day", "Date of the referral."),
            _f("setting", pa.string(), _CODE, "outpatient, emergency or inpatient."),
            _f("status", pa.string(), _CODE, "completed, cancelled or pending (ReferralStatus)."),
        ]
    ),
}

#: Age bands of the population records: 0-4 … 80-84 and 85+.
AGE_BANDS_ALL: tuple[str, ...] = (*(f"{a}-{a + 4}" for a in range(0, 85, 5)), "85+")


@boundary
def schema(kind: RecordKind | str) -> pa.Schema:
    """The Arrow schema of a kind of record."""
    return SCHEMAS[RecordKind(kind)]


def field_unit(kind: RecordKind | str, column: str) -> str:
    """The unit (or ``id``, ``code``, ``boolean``) of one column of a kind of record."""
    metadata = schema(kind).field(column).metadata or {}
    return bytes(metadata[b"unit"]).decode()
