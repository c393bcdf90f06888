import pytest
from openpyxl import load_workbook

from kg.errors import DataFileError
from kg.output.safe import safe_cell
from kg.output.xlsx import Column, Sheet, cell_text, read_table, workbook_bytes, write_workbook

COLUMNS = (
    Column("key", hidden=True),
    Column("name 名称", width=30),
    Column("value", width=10),
    Column("keep?", editable=True, choices=("yes", "no")),
)


def sheets():
    return [
        Sheet(
            "things",
            COLUMNS,
            [
                ["k1", "比亚迪", 1.5, "yes"],
                ["k2", '=HYPERLINK("http://x")', -3, "no"],
                ["k3", "@SUM(A1)", None, "yes"],
                ["k4", "+86 575", 0, "yes"],
            ],
        )
    ]


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx"])
def test_formula_starts_are_prefixed_and_taken_off_on_reading(text):
    assert safe_cell(text) == "'" + text
    assert cell_text(safe_cell(text)) == text


def test_control_characters_do_not_reach_the_sheet():
    assert cell_text(safe_cell("\r=x\x1b[2J")) == "=x"


def test_plain_text_and_numbers_are_left_alone():
    assert safe_cell("比亚迪") == "比亚迪"
    assert safe_cell(-3) == -3
    assert cell_text("'quoted") == "'quoted"


def test_the_workbook_as_a_spreadsheet_sees_it(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", sheets())
    book = load_workbook(path)
    ws = book["things"]
    assert [c.value for c in ws[1]] == ["key", "name 名称", "value", "keep?"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:D5"
    assert ws.column_dimensions["A"].hidden and not ws.column_dimensions["B"].hidden
    assert ws.column_dimensions["B"].width == 30
    assert not ws["D2"].protection.locked and ws["B2"].protection.locked
    texts = [ws.cell(row=r, column=2).value for r in range(2, 6)]
    assert texts == ["比亚迪", '\'=HYPERLINK("http://x")', "'@SUM(A1)", "'+86 575"]
    assert all(ws.cell(row=r, column=2).data_type == "s" for r in range(2, 6))
    assert ws["C3"].value == -3 and ws["C3"].data_type == "n"
    picks = ws.data_validations.dataValidation
    assert len(picks) == 1 and picks[0].formula1 == '"yes,no"' and str(picks[0].sqref) == "D2:D5"


def test_read_table_gives_the_data_back_by_header(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", sheets())
    rows = read_table(path, "things", ["key", "keep?"])
    assert [r.number for r in rows] == [2, 3, 4, 5]
    assert rows[1]["name 名称"] == '=HYPERLINK("http://x")'
    assert rows[3]["name 名称"] == "+86 575"
    assert [r["keep?"] for r in rows] == ["yes", "no", "yes", "yes"]


def test_same_sheets_same_bytes():
    assert workbook_bytes(sheets()) == workbook_bytes(sheets())


def test_read_table_errors_name_the_file_and_what_is_missing(tmp_path):
    path = write_workbook(tmp_path / "w.xlsx", sheets())
    with pytest.raises(DataFileError, match="no sheet named 'facts'"):
        read_table(path, "facts", ["key"])
    with pytest.raises(DataFileError, match="has no column 'rule'"):
        read_table(path, "things", ["key", "rule"])
    text = tmp_path / "not.xlsx"
    text.write_text("hello", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"not\.xlsx: not an XLSX workbook"):
        read_table(text, "things", ["key"])
    with pytest.raises(DataFileError, match=r"gone\.xlsx: no such file"):
        read_table(tmp_path / "gone.xlsx", "things", ["key"])


def test_the_document_dates_do_not_depend_on_the_time_of_saving():
    import io
    import re
    import zipfile

    core = zipfile.ZipFile(io.BytesIO(workbook_bytes(sheets()))).read("docProps/core.xml").decode("utf-8")
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == ["2000-01-01T00:00:00Z"] * 2
