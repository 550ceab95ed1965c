"""What the engine needs to know of the county model, as small lookup tables.

The engine never walks the model per record: it joins records to these few hundred rows
(institutions with their tier, township and role; townships) inside DuckDB or Spark.

Examples
--------
>>> from countycare.testing.records import small_record_county
>>> idx = CountyIndex(small_record_county())
>>> idx.lead
'sc-cgh'
>>> dim = idx.institutions_table()
>>> dim.column_names[:4]
['institution_id', 'kind', 'tier_rank', 'is_primary']
"""

from __future__ import annotations

from functools import cached_property

import attrs
import pyarrow as pa

from countycare.community import County
from countycare.institutions import OUTSIDE
from countycare.labels import InstitutionKind, Service

__all__ = ["CountyIndex"]

_TOWNSHIP_CENTRES = (InstitutionKind.TOWNSHIP_HEALTH_CENTRE, InstitutionKind.TOWNSHIP_BRANCH)


@attrs.frozen
class CountyIndex:
    """Lookup tables of one county model for the record engines."""

    county: County

    @cached_property
    def lead_ids(self) -> frozenset[str]:
        """Ids of the lead institutions of the county's medical communities."""
        return frozenset(c.lead for c in self.county.communities)

    @property
    def lead(self) -> str | None:
        """The lead of the first community, else the first county general hospital, else None."""
        if self.county.communities:
            return self.county.communities[0].lead
        general = [
            i.id
            for i in self.county.institutions
            if i.kind is InstitutionKind.COUNTY_GENERAL_HOSPITAL
        ]
        return general[0] if general else None

    @cached_property
    def institution_ids(self) -> frozenset[str]:
        """Ids of every institution of the model."""
        return frozenset(i.id for i in self.county.institutions)

    @cached_property
    def township_ids(self) -> frozenset[str]:
        """Ids of the townships."""
        return frozenset(t.id for t in self.county.townships)

    @cached_property
    def _township_of_area(self) -> dict[str, str]:
        areas = {t.id: t.id for t in self.county.townships}
        areas.update({v.id: t.id for t in self.county.townships for v in t.villages})
        return areas

    def township_of(self, institution_id: str) -> str | None:
        """The township an institution lies in, or None (county-level sites)."""
        area = self.county.institution(institution_id).area
        return self._township_of_area.get(area)

    def institutions_table(self) -> pa.Table:
        """One row per institution (and one for ``outside``): the attributes measures depend on."""
        rows = [
            (
                i.id,
                i.kind.value,
                i.tier.rank,
                i.is_primary,
                i.id in self.lead_ids or (not self.lead_ids and i.id == self.lead),
                i.kind in _TOWNSHIP_CENTRES,
                i.kind is InstitutionKind.VILLAGE_CLINIC,
                Service.ECG in i.services,
                self.township_of(i.id),
            )
            for i in self.county.institutions
        ]
        rows.append((OUTSIDE, "outside", 3, False, False, False, False, False, None))
        names = [
            "institution_id",
            "kind",
            "tier_rank",
            "is_primary",
            "is_lead",
            "is_township_centre",
            "is_village_clinic",
            "has_ecg",
            "township_id",
        ]
        columns = list(zip(*rows, strict=True))
        types = [pa.string(), pa.string(), pa.int8()] + [pa.bool_()] * 5 + [pa.string()]
        return pa.table(
            [pa.array(list(c), type=t) for c, t in zip(columns, types, strict=True)], names=names
        )

    def areas_table(self) -> pa.Table:
        """One row per township (and one for the county itself): ``area_id, township_id``."""
        ids = [self.county.id, *[t.id for t in self.county.townships]]
        towns = [None, *[t.id for t in self.county.townships]]
        return pa.table(
            {"area_id": pa.array(ids, pa.string()), "township_id": pa.array(towns, pa.string())}
        )
