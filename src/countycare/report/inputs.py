"""Read the county report's inputs from files: measures (or a records dataset), governance,
referral records, settlement rules.

:func:`read_inputs` turns what a user names on the command line into the keywords of
:func:`~countycare.report.content.build_report`, each named in ``inputs`` so the report says
where its figures come from. For a packaged county (``wanrong``) every input not named is its
packaged companion (:func:`~countycare.report.content.packaged_inputs`).

Examples
--------
>>> kw = read_inputs("wanrong", governance="wanrong")
>>> sorted(kw)[:4], kw["county"].id
(['county', 'governance', 'inputs', 'measures'], 'wanrong')
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from countycare.coerce.arguments import boundary
from countycare.community import County
from countycare.datasets import names
from countycare.errors import DataError, Problem
from countycare.report.content import InputNote, packaged_inputs

__all__ = ["measures_from_records", "read_inputs"]


def measures_from_records(dataset: str | Path, county: County) -> Any:
    """Every measure derivable from a records dataset (a folder written by
    ``countycare synth`` or :func:`countycare.write_dataset`), for all its years, rolled up.

    A measure whose records are absent for a year is not computed (it would read as a false 0).
    """
    from countycare.indicators.rollup import roll_up
    from countycare.records.dataset import dataset_paths, dataset_years
    from countycare.records.derivable import DERIVABLE, kinds_for
    from countycare.records.engine_duckdb import measure_records
    from countycare.records.schemas import RecordKind

    years = list(dataset_years(dataset, county.id))
    found = {k: {y: dataset_paths(dataset, k, county.id, [y]) for y in years} for k in RecordKind}
    lacking = {k for k in RecordKind if any(not found[k][y] for y in years)}
    codes = {c for c in DERIVABLE if not (kinds_for({c}) & lacking)}
    if not codes:
        raise DataError(
            [Problem("$", f"no measure can be computed for {county.id} in {years}")],
            str(dataset),
        )
    sources = {k: [p for y in years for p in found[k][y]] for k in RecordKind if k not in lacking}
    table = measure_records(county, sources, years, codes).table
    return roll_up(table, county, source=str(dataset))


def _measures(source: str, county: County) -> tuple[Any, Any, InputNote]:
    from countycare.indicators.files import read_measures
    from countycare.indicators.rollup import roll_up, roll_up_periods
    from countycare.indicators.samples import read_file_info

    path = Path(source)
    if path.is_dir():
        return measures_from_records(path, county), None, InputNote("records", str(path))
    table = roll_up_periods(read_measures(path, county=county), source=str(path))
    info = read_file_info(path)
    note = InputNote("measures", str(path), info.label if info else "")
    return roll_up(table, county, source=str(path)), info, note


@boundary
def read_inputs(
    county: str | County,
    *,
    measures: str | None = None,
    governance: str | None = None,
    referrals: str | None = None,
    settlement: str | None = None,
) -> dict[str, Any]:
    """The report's inputs read from files (see the module's description); ``county`` is a
    county file, a packaged dataset name or a model already loaded."""
    from countycare.finance.rules_file import load_settlement_case
    from countycare.governance.files import load_governance
    from countycare.io import load_county
    from countycare.referrals.network import build_network

    packaged = isinstance(county, str) and county in names() and not Path(county).exists()
    model = county if isinstance(county, County) else load_county(county)
    kw: dict[str, Any] = {}
    notes: dict[str, InputNote] = {}
    if packaged and isinstance(county, str):
        kw = packaged_inputs(county)
        notes = {n.what: n for n in kw.pop("inputs")}
    kw["county"] = model
    if measures is not None:
        kw["measures"], kw["measures_info"], note = _measures(measures, model)
        notes.pop("measures", None)
        notes[note.what] = note
    if governance is not None:
        kw["governance"] = load_governance(governance, model)
        notes["governance"] = InputNote("governance", governance)
    if referrals is not None:
        kw["network"] = build_network(referrals, model)
        notes["referrals"] = InputNote("referrals", referrals)
    if settlement is not None:
        kw["settlement_case"] = load_settlement_case(settlement)
        notes["settlement"] = InputNote("settlement", settlement)
    kw["inputs"] = tuple(notes.values())
    return kw
