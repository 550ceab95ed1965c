"""DHIS2, both ways: a metadata package for the county and its indicators, data value sets
for the measures, and reading data values (JSON or CSV) back into a measures table.

* :mod:`~countycare.io.dhis2.uids`: deterministic UIDs, the id scheme, mapping files;
* :mod:`~countycare.io.dhis2.metadata`: organisation units, data elements, indicators…;
* :mod:`~countycare.io.dhis2.expressions`: formulas as numerator / denominator expressions;
* :mod:`~countycare.io.dhis2.data`: ``dataValueSets`` out;
* :mod:`~countycare.io.dhis2.read`: data values (JSON, CSV) back in.

Examples
--------
>>> from countycare import load_county
>>> from countycare.datasets import resource
>>> from countycare.indicators.table import MeasureTable
>>> county = load_county("wanrong")
>>> table = MeasureTable.read(resource("wanrong.measures.csv"))
>>> doc = to_dhis2(county, table=table, what="all")
>>> sorted(doc)
['dataValueSet', 'metadata']
>>> ids = Ids(mapping_from_metadata(doc["metadata"]))
>>> from_data_value_set(doc["dataValueSet"], ids=ids) == table
True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from countycare import coerce
from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.indicators.definitions import IndicatorSet
from countycare.indicators.table import MeasureTable
from countycare.io.dhis2.data import dhis2_period, to_data_value_set
from countycare.io.dhis2.metadata import (
    MetadataPackage,
    aggregation_type,
    metadata_package,
    value_type,
)
from countycare.io.dhis2.read import (
    from_data_value_set,
    from_dhis2_csv,
    mapping_from_metadata,
    read_dhis2_data,
)
from countycare.io.dhis2.uids import UID_PATTERN, Ids, IdScheme, derive_uid, read_mapping

if TYPE_CHECKING:
    from countycare.forms import Coded

__all__ = [
    "UID_PATTERN",
    "IdScheme",
    "Ids",
    "MetadataPackage",
    "aggregation_type",
    "derive_uid",
    "dhis2_period",
    "from_data_value_set",
    "from_dhis2_csv",
    "mapping_from_metadata",
    "metadata_package",
    "read_dhis2_data",
    "read_mapping",
    "to_data_value_set",
    "to_dhis2",
    "value_type",
]


@boundary
def to_dhis2(
    county: County,
    *,
    table: MeasureTable | None = None,
    sets: Iterable[IndicatorSet] | None = None,
    what: Literal["metadata", "data", "all"] = "metadata",
    ids: Ids | None = None,
    scheme: Coded[IdScheme] = IdScheme.UID,
    source: str | None = None,
) -> dict[str, Any]:
    """The metadata package (``what="metadata"``), the data value set (``"data"``, needs
    ``table``), or both as ``{"metadata": …, "dataValueSet": …}`` (``"all"``).

    Indicators DHIS2 cannot express are left out of the metadata; see
    :func:`~countycare.io.dhis2.metadata.metadata_package` to get them listed.
    """
    scheme = coerce.vocabulary(IdScheme, scheme, "scheme")
    ids = ids or Ids()
    metadata = metadata_package(county, sets=sets, ids=ids).document if what != "data" else None
    data = None
    if what != "metadata":
        if table is None:
            raise ValueError(f"what={what!r} needs a measures table")
        data = to_data_value_set(
            table,
            ids=ids,
            scheme=scheme,
            data_set=f"countycare_{county.id}",
            county=county,
            source=source,
        )
    if metadata is not None and data is not None:
        return {"metadata": metadata, "dataValueSet": data}
    result = metadata if metadata is not None else data
    assert result is not None
    return result
