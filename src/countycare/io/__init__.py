"""Files in and out: the cattrs converter, TOML and JSON documents, county files."""

from countycare.io.converters import converter, make_converter
from countycare.io.county_check import CountyFileCheck, check_county_file
from countycare.io.county_files import (
    county_from_dict,
    county_problems,
    county_to_dict,
    dump_county,
    load_county,
)
from countycare.io.documents import read_document, write_document
from countycare.io.structuring import structure, structure_problems

__all__ = [
    "CountyFileCheck",
    "check_county_file",
    "converter",
    "county_from_dict",
    "county_problems",
    "county_to_dict",
    "dump_county",
    "load_county",
    "make_converter",
    "read_document",
    "structure",
    "structure_problems",
    "write_document",
]
