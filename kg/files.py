"""Files in and out: text read once with one-line errors; writes that a reader never sees half
of (a temporary file, then a rename)."""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
import time
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


TEMPORARY = re.compile(r"^\..+\.kg-(?P<pid>\d+)-[^.]+\.tmp$")
"""The name of write_atomic's temporary files: `.<name>.kg-<pid>-<random>.tmp`."""
STALE_AFTER = 24 * 3600
"""Seconds after which a temporary file is stale even if its process seems to live (PID reuse)."""


def write_atomic(path: str | Path, data: bytes) -> Path:
    """Write `data` to `path` through a temporary file and a rename: never a half-written file.

    A symbolic link is written through (the link stays, its target gets the data); an existing
    file keeps its permissions (600 stays 600). Temporary files that a killed kg left in the
    folder are removed first. A folder that cannot be written (read-only, full) is an
    `OutputError` in one line, and the old file is left as it was.
    """
    return write_all_atomic({Path(path): data})[0]


def write_all_atomic(contents: dict[Path, bytes]) -> list[Path]:
    """Write several files as `write_atomic` does; the renames come only once all are written."""
    staged: list[tuple[Path, Path, str]] = []
    try:
        for path, data in contents.items():
            target = _target(Path(path))
            staged.append((Path(path), target, _staged(Path(path), target, data)))
        for path, target, tmp in staged:
            try:
                os.replace(tmp, target)
            except OSError as error:
                raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
    except BaseException:
        for _, _, tmp in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    return [path for path, _, _ in staged]


def _target(path: Path) -> Path:
    """The file a write to `path` replaces: the target of a symbolic link, else `path`."""
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    if target.is_dir():
        raise OutputError(f"{path}: is a folder; give a file name")
    if not target.parent.exists():
        raise OutputError(f"{target.parent}: no such folder")
    return target


def _staged(path: Path, target: Path, data: bytes) -> str:
    """A temporary file beside `target` holding `data`, synced, with the mode of the file it
    replaces (or the one a new file gets); a failure is an OutputError naming `path`."""
    remove_stale_temporaries(target.parent)
    tmp: str | None = None
    try:
        mode = _mode_for(target)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.kg-{os.getpid()}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
            os.fchmod(out.fileno(), mode)
    except OSError as error:
        _remove(tmp)
        raise OutputError(f"{path}: cannot write: {error.strerror or error}") from None
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, else those the umask gives a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _remove(tmp: str | None) -> None:
    if tmp is not None:
        Path(tmp).unlink(missing_ok=True)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove write_atomic's temporary files in `folder` that no running kg will finish: their
    process is gone (killed mid-write), or they are older than a day. Only files of this user
    that bear the temporary name are touched. Returns the files removed."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = TEMPORARY.match(entry.name)
        if match is None or int(match["pid"]) == os.getpid():
            continue
        try:
            status = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(status.st_mode) or status.st_uid != os.getuid():
                continue
            if _process_alive(int(match["pid"])) and now - status.st_mtime < STALE_AFTER:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OverflowError:
        return False
    return True
