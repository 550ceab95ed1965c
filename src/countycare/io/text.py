"""Open text files as people have them: UTF-8 with or without BOM, CRLF, or say why not.

Every reader of countycare opens its text through this module, so that a file saved in GBK or
GB18030 (common in Chinese hospital exports) is refused with the same message wherever the bad
byte is, naming the encoding found and how to convert it. A message names the line (or row) and
byte, never echoes the row: a row may hold a patient id.

Examples
--------
>>> decode_text("名称,值\\r\\n".encode("utf-8-sig"), "a.csv")
'名称,值\\r\\n'
>>> decode_text("名称,值\\n".encode("gb18030"), "a.csv")
Traceback (most recent call last):
...
countycare.errors.DataError: a.csv: row 1: not UTF-8 text: the file is encoded in GBK/GB18030;
convert it: iconv -f GB18030 -t UTF-8 a.csv > a-utf8.csv (or in Excel: Save As 'CSV UTF-8')
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

from countycare.errors import DataError, Problem
from countycare.io.limits import MAX_FIELD_CHARS, MAX_ROW_CHARS

__all__ = [
    "CSV_SUFFIXES",
    "arrow_message",
    "check_csv_file",
    "csv_delimiter",
    "csv_header",
    "csv_records",
    "decode_text",
    "read_bytes",
    "read_text",
]

#: Suffixes of delimited text and the delimiter of each.
CSV_SUFFIXES = {".csv": ",", ".tsv": "\t", ".txt": ","}

_BOMS = {
    codecs.BOM_UTF32_LE: "UTF-32",
    codecs.BOM_UTF32_BE: "UTF-32",
    codecs.BOM_UTF16_LE: "UTF-16",
    codecs.BOM_UTF16_BE: "UTF-16",
}


def csv_delimiter(path: str | Path) -> str:
    """The delimiter of a delimited text file by its suffix: tab for ``.tsv``, else comma.

    >>> csv_delimiter("claims.tsv")
    '\\t'
    """
    return CSV_SUFFIXES.get(Path(path).suffix.lower(), ",")


def _converted(source: str) -> str:
    path = Path(source)
    return f"{path.stem}-utf8{path.suffix}"


def _encoding_problem(data: bytes, start: int, line: int, source: str, unit: str) -> Problem:
    """The problem of bytes that are not UTF-8 at ``start``, on line ``line``."""
    window = data[max(0, start - 64) : start + 4096]
    looks_gbk = False
    for offset in range(min(start, 64) + 1):
        try:
            text = window[offset:].decode("gb18030")
        except UnicodeDecodeError as exc:
            if exc.start >= len(window) - offset - 4:  # cut mid-character at the window's end
                text = window[offset : offset + exc.start].decode("gb18030", "ignore")
            else:
                continue
        looks_gbk = any("\u4e00" <= ch <= "\u9fff" for ch in text)
        break
    where = f"{unit} {line}"
    excel = (
        " (or in Excel: Save As 'CSV UTF-8')" if Path(source).suffix.lower() in CSV_SUFFIXES else ""
    )
    if looks_gbk:
        return Problem(
            where,
            "not UTF-8 text: the file is encoded in GBK/GB18030; convert it: "
            f"iconv -f GB18030 -t UTF-8 {source} > {_converted(source)}{excel}",
        )
    return Problem(
        where,
        f"not UTF-8 text (byte 0x{data[start]:02x}); save the file as UTF-8{excel}",
    )


def _bom_problem(data: bytes, source: str) -> Problem | None:
    for bom, name in _BOMS.items():
        if data.startswith(bom):
            return Problem(
                "line 1",
                f"the file is encoded in {name}, not UTF-8; convert it: "
                f"iconv -f {name} -t UTF-8 {source} > {_converted(source)}",
            )
    return None


def decode_text(data: bytes, source: str, *, unit: str = "row") -> str:
    """UTF-8 text of ``data`` (a BOM dropped), or a :class:`DataError` naming the encoding."""
    bom = _bom_problem(data, source)
    if bom is not None:
        raise DataError([bom], source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError([_encoding_problem(data, exc.start, line, source, unit)], source) from None


def read_bytes(path: str | Path, *, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of a file no larger than ``max_bytes``; a located :class:`DataError` otherwise."""
    path = Path(path)
    source = str(path)
    try:
        if path.is_dir():
            raise DataError([Problem("$", f"a folder, not a {what}")], source)
        size = path.stat().st_size
        if size > max_bytes:
            raise DataError(
                [Problem("$", f"{size:,} bytes; a {what} may hold at most {max_bytes:,} bytes")],
                source,
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError([Problem("$", "file not found")], source) from None
    except OSError as exc:
        raise DataError(
            [Problem("$", f"cannot read the file: {exc.strerror or exc}")], source
        ) from None


def read_text(path: str | Path, *, max_bytes: int, unit: str = "line", what: str = "file") -> str:
    """The UTF-8 text of a file, size checked first, then encoding (see :func:`decode_text`)."""
    return decode_text(read_bytes(path, max_bytes=max_bytes, what=what), str(path), unit=unit)


def csv_header(fields: list[str], source: str) -> list[str]:
    """The column names of a header row, refusing blank and repeated names.

    >>> csv_header(["scope", "value", "value"], "m.csv")
    Traceback (most recent call last):
    ...
    countycare.errors.DataError: m.csv: row 1, column value: the column appears twice
    (columns 2 and 3)
    """
    names = [f.strip() for f in fields]
    problems = []
    seen: dict[str, int] = {}
    for number, name in enumerate(names, start=1):
        if not name:
            problems.append(Problem(f"row 1, column {number}", "a column without a name"))
        elif name in seen:
            problems.append(
                Problem(
                    f"row 1, column {name[:60]}",
                    f"the column appears twice (columns {seen[name]} and {number})",
                )
            )
        else:
            seen[name] = number
    if problems:
        raise DataError(problems, source)
    return names


def csv_records(
    text: str, source: str, *, delimiter: str = ","
) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """The header and the rows (numbered from 2, as a spreadsheet shows them) of CSV text.

    Rows with more values than the header raise a located :class:`DataError`, as do fields over
    :data:`~countycare.io.limits.MAX_FIELD_CHARS` characters and broken quoting; a row never
    appears in a message. Rows with fewer values get the missing columns absent.

    >>> header, rows = csv_records("a,b\\r\\n1,2\\r\\n", "t.csv")
    >>> header, list(rows)
    (['a', 'b'], [(2, {'a': '1', 'b': '2'})])
    """
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=True)
    try:
        first = next(reader, None)
    except csv.Error as exc:
        raise DataError([Problem("row 1", _csv_message(exc))], source) from None
    if first is None:
        raise DataError([Problem("row 1", "the file is empty: expected a header row")], source)
    header = csv_header(first, source)

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        number = 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise DataError([Problem(f"row {number + 1}", _csv_message(exc))], source) from None
            number += 1
            if not values:
                continue  # a blank line
            if len(values) > len(header):
                raise DataError(
                    [
                        Problem(
                            f"row {number}",
                            f"{len(values)} values for {len(header)} columns; "
                            "quote values that contain the delimiter",
                        )
                    ],
                    source,
                )
            yield number, dict(zip(header, values, strict=False))

    return header, rows()


def _csv_message(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"a field longer than {MAX_FIELD_CHARS:,} characters"
    if "NUL" in text or "null byte" in text:
        return "a NUL byte: not a text file"
    return f"malformed CSV ({text.split(':')[0][:80]})"


def check_csv_file(path: str | Path, *, chunk: int = 2**20) -> list[str]:
    """Check a delimited text file for an engine that reads it itself; return its header.

    Streams the file once (constant memory): every byte must be UTF-8 (a GBK file is named as
    such, with the row of its first bad byte), no row longer than
    :data:`~countycare.io.limits.MAX_ROW_CHARS`, no NUL byte, the header without blank or
    repeated names.
    """
    path = Path(path)
    source = str(path)
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines = 0
    since_newline = 0
    head = b""
    try:
        with path.open("rb") as handle:
            first = True
            while True:
                block = handle.read(chunk)
                if first:
                    bom = _bom_problem(block, source)
                    if bom is not None:
                        raise DataError([bom], source)
                    if block.startswith(codecs.BOM_UTF8):
                        block = block[len(codecs.BOM_UTF8) :]
                    first = False
                if len(head) < 65536:
                    head += block[:65536]
                try:
                    decoder.decode(block, final=not block)
                except UnicodeDecodeError as exc:
                    if not block:  # the file ends inside a character
                        problem = Problem(f"row {lines + 1}", "not UTF-8 text: the file ends "
                                          "inside a character (cut short?)")  # fmt: skip
                        raise DataError([problem], source) from None
                    start = min(max(exc.start, 0), len(block) - 1)
                    line = lines + block.count(b"\n", 0, start) + 1
                    raise DataError(
                        [_encoding_problem(block, start, line, source, "row")], source
                    ) from None
                if not block:
                    break
                if b"\0" in block:
                    line = lines + block.count(b"\n", 0, block.index(b"\0")) + 1
                    raise DataError([Problem(f"row {line}", "a NUL byte: not a text file")], source)
                pieces = block.split(b"\n")
                longest = max(since_newline + len(pieces[0]), *(len(p) for p in pieces[1:-1]), 0)
                if len(pieces) == 1:
                    since_newline += len(block)
                else:
                    since_newline = len(pieces[-1])
                    longest = max(longest, 0)
                if max(longest, since_newline) > MAX_ROW_CHARS:
                    raise DataError(
                        [
                            Problem(
                                f"row {lines + 1}",
                                f"a row longer than {MAX_ROW_CHARS:,} bytes",
                            )
                        ],
                        source,
                    )
                lines += len(pieces) - 1
    except FileNotFoundError:
        raise DataError([Problem("$", "file not found")], source) from None
    except OSError as exc:
        raise DataError(
            [Problem("$", f"cannot read the file: {exc.strerror or exc}")], source
        ) from None
    first_line = head.split(b"\n", 1)[0].decode("utf-8", "replace").rstrip("\r")
    if not first_line.strip():
        raise DataError([Problem("row 1", "the file is empty: expected a header row")], source)
    fields = next(csv.reader([first_line], delimiter=csv_delimiter(path)), [])
    return csv_header(fields, source)


def arrow_message(exc: BaseException) -> str:
    """An Arrow or DuckDB error as one short line that quotes no data.

    Their messages may end with the offending row (a patient id among its values): only the
    first two clauses are kept, at most 120 characters.

    >>> arrow_message(ValueError("CSV parse error: Expected 7 columns, got 3: P0001,a,b"))
    'CSV parse error: Expected 7 columns, got 3'
    """
    text = " ".join(str(exc).split())
    return ": ".join(text.split(": ")[:2])[:120] or "the reader gave no reason"
