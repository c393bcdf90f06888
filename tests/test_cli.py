import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import assert_one_line_error, run
from kg.cli import cli

README = Path(__file__).parent.parent / "README.md"


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_in_the_readme_and_has_an_example(command):
    assert f"kg {command}" in README.read_text(encoding="utf-8"), f"`kg {command}` is missing from README.md"
    assert "Example:" in cli.commands[command].help, f"the help of `kg {command}` ends without an example"


def test_bad_data_option(runner, tmp_path):
    assert_one_line_error(
        run(runner, "--data", str(tmp_path / "nope.trig"), "stats"), "nope.trig: no such file or folder"
    )
    odd = tmp_path / "data.csv"
    odd.write_text("a,b", encoding="utf-8")
    assert_one_line_error(run(runner, "--data", str(odd), "stats"), "unknown RDF format '.csv'")
    bad = tmp_path / "bad.trig"
    bad.write_text('@prefix ex: <http://ex/> .\nex:g { ex:a ex:b "x }\n', encoding="utf-8")
    assert_one_line_error(run(runner, "--data", str(bad), "chain", "新材料"), f"{bad}:2:")


def test_stats(runner, mini):
    import json

    result = run(runner, "--data", str(mini), "stats", "--format", "json")
    stats = json.loads(result.output)
    assert stats["classes"]["zkg:Evidence"] == 3 and stats["quotes"] == 3
    assert stats["properties"]["zkg:locatedIn"] == {"facts": 2, "quoted": 2}
    assert stats["properties"]["skos:broader"] == {"facts": 1, "quoted": 0}
    assert "evidence coverage 87.5%" in run(runner, "--data", str(mini), "stats").output


def kg_executable() -> str:
    return str(Path(sys.executable).with_name("kg"))


def installed_kg(folder, *args: str) -> subprocess.CompletedProcess:
    """The installed `kg` command run in `folder`."""
    return subprocess.run(
        [kg_executable(), *args], cwd=folder, capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def test_installed_command_works_from_any_folder(tmp_path):
    result = installed_kg(tmp_path, "chain", "新材料", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "新和成尼龙新材料产业一体化项目" in {row["member"] for row in json.loads(result.stdout)}
    report = installed_kg(tmp_path, "report", "zone", "嵊州经济开发区", "--format", "html")
    assert report.returncode == 0, report.stderr
    assert "<svg" in (tmp_path / "report-shengzhou-edz.html").read_text(encoding="utf-8")


def test_python_dash_m_kg(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kg", "--help"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "Usage: kg" in result.stdout


@pytest.mark.parametrize(
    "args, expected",
    [
        (["chain", "新材料"], "新和成"),
        (["query", "zone-enterprises", "-p", "zone=杭州湾上虞经开区"], "新和成"),
        (["sparql", "SELECT ?s WHERE { ?s a zkg:Zone } ORDER BY ?s"], "杭州湾上虞经济技术开发区"),
        (["show", "新和成"], "新和成"),
    ],
)
def test_a_kept_answer_is_printed_without_loading_rdflib(args, expected):
    code = (
        "import sys, contextlib, io; from kg.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        f"    cli.main({args!r}, standalone_mode=False)\n"
        f"print(sorted(m for m in ('rdflib', 'pyvis', 'networkx') if m in sys.modules), {expected!r} in out.getvalue())"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert first.stdout.split()[-1] == "True" and "'rdflib'" in first.stdout, first.stdout + first.stderr
    kept = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert kept.stdout.split() == ["[]", "True"], kept.stdout + kept.stderr


def test_help_imports_no_heavy_library():
    code = (
        "import sys, contextlib, io; from kg.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()): cli.main(['--help'], standalone_mode=False)\n"
        "print(sorted(m for m in ('pyvis', 'networkx', 'pyshacl', 'rdflib', 'pyoxigraph') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stdout + result.stderr
