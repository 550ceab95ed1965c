"""Files already checked for repeated record ids, remembered by fingerprint.

Finding repeated ids groups the whole id column, which costs about as much as the measures. Yet
most runs read files that an earlier run read: another indicator set, another year, a few
counties of a province. Once a set of files has been checked and found to repeat no id, every
subset of it repeats none either (a subset of a set of distinct ids is distinct): a run whose
files all lie in one set checked before can skip the check and keep the guarantee.

A file is recognised by its fingerprint: its resolved path, size, modification time (ns) and a
SHA-256 of its Parquet footer (the schema, row-group sizes and column statistics; for a CSV file,
its first and last 64 KiB). Any write to the file changes the fingerprint, so a changed file is
checked again. The sets are kept in a small JSON file, ``verified-ids.json``, in the folder
``$COUNTYCARE_CACHE_DIR`` (default ``~/.cache/countycare``); at most :data:`MAX_SETS` sets a kind,
the most recent first. Arrow tables and frames are never remembered: they are checked every time.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> f = folder / "a.csv"
>>> _ = f.write_text("encounter_id\\ne1\\n", encoding="utf-8")
>>> cache = VerifiedIds(folder / "cache.json")
>>> cache.verified(RecordKind.ENCOUNTERS, [str(f)])
False
>>> cache.remember(RecordKind.ENCOUNTERS, [str(f)])
>>> cache.verified(RecordKind.ENCOUNTERS, [str(f)])
True
>>> _ = f.write_text("encounter_id\\ne1\\ne1\\n", encoding="utf-8")
>>> cache.verified(RecordKind.ENCOUNTERS, [str(f)])
False
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path

import attrs

from countycare.records.schemas import RecordKind

__all__ = ["MAX_SETS", "VerifiedIds", "default_cache", "fingerprint"]

#: Sets of files remembered per kind of record.
MAX_SETS = 32
_TAIL = 64 * 1024


def _footer(path: Path, size: int) -> bytes:
    with path.open("rb") as handle:
        if path.suffix == ".parquet" and size >= 12:
            handle.seek(size - 8)
            length = int.from_bytes(handle.read(4), "little")
            start = max(0, size - 8 - length)
            handle.seek(start)
            return handle.read(size - start)
        head = handle.read(_TAIL)
        handle.seek(max(0, size - _TAIL))
        return head + handle.read(_TAIL)


def fingerprint(path: str | os.PathLike[str]) -> str:
    """``path|size|mtime_ns|sha256 of the footer``: what identifies a file's content here."""
    resolved = Path(path).resolve()
    stat = resolved.stat()
    digest = hashlib.sha256(_footer(resolved, stat.st_size)).hexdigest()
    return f"{resolved}|{stat.st_size}|{stat.st_mtime_ns}|{digest}"


@attrs.frozen
class VerifiedIds:
    """The sets of files found to repeat no record id, kept in the JSON file ``path``."""

    path: Path = attrs.field(converter=Path)

    def _load(self) -> dict[str, list[list[str]]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def verified(self, kind: RecordKind, files: Sequence[str]) -> bool:
        """Whether every one of ``files`` lies in one set checked before (none changed)."""
        if not files:
            return False
        try:
            wanted = {fingerprint(f) for f in files}
        except OSError:
            return False
        return any(wanted <= set(known) for known in self._load().get(kind.value, []))

    def fingerprints(self, files: Sequence[str]) -> tuple[str, ...]:
        """The fingerprints of ``files`` as they are now, to take before checking them (empty
        when one cannot be read: nothing is then remembered)."""
        try:
            return tuple(fingerprint(f) for f in files)
        except OSError:
            return ()

    def remember(
        self, kind: RecordKind, files: Sequence[str], taken: Sequence[str] | None = None
    ) -> None:
        """Record that ``files``, read together, repeat no id. ``taken``: their fingerprints
        taken before the check (:meth:`fingerprints`), so that a file written while it was
        checked is remembered as it was read, and checked again next time; default now. A cache
        that cannot be written is skipped silently: it only saves time."""
        try:
            prints = sorted(set(taken if taken is not None else map(fingerprint, files)))
            if not prints:
                return
            data = self._load()
            sets = [s for s in data.get(kind.value, []) if not set(s) <= set(prints)]
            data[kind.value] = [prints, *sets][:MAX_SETS]
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(data), encoding="utf-8")
            temporary.replace(self.path)
        except OSError:
            return


def default_cache() -> VerifiedIds:
    """The cache in ``$COUNTYCARE_CACHE_DIR`` (default ``~/.cache/countycare``)."""
    folder = os.environ.get("COUNTYCARE_CACHE_DIR") or Path.home() / ".cache" / "countycare"
    return VerifiedIds(Path(folder) / "verified-ids.json")
