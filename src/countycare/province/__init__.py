"""Regions above the county: a province of prefectures and counties, measured and compared.

:class:`Province` and :class:`Prefecture` (:mod:`~countycare.province.model`) hold counties;
:func:`load_province` and :func:`dump_province` read and write province files
(:mod:`~countycare.province.files`); :func:`synthetic_province` draws one
(:mod:`~countycare.province.synth`); :func:`measure_province` measures every county from a record
dataset in one run (:mod:`~countycare.province.measure`); :func:`compare_province` ranks and
compares them (:mod:`~countycare.province.compare`).
"""

from countycare.province.compare import Comparison, compare_province
from countycare.province.files import dump_province, load_province, province_problems
from countycare.province.measure import ProvinceMeasures, measure_province
from countycare.province.model import Prefecture, Province, validate_province
from countycare.province.synth import synthetic_province, write_synthetic_province

__all__ = [
    "Comparison",
    "Prefecture",
    "Province",
    "ProvinceMeasures",
    "compare_province",
    "dump_province",
    "load_province",
    "measure_province",
    "province_problems",
    "synthetic_province",
    "validate_province",
    "write_synthetic_province",
]
