import csv
import io
import json

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.output.answers import render_rows
from kg.output.tables import as_csv, table, width


def test_table_columns_line_up_with_chinese():
    text = table(["名称", "n"], [["比亚迪", 1], ["BYD Company", 22]])
    lines = text.splitlines()
    positions = {width(line[: line.index(value)]) for line, value in zip(lines[2:], ["1", "22"], strict=True)}
    assert len(positions) == 1, text


def test_json_rows_keep_numbers_and_labels_beside_iris():
    rows = [
        {
            "e": URIRef("https://w3id.org/zonekg/id/byd"),
            "eLabel": Literal("比亚迪", lang="zh"),
            "n": Literal("13000000000", datatype=XSD.decimal),
            "y": Literal(2023),
        }
    ]
    assert json.loads(render_rows(["e", "eLabel", "n", "y"], rows, "json")) == [
        {"e": "https://w3id.org/zonekg/id/byd", "eLabel": "比亚迪", "n": 13000000000, "y": 2023}
    ]
    assert render_rows(["e", "eLabel", "n", "y"], rows, "table").splitlines()[2].startswith("比亚迪")


def test_csv_opens_in_excel_with_chinese_intact():
    text = as_csv(["名称"], [["比亚迪, 嵊州"]])
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text.lstrip("\ufeff")))) == [["名称"], ["比亚迪, 嵊州"]]


def test_safe_cell_neutralises_formulas_from_the_data_but_not_numbers():
    from kg.output.safe import safe_cell

    assert [safe_cell(v) for v in ("=1+2", "+1", "-3", "@SUM(A1)", "\tx", "\r=1", "\x1b[2J=1", "比亚迪", "a=b")] == [
        "'=1+2",
        "'+1",
        "'-3",
        "'@SUM(A1)",
        "'\tx",
        "'=1",
        "'=1",
        "比亚迪",
        "a=b",
    ]
    assert [safe_cell(v) for v in (-3, -2.5, None, True)] == [-3, -2.5, None, True]


def test_printable_strips_escape_sequences_controls_and_bidi_overrides():
    from kg.output.safe import printable

    hostile = "a\x1b[2J\x1b]0;title\x07b\x9b31m\u202ec\x00d\re\tf\ng\x1b(B"
    assert printable(hostile) == "ab31mcde\tf\ng"


def test_escaped_json_reads_back_the_same_text():
    from kg.output.tables import as_json

    value = {"label": "x\x1b[2J\u202e\x9by"}
    text = as_json(value)
    assert "\x1b" not in text and "\u202e" not in text and "\x9b" not in text
    assert json.loads(text) == value


def test_csv_cells_from_the_data_cannot_run():
    rows = list(csv.reader(io.StringIO(as_csv(["=h"], [["=cmd|' /C calc'!A0"], [-1], ["-1"]]).lstrip("\ufeff"))))
    assert rows == [["'=h"], ["'=cmd|' /C calc'!A0"], ["-1"], ["'-1"]]


def test_validation_problems_one_printable_line_each_and_a_count():
    from kg.output.views import problem_lines, validation_summary
    from kg.validate import Problem, Report

    report = Report([Problem("data/a.trig", "id:x", "quote \x1b[31mred\x1b[0m"), Problem("data/b.trig", "", "empty")])
    assert problem_lines(report) == "data/a.trig: id:x: quote red\ndata/b.trig: empty"
    assert validation_summary(report) == "2 problem(s)"
    assert (problem_lines(Report()), validation_summary(Report())) == ("", "ok: no problems")


def test_acceptance_says_what_was_written_or_why_nothing_was():
    from pathlib import Path

    from rdflib import URIRef

    from kg.extract.accept import Acceptance
    from kg.output.views import acceptance_summary, problem_lines
    from kg.validate import Problem

    written = Acceptance(
        Path("d/\x1b]0;x\x07a.trig"), Path("d/entities.ttl"), [URIRef("https://w3id.org/zonekg/id/x")], 2, 5, 3
    )
    assert acceptance_summary(written) == "d/a.trig: 5 facts in 3 quotes; d/entities.ttl: 1 new entities, 2 new aliases"
    refused = Acceptance(Path("a.trig"), Path("e.ttl"), problems=[Problem("a.trig", "id:x", "no \x1b[2Jquote")])
    assert acceptance_summary(refused) == "1 problem(s): nothing written"
    assert problem_lines(refused) == "a.trig: id:x: no quote"
