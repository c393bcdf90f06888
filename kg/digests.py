"""The SHA-256 of large data files, remembered by what `stat` says of them, as git's index does.

A command answered from the index needs a data file's hash only, not its bytes; hashing 160 MB
means reading them all (a fifth of a second, and 160 MB held). A file whose device, inode, size,
modification and change times are all as they were has not been written since: writing sets
the change time, which no tool can set back. A file written in the last `SETTLED` seconds is
hashed every time, for its times may not yet tell two writes apart. The record is a small JSON
file in the cache folder; losing it (or deleting the folder) only means hashing again.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import suppress
from pathlib import Path

from kg.cache import cache_dir
from kg.errors import KgError
from kg.files import write_atomic

FILE = "digests.json"
KEEP = 256
"""Files remembered; the oldest are forgotten first."""
MIN_BYTES = 2**20
"""Smaller files are hashed each time: that is faster than reading the record."""
SETTLED = 2.0


def stat_key(path: Path, stat: os.stat_result) -> str:
    return "\0".join(
        map(str, (path.resolve(), stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns))
    )


def remembered_sha256(path: Path, stat: os.stat_result) -> bytes | None:
    """The hash recorded for the file as `stat` describes it, if any."""
    if stat.st_size < MIN_BYTES:
        return None
    found = _record().get(stat_key(path, stat))
    return bytes.fromhex(found) if isinstance(found, str) and len(found) == 64 else None


def remember_sha256(path: Path, stat: os.stat_result, digest: bytes) -> None:
    """Record the hash of the file as `stat` describes it (the bytes hashed were read while the
    file looked so), unless it is small or was written too recently to be told apart."""
    if stat.st_size < MIN_BYTES or time.time() - stat.st_mtime < SETTLED:
        return
    record = _record()
    record.pop(key := stat_key(path, stat), None)
    record[key] = digest.hex()
    kept = dict(list(record.items())[-KEEP:])
    with suppress(OSError, KgError):  # a cache folder that cannot be written: hash next time
        write_atomic(cache_dir() / FILE, json.dumps(kept).encode("utf-8"))


def _record() -> dict[str, object]:
    try:
        found = json.loads((cache_dir() / FILE).read_bytes())
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}
