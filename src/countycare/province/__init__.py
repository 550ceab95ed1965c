"""Regions above the county: a province of prefectures and counties, measured and compared.

:class:`Province` and :class:`Prefecture` (:mod:`~countycare.province.model`) hold counties;
:func:`load_province` and :func:`dump_province` read and write province files
(:mod:`~countycare.province.files`).
"""

from countycare.province.files import dump_province, load_province, province_problems
from countycare.province.model import Prefecture, Province, validate_province

__all__ = [
    "Prefecture",
    "Province",
    "dump_province",
    "load_province",
    "province_problems",
    "validate_province",
]
