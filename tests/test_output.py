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
