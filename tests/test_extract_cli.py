"""`kg extract` through the CLI: a draft that validates, and one-line errors for bad input."""

from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.namespace import RDF

from kg.namespaces import SRC, ZKG
from tests.conftest import assert_one_line_error, run

ARTICLE = """江北经济开发区：项目建设跑出加速度

2024年3月5日 来源：江北日报

龙年伊始，江北经济开发区招商引资开门红。总投资58.94亿元的青松新材料高性能薄膜项目正式签约落户江北经济开发区。

去年，青松新材料入选国家级专精特新“小巨人”企业。

预计总投资12亿元的蓝海生物医药产业基地项目今年5月开工。
"""


@pytest.fixture
def article(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path = corpus / "jiangbei_001.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_writes_a_draft_that_passes_validate_draft(runner, article, tmp_path):
    out = tmp_path / "draft.trig"
    result = run(
        runner, "extract", str(article), "--year", "2024", "--url", "http://example.cn/a?b=1", "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    assert "facts" in result.stderr
    dataset = Dataset()
    dataset.parse(out, format="trig")
    assert set(dataset.subjects(RDF.type, ZKG.Source)) == {SRC["jiangbei_001"]}
    checked = run(runner, "--data", str(out), "validate", "--draft", "--corpus", str(article.parent))
    assert checked.exit_code == 0, checked.output + checked.stderr


def test_same_article_same_bytes(runner, article, tmp_path):
    first, second = tmp_path / "a.trig", tmp_path / "b.trig"
    for out in (first, second):
        assert run(runner, "extract", str(article), "--out", str(out)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_year_defaults_to_the_date_line_and_gbk_is_read(runner, article, tmp_path):
    gbk = article.with_name("jiangbei_gbk.txt")
    gbk.write_bytes(ARTICLE.encode("gbk"))
    out = tmp_path / "gbk.trig"
    assert run(runner, "extract", str(gbk), "--out", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "zkg:year 2024" in text and "青松新材料" in text


@pytest.mark.parametrize(
    "content, fragment",
    [
        (b"", "empty"),
        (b"just some English words, nothing else", "Chinese"),
        (b"\xff\xfe\xfa\x00\x81\x81\x81", "jiangbei_bad.txt"),
    ],
)
def test_bad_input_is_one_line(runner, tmp_path, content, fragment):
    path = tmp_path / "jiangbei_bad.txt"
    path.write_bytes(content)
    out = tmp_path / "never.trig"
    result = run(runner, "extract", str(path), "--year", "2024", "--out", str(out))
    assert_one_line_error(result, fragment)
    assert not out.exists()


def test_missing_file_is_one_line(runner, tmp_path):
    result = run(runner, "extract", str(tmp_path / "nope.txt"), "--year", "2024")
    assert_one_line_error(result, "nope.txt")


def test_unwritable_output_keeps_nothing_half_written(runner, article, tmp_path):
    result = run(runner, "extract", str(article), "--out", str(tmp_path / "no" / "such" / "draft.trig"))
    assert_one_line_error(result, "no such folder")
