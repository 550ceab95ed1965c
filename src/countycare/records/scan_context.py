"""What the row checks compare against: the period and the ids of a county, or of a province.

:class:`ScanContext` carries the period, the county model's ids and what the records'
statistics vouch for; :func:`id_condition` and :func:`known_ids_join` turn the ids into SQL,
literal id lists for one county and joins on the lookup table ``dim_ids`` for a province (see
:mod:`countycare.records.scope_checks`, whose checks use them).
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from countycare.records.column_facts import ColumnFacts
from countycare.records.schemas import RecordKind

__all__ = ["COUNTY_COLUMN", "ScanContext", "id_condition", "known_ids_join", "sql_text"]


def sql_text(message: str) -> str:
    """``message`` as an SQL string literal.

    >>> sql_text("it's")
    "'it''s'"
    """
    return "'" + message.replace("'", "''") + "'"


@attrs.frozen
class ScanContext:
    """What checks compare against: the period and the ids of the county model.

    Ids are written into the SQL as literal lists (a county has a few hundred), which both
    DuckDB and Spark SQL accept anywhere, where a sub-query would not be.
    """

    first: str
    last: str
    label: str
    in_county: tuple[str, ...]
    areas: tuple[str, ...]
    #: The counties of a province read together (empty for one county). Records then carry
    #: the column :data:`COUNTY_COLUMN` (the county of the partition they were read from), and
    #: an id is known when the lookup table ``dim_ids`` lists it for that county
    #: (:func:`known_ids_join`): a list of tens of thousands of literals would be slow.
    counties: tuple[str, ...] = ()
    #: What the statistics of the records read show of their columns, by kind
    #: (:mod:`countycare.records.column_facts`): checks they rule out are not made row by row.
    #: Empty until the records are registered; it changes which checks run, never a result.
    facts: Mapping[RecordKind, Mapping[str, ColumnFacts]] = attrs.field(factory=dict, eq=False)

    @property
    def first_ym(self) -> int:
        """The first month as ``yyyymm``."""
        return int(self.first[:4]) * 100 + int(self.first[5:7])

    @property
    def last_ym(self) -> int:
        """The last month as ``yyyymm``."""
        return int(self.last[:4]) * 100 + int(self.last[5:7])

    def ids(self, lookup: str) -> str:
        """An SQL list of the ids of ``lookup``: ``in_county``, ``any_provider`` or ``area``."""
        values = {
            "in_county": self.in_county,
            "any_provider": (*self.in_county, "outside"),
            "area": self.areas,
        }[lookup]
        return "(" + ", ".join(sql_text(v) for v in values) + ")"


#: The column of a province's records naming the county whose partition they were read from.
COUNTY_COLUMN = "__county"


def id_condition(column: str, lookup: str, ctx: ScanContext) -> str:
    """SQL true when ``column`` holds an id known to ``lookup`` (claims: or is a pharmacy).

    For a province (``ctx.counties``) the condition reads the flag ``__known_<column>`` that
    :func:`known_ids_join` adds.
    """
    if lookup == "claim_provider":
        return f"(pharmacy OR {id_condition(column, 'any_provider', ctx)})"
    if ctx.counties:
        return f"coalesce(__known_{column}, false)"
    return f"{column} IN {ctx.ids(lookup)}"


def known_ids_join(alias: str, columns: tuple[tuple[str, str], ...], ctx: ScanContext) -> str:
    """For a province, the joins that give ``alias`` a flag ``__known_<column>`` for each
    ``(column, lookup)``: true when ``dim_ids`` (``county_id, id, lookup``, one row each)
    lists the id for the row's county. Empty for one county (ids are literal lists)."""
    if not ctx.counties:
        return ""
    joins = []
    for column, lookup in columns:
        name = "any_provider" if lookup == "claim_provider" else lookup
        j = f"__j_{column}"
        joins.append(
            f" LEFT JOIN (SELECT county_id AS {j}_c, id AS {j}_i, true AS __known_{column} "
            f"FROM dim_ids WHERE lookup = {sql_text(name)}) {j} "
            f"ON {j}.{j}_c = {alias}.{COUNTY_COLUMN} AND {j}.{j}_i = {alias}.{column}"
        )
    return "".join(joins)
