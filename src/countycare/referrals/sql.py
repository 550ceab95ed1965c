"""The SQL that checks and counts referral records in one DuckDB scan.

:func:`countycare.referrals.records.aggregate_referrals` registers the records as ``raw`` and
the county as ``institutions`` and ``memberships``
(:func:`~countycare.referrals.records.county_tables`), then runs :data:`SOURCE`, :data:`COUNTED`
(with one of the two ways of telling whether both ends were in one community), and reads
:data:`REJECTIONS` and :data:`EDGES`. A rejected row's problem is written as
``reason|column|message``, the reasons being those of
:class:`~countycare.referrals.records.RejectReason`.
"""

from __future__ import annotations

from countycare.labels import CareSetting, ReferralStatus
from countycare.periods import Period

__all__ = [
    "COUNTED",
    "EDGES",
    "REJECTIONS",
    "SOURCE",
    "WITHIN_EXISTS",
    "WITHIN_JOINED",
    "literals",
    "quoted",
]

# The rows with their values as text (an empty value is missing).
# A view, not a table: DuckDB inlines it in each query, so the million rows are never copied.
SOURCE = """
CREATE TEMP VIEW src AS SELECT _row,
    NULLIF(CAST(referral_id AS VARCHAR), '') AS rid,
    NULLIF(CAST(patient_id AS VARCHAR), '') AS pid,
    NULLIF(CAST(from_id AS VARCHAR), '') AS f,
    NULLIF(CAST(to_id AS VARCHAR), '') AS t,
    "date" AS raw_date,
    TRY_CAST("date" AS DATE) AS d,
    NULLIF(CAST(setting AS VARCHAR), '') AS setting,
    NULLIF(CAST(status AS VARCHAR), '') AS status
FROM raw
"""

# One scan: each row gets its problem (NULL when accepted), then the accepted rows are counted
# by edge while every rejected row keeps a group of its own (``bad_row``). Only the edges and the
# rejected rows are materialized. ``{within}`` is one of the two ways below of telling whether
# both ends were in the same community on the day; the periods and the vocabularies are written
# in as literals (:func:`literals`), which DuckDB tests row by row without a join.
COUNTED = """
CREATE TEMP TABLE counted AS
WITH firsts AS (
    SELECT rid, min(_row) AS first_row FROM src WHERE rid IS NOT NULL
    GROUP BY rid HAVING count(*) > 1
),
checked AS (
SELECT s._row, s.f, s.t, s.d, s.setting, s.status, CASE
    WHEN s.rid IS NULL THEN 'missing_value|referral_id|referral_id is empty'
    WHEN s.pid IS NULL THEN 'missing_value|patient_id|patient_id is empty'
    WHEN s.f IS NULL THEN 'missing_value|from_id|from_id is empty'
    WHEN s.t IS NULL THEN 'missing_value|to_id|to_id is empty'
    WHEN s.d IS NULL AND coalesce(CAST(s.raw_date AS VARCHAR), '') = ''
        THEN 'missing_value|date|date is empty'
    WHEN s.setting IS NULL THEN 'missing_value|setting|setting is empty'
    WHEN s.status IS NULL THEN 'missing_value|status|status is empty'
    WHEN s.f NOT IN (SELECT id FROM institutions)
        THEN 'unknown_institution|from_id|unknown institution ''' || s.f || ''''
    WHEN s.t NOT IN (SELECT id FROM institutions)
        THEN 'unknown_institution|to_id|unknown institution ''' || s.t || ''''
    WHEN s.f = 'outside' AND s.t = 'outside'
        THEN 'both_outside|to_id|both ends are outside the county'
    WHEN s.f = s.t
        THEN 'self_referral|to_id|self-referral: from_id and to_id are both ''' || s.f || ''''
    WHEN s.d IS NULL
        THEN 'bad_date|date|''' || CAST(s.raw_date AS VARCHAR) || ''' is not a date (YYYY-MM-DD)'
    WHEN NOT ({in_periods})
        THEN 'outside_period|date|date ' || CAST(s.d AS VARCHAR)
            || ' is outside the period ' || $period_text
    WHEN s.setting NOT IN ({settings})
        THEN 'unknown_setting|setting|setting ''' || s.setting || ''' is not one of '
            || $setting_codes
    WHEN s.status NOT IN ({statuses})
        THEN 'unknown_status|status|status ''' || s.status || ''' is not one of '
            || $status_codes
    WHEN fi.first_row < s._row
        THEN 'duplicate_id|referral_id|duplicate referral_id ''' || s.rid
            || ''' (first in row ' || CAST(fi.first_row AS VARCHAR) || ')'
    END AS problem
FROM src s LEFT JOIN firsts fi ON s.rid = fi.rid
)
SELECT c.f AS from_id, c.t AS to_id, c.setting, c.status, c.problem,
    CASE WHEN c.problem IS NULL THEN NULL ELSE c._row END AS bad_row,
    count(*) AS referrals,
    {within}
GROUP BY ALL
"""

# When no institution holds two memberships on one day, each end matches at most one
# membership: two equality joins (hash joins on a few hundred rows) find them.
WITHIN_JOINED = """count(*) FILTER (WHERE a.community = b.community) AS within_community
FROM checked c
LEFT JOIN memberships a ON a.institution = c.f
    AND (a.valid_from IS NULL OR a.valid_from <= c.d) AND (a.valid_to IS NULL OR c.d <= a.valid_to)
LEFT JOIN memberships b ON b.institution = c.t
    AND (b.valid_from IS NULL OR b.valid_from <= c.d) AND (b.valid_to IS NULL OR c.d <= b.valid_to)
"""

# Otherwise (overlapping memberships, which validate_county warns about) the joins would count a
# row twice: ask whether any community holds both ends on the day.
WITHIN_EXISTS = """count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM memberships a JOIN memberships b ON a.community = b.community
        WHERE a.institution = c.f AND b.institution = c.t
          AND (a.valid_from IS NULL OR a.valid_from <= c.d)
          AND (a.valid_to IS NULL OR c.d <= a.valid_to)
          AND (b.valid_from IS NULL OR b.valid_from <= c.d)
          AND (b.valid_to IS NULL OR c.d <= b.valid_to)
    )) AS within_community
FROM checked c
"""

REJECTIONS = """
SELECT bad_row AS "row",
    split_part(problem, '|', 2) AS "column",
    split_part(problem, '|', 1) AS reason,
    substr(problem, length(split_part(problem, '|', 1)) + length(split_part(problem, '|', 2)) + 3)
        AS message
FROM counted WHERE problem IS NOT NULL ORDER BY bad_row
"""

EDGES = """
SELECT from_id, to_id, setting, status, referrals, within_community
FROM counted WHERE problem IS NULL ORDER BY ALL
"""


def quoted(value: str) -> str:
    """``value`` as an SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def literals(periods: tuple[Period, ...]) -> dict[str, str]:
    """The SQL fragments of :data:`COUNTED`: dates within the periods, the vocabularies.

    >>> literals((Period.parse("2024Q1"),))["in_periods"]
    "s.d BETWEEN DATE '2024-01-01' AND DATE '2024-03-31'"
    >>> literals(())["in_periods"], literals(())["statuses"]
    ('TRUE', "'completed', 'cancelled', 'pending'")
    """
    within = " OR ".join(
        f"s.d BETWEEN DATE {quoted(p.start.isoformat())} AND DATE {quoted(p.end.isoformat())}"
        for p in periods
    )
    return {
        "in_periods": within or "TRUE",
        "settings": ", ".join(quoted(code) for code in CareSetting.codes()),
        "statuses": ", ".join(quoted(code) for code in ReferralStatus.codes()),
    }
