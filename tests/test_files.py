import os
import subprocess
import sys

import pytest

from kg.errors import BadValue, DataFileError, OutputError
from kg.files import read_text, remove_stale_temporaries, write_atomic


def test_write_atomic_writes_through_a_symlink_and_keeps_the_mode(tmp_path):
    target = tmp_path / "target.txt"
    target.write_bytes(b"old")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_new_file_gets_the_umask_mode(tmp_path):
    umask = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.txt", b"x")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640


def test_a_folder_or_a_missing_folder_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="is a folder"):
        write_atomic(tmp_path, b"x")
    with pytest.raises(OutputError, match="no such folder"):
        write_atomic(tmp_path / "no" / "file", b"x")


def test_only_our_stale_temporary_files_are_removed(tmp_path):
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait(timeout=30)
    dead = tmp_path / f".a.nq.kg-{process.pid}-x1.tmp"
    alive = tmp_path / f".a.nq.kg-{os.getppid()}-x2.tmp"
    old_alive = tmp_path / f".b.nq.kg-{os.getppid()}-x3.tmp"
    other = tmp_path / f".a.nq.{process.pid}.tmp"
    for path in (dead, alive, old_alive, other):
        path.write_bytes(b"")
    os.utime(old_alive, (0, 0))
    assert sorted(remove_stale_temporaries(tmp_path)) == sorted([dead, old_alive])
    assert alive.exists() and other.exists()


def test_read_text_errors_name_the_file(tmp_path):
    (tmp_path / "latin.rq").write_bytes(b"SELECT \xe9")
    with pytest.raises(BadValue, match=r"latin.rq: not UTF-8 text \(byte 8 is 0xe9\)"):
        read_text(tmp_path / "latin.rq")
    with pytest.raises(DataFileError, match=r"missing\.rq: cannot read"):
        read_text(tmp_path / "missing.rq")
