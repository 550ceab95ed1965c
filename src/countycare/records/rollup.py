"""From partial sums to the long :class:`~countycare.indicators.table.MeasureTable`.

The one scan of each kind (:mod:`countycare.records.stage1`) leaves a few hundred rows per
institution and month; this module, always in DuckDB whichever engine scanned, turns them into
every requested measure per institution, township and county, per month and year:

* each institution a measure applies to gets a row for every month, ``0`` when it recorded
  nothing (a true zero: the records of the period were read);
* townships and the county are sums of their institutions (or areas); for a province, which
  reports counties and above, each county's sum is zero-filled per month instead;
* a year is the sum of its months for flows and the mean of its months for a stock such as the
  managed chronic patients; a measure that counts distinct people over the year (managed
  patients admitted at least once) has yearly values only, since it is not a sum of months.

Examples
--------
>>> rollup_sql([SPECS["visits"]], "sc").count("UNION ALL") > 2
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from countycare.indicators.measures import MEASURES
from countycare.indicators.table import MeasureTable
from countycare.records.derivable import SPECS, MeasureSpec

__all__ = ["REFERRAL_DIRECTIONS_SQL", "measure_table", "rollup_sql"]

#: Adds the direction of each referral group from the tiers of its two ends.
REFERRAL_DIRECTIONS_SQL = (
    "CREATE OR REPLACE TEMP VIEW s1_referrals_dir AS SELECT s.*, CASE "
    "WHEN s.to_key = 'outside' THEN 'out' WHEN s.from_key = 'outside' THEN 'in' "
    "WHEN t.tier_rank > f.tier_rank THEN 'up' WHEN t.tier_rank < f.tier_rank THEN 'down' "
    "ELSE 'lateral' END AS direction FROM s1_referrals s "
    "LEFT JOIN dim_institutions f ON f.institution_id = s.from_key "
    "LEFT JOIN dim_institutions t ON t.institution_id = s.to_key"
)


_MODEL_COUNTS_SQL = (
    "CREATE OR REPLACE TEMP VIEW dim_model AS SELECT institution_id AS institution_key, y, "
    "CAST(is_village_clinic AS INT) AS clinics, CAST(is_village_clinic AND has_ecg AS INT) "
    "AS with_ecg, CAST(is_primary AS INT) AS primary_count, true AS key_ok "
    "FROM dim_institutions CROSS JOIN period_years WHERE institution_id <> 'outside'"
)
# Residents' episodes in the county (encounters) plus the fund's out-of-county claims.
_EPISODES_SQL = (
    "CREATE OR REPLACE TEMP VIEW s1_episodes AS "
    "SELECT {county}ym, key_ok, resident_episodes AS episodes FROM s1_encounters "
    "UNION ALL SELECT {county}ym, key_ok, episodes_out AS episodes FROM s1_claims"
)


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _tiers(code: str) -> str:
    """SQL restricting institutions to the tiers that count to a measure."""
    ranks = sorted(t.rank for t in MEASURES[code].tiers) if code in MEASURES else []
    return f"tier_rank IN ({', '.join(map(str, ranks))})" if ranks else "true"


#: Where a grouping query (:func:`_grouping`) puts the value columns of the specs sharing it.
_VALUES = "__values__"


def _grouping(spec: MeasureSpec, year_rows: bool, province: bool) -> str:
    """The query grouping ``spec``'s table per key, period and category, with :data:`_VALUES`
    where the value columns go: every spec grouped alike shares it, a column each."""
    v_per = "y" if year_rows else spec.period
    cat_sel = f", {spec.category} AS category" if spec.category is not None else ""
    cat_grp = ", 3" if spec.category is not None else ""
    null_filter = (
        " AND ym IS NULL" if year_rows else (" AND ym IS NOT NULL" if spec.rule == "direct" else "")
    )
    if spec.key_type == "county":
        key = "__county AS cty" if province else "CAST(NULL AS VARCHAR) AS cty"
    else:
        key = f"{spec.key} AS id"
    return (
        f"SELECT {key}, {v_per} AS per{cat_sel}, {_VALUES} FROM {spec.table} "
        f"WHERE key_ok AND {spec.where}{null_filter} GROUP BY 1, 2{cat_grp}"
    )


def _base(spec: MeasureSpec, v: str, column: str, year_rows: bool, province: bool) -> str:
    """Rows ``measure, category, inst, town, cty, y, ym, value, rule`` of one spec,
    zero-filled, from column ``column`` of the partial values ``v``. ``cty`` is the county
    (NULL for one county: every row is the county's); for a province, measures of a whole
    county are grouped by the county the records were read for."""
    by_year = spec.period == "y" or year_rows
    periods = "period_years p" if by_year else "period_months p"
    p_ym = "CAST(NULL AS INT)" if by_year else "p.ym"
    p_key = "p.y" if by_year else "p.ym"
    # exact decimals through the roll-up (money to the fen), doubles only at the end
    value = f"CAST(coalesce(v.{column}, 0) AS DECIMAL(38, 2))"
    if spec.key_type == "county":
        counties = (
            " CROSS JOIN (SELECT county_id AS cty FROM dim_counties) k"
            if province
            else " CROSS JOIN (SELECT CAST(NULL AS VARCHAR) AS cty) k"
        )
        return (
            f"SELECT {_text(spec.code)} AS measure, '' AS category, CAST(NULL AS VARCHAR) AS inst, "
            f"CAST(NULL AS VARCHAR) AS town, k.cty, p.y, {p_ym} AS ym, {value} AS value, "
            f"{_text(spec.rule)} AS rule FROM {periods}{counties} "
            f"LEFT JOIN {v} v ON v.per = {p_key} AND v.cty IS NOT DISTINCT FROM k.cty"
        )
    inst = "institution_id" if spec.scopes == "all" else "CAST(NULL AS VARCHAR)"
    town = "CAST(NULL AS VARCHAR)" if spec.scopes == "county" else "township_id"
    cty = "county_id" if province else "CAST(NULL AS VARCHAR)"
    if spec.key_type == "area":
        dims = (
            f"(SELECT area_id AS id, CAST(NULL AS VARCHAR) AS inst, {town} AS town, {cty} AS cty "
            "FROM dim_areas) d"
        )
    else:
        dims = (
            f"(SELECT institution_id AS id, {inst} AS inst, {town} AS town, {cty} AS cty, * "
            f"FROM dim_institutions WHERE institution_id <> 'outside' AND {_tiers(spec.code)}) d"
        )
    cats = ""
    cat_col = "''"
    cat_join = ""
    if spec.category is not None:
        listed = ", ".join(_text(c) for c in spec.categories)
        cats = f" CROSS JOIN (SELECT unnest([{listed}]) AS category) c"
        cat_col = "c.category"
        cat_join = " AND v.category = c.category"
    if province:
        # A province is reported per county and above: each county's sum, zero-filled per
        # county and period, gives the same sums as zero-filling every institution and month
        # (a row per institution and month of 117 counties made the roll-up most of a re-run).
        # A county with no institution the measure applies to still gets no row.
        cat_sel = ", v.category" if spec.category is not None else ""
        sums = (
            f"SELECT d.cty, v.per{cat_sel}, sum(CAST(v.{column} AS DECIMAL(38, 2))) AS {column} "
            f"FROM {dims} JOIN {v} v ON v.id = d.id WHERE {spec.applies} GROUP BY ALL"
        )
        return (
            f"SELECT {_text(spec.code)} AS measure, {cat_col} AS category, "
            f"CAST(NULL AS VARCHAR) AS inst, CAST(NULL AS VARCHAR) AS town, k.cty, p.y, "
            f"{p_ym} AS ym, {value} AS value, {_text(spec.rule)} AS rule "
            f"FROM (SELECT DISTINCT d.cty FROM {dims} WHERE {spec.applies}) k "
            f"CROSS JOIN {periods}{cats} "
            f"LEFT JOIN ({sums}) v ON v.cty = k.cty AND v.per = {p_key}{cat_join}"
        )
    return (
        f"SELECT {_text(spec.code)} AS measure, {cat_col} AS category, d.inst, d.town, d.cty, p.y, "
        f"{p_ym} AS ym, {value} AS value, {_text(spec.rule)} AS rule "
        f"FROM {dims} CROSS JOIN {periods}{cats} "
        f"LEFT JOIN {v} v ON v.id = d.id AND v.per = {p_key}{cat_join} "
        f"WHERE {spec.applies}"
    )


def rollup_sql(specs: Sequence[MeasureSpec], county_id: str, *, province: bool = False) -> str:
    """The SQL that turns the partial sums of ``specs`` into ``scope, period, measure, …``.

    For one county: institutions, townships and the county ``county_id``. For a province
    (``province``; ``county_id`` is then the province's id): each county, each prefecture
    (``dim_counties``: ``county_id, prefecture_id``) and the province, each a sum of the
    counties' values, never a mean of them.
    """
    # Specs grouped alike share one grouping of their table: one aggregation, a column each
    # (eleven encounter measures group the encounters' partial sums twice, not eleven times).
    groupings: dict[str, list[str]] = {}
    parts = []
    for spec in specs:
        for year_rows in (False, True) if spec.rule == "direct" else (False,):
            query = _grouping(spec, year_rows, province)
            values = groupings.setdefault(query, [])
            if spec.value not in values:
                values.append(spec.value)
            at, column = list(groupings).index(query), values.index(spec.value)
            parts.append(_base(spec, f"v{at}", f"c{column}", year_rows, province))
    partials = ", ".join(
        f"v{at} AS ("
        + sql.replace(_VALUES, ", ".join(f"{v} AS c{i}" for i, v in enumerate(values)))
        + ")"
        for at, (sql, values) in enumerate(groupings.items())
    )
    base = " UNION ALL ".join(parts)
    keys = "measure, category, y, ym, rule"
    whole = (
        f"SELECT {_text(county_id)} AS scope, {keys}, sum(value) AS value FROM base GROUP BY {keys}"
    )
    if province:
        chosen = [
            f"SELECT cty AS scope, {keys}, sum(value) AS value FROM base GROUP BY cty, {keys}",
            f"SELECT c.prefecture_id AS scope, {keys}, sum(value) AS value FROM base "
            f"JOIN dim_counties c ON c.county_id = base.cty GROUP BY c.prefecture_id, {keys}",
            whole,
        ]
    else:
        chosen = [
            f"SELECT inst AS scope, {keys}, sum(value) AS value FROM base "
            f"WHERE inst IS NOT NULL GROUP BY inst, {keys}",
            f"SELECT town AS scope, {keys}, sum(value) AS value FROM base "
            f"WHERE town IS NOT NULL GROUP BY town, {keys}",
            whole,
        ]
    levels = " UNION ALL ".join(chosen)
    return (
        f"WITH {partials}, base AS ({base}), sm AS ({levels}) "
        "SELECT scope, printf('%04d-%02d', ym // 100, ym % 100) AS period, measure, category, "
        "CAST(value AS DOUBLE) AS value FROM sm WHERE ym IS NOT NULL "
        "UNION ALL "
        "SELECT scope, CAST(y AS VARCHAR) AS period, measure, category, "
        "CAST(CASE WHEN rule = 'mean' THEN avg(value) ELSE sum(value) END AS DOUBLE) AS value "
        "FROM sm "
        "WHERE (rule IN ('sum', 'mean') AND ym IS NOT NULL) "
        "OR (rule IN ('direct', 'year') AND ym IS NULL) "
        "GROUP BY scope, y, measure, category, rule"
    )


def measure_table(
    con: Any, codes: Sequence[str], county_id: str, *, province: bool = False
) -> MeasureTable:
    """Run the roll-up of ``codes`` on a DuckDB connection holding the partial sums (for a
    province, ``county_id`` is the province's id; see :func:`rollup_sql`)."""
    specs = [SPECS[c] for c in sorted(codes)]
    if any(s.table == "s1_referrals_dir" for s in specs):
        con.execute(REFERRAL_DIRECTIONS_SQL)
    tables = {s.table for s in specs}
    if "dim_model" in tables:
        con.execute(_MODEL_COUNTS_SQL)
    if "s1_episodes" in tables:
        con.execute(_EPISODES_SQL.format(county="__county, " if province else ""))
    result = con.sql(rollup_sql(specs, county_id, province=province)).to_arrow_table()

    def column(name: str) -> Any:  # text columns as NumPy arrays of str, never NULL here
        return result.column(name).to_numpy(zero_copy_only=False)

    return MeasureTable(
        column("scope"),
        column("period"),
        column("measure"),
        column("category"),
        np.asarray(column("value"), dtype=np.float64),
    )
