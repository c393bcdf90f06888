"""Every example of the README works as written: the Python blocks run, and each `kg` command
line runs and exits 0 (those that need a triple store are run by tests/test_remote_push.py and test_remote_endpoint.py)."""

import re
import shlex
import shutil

import pytest

from conftest import CORPUS, ROOT, run

README = (ROOT / "README.md").read_text(encoding="utf-8")
NEEDS_A_STORE = ("kg push", "--endpoint")


def fenced(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", README, flags=re.S | re.M)


def command_lines(workflows: bool = False) -> list[str]:
    """The `kg` lines of the sh blocks; a block with `kg extract` is a workflow whose lines build on each other."""
    blocks = [block for block in fenced("sh") if ("kg extract" in block) == workflows]
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line.startswith("kg ") and not any(s in line for s in NEEDS_A_STORE)]


def test_the_readme_has_examples():
    assert len(fenced("python")) >= 2 and len(command_lines()) >= 15 and len(command_lines(workflows=True)) >= 3


@pytest.mark.parametrize("number", range(len(fenced("python"))))
def test_python_example_runs(number, capsys):
    exec(compile(fenced("python")[number], f"README.md python example {number + 1}", "exec"), {})
    assert capsys.readouterr().out


@pytest.mark.parametrize("line", command_lines())
def test_command_example_runs(line, runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-query.rq").write_text("SELECT ?zone WHERE { ?zone a zkg:Zone }", encoding="utf-8")
    words = shlex.split(line.replace("../shared/corpus", str(CORPUS)), comments=True)
    words = words[1 : words.index(">")] if ">" in words else words[1:]
    result = run(runner, *words)
    assert result.exit_code == 0, result.output


def test_workflow_example_runs(runner, tmp_path, monkeypatch):
    """extract → validate --draft → accept, in one folder, `my-data` a copy of the curated data."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "data" / "triples", tmp_path / "my-data", ignore=shutil.ignore_patterns("*.md"))
    for line in command_lines(workflows=True):
        words = shlex.split(line.replace("../shared/corpus", str(CORPUS)), comments=True)
        result = run(runner, *words[1:])
        assert result.exit_code == 0, f"{line}: {result.output}"
