"""Files in and out: text read once with one-line errors; writes that a reader never sees half
of (a temporary file, then a rename)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from kg.errors import BadValue, DataFileError, OutputError


def read_text(path: Path) -> str:
    """A UTF-8 text file's content, read once (`-` is standard input; pipes and /dev/stdin work
    too); a missing, unreadable or non-UTF-8 file is a one-line error naming it."""
    try:
        content = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as error:
        raise DataFileError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadValue(f"{path}: not UTF-8 text (byte {error.start + 1} is {content[error.start]:#04x})") from None


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write `data` to `path` through a temporary file and a rename: never a half-written file."""
    return write_all_atomic({Path(path): data})[0]


def write_all_atomic(contents: dict[Path, bytes]) -> list[Path]:
    """Write several files, each through a temporary file; the renames come only once all are written."""
    staged: list[tuple[Path, str]] = []
    try:
        for path, data in contents.items():
            staged.append((Path(path), _staged(Path(path), data)))
        for path, tmp in staged:
            os.replace(tmp, path)
    except BaseException:
        for _, tmp in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    return [path for path, _ in staged]


def _staged(path: Path, data: bytes) -> str:
    """A temporary file beside `path` holding `data`, synced, with the mode a new file gets."""
    if path.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    if not path.parent.exists():
        raise OutputError(f"{path.parent}: no such folder")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp
