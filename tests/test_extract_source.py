from pathlib import Path

import pytest

from kg.errors import DataFileError, NotFound
from kg.extract.source import dated_year, decode, html_page, read_article

PARAGRAPH = (
    "作为嵊州经济开发区(高新园区)新能源装备“万亩千亿”产业平台的龙头企业——比亚迪,"
    "总投资130亿元的新能源动力电池生产基地项目带动了浙江海威汽车二期等多个优质项目紧跟入驻。"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_gbk_bytes_of_a_chinese_paragraph_are_read_as_gbk(tmp_path):
    data = PARAGRAPH.encode("gbk")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    article = read_article(write(tmp_path, "gbk.txt", data))
    assert article.text == PARAGRAPH
    assert article.encoding == "gb18030"


def test_characters_only_gb18030_has_are_read(tmp_path):
    text = "䶮字在GB18030中占四个字节，€也是。" + PARAGRAPH
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    assert read_article(write(tmp_path, "gb18030.txt", text.encode("gb18030"))).text == text


def test_utf8_text_that_is_also_valid_gb18030_is_read_as_utf8(tmp_path):
    text = "中文报道"
    data = text.encode("utf-8")
    assert data.decode("gb18030") != text
    article = read_article(write(tmp_path, "both.txt", data))
    assert article.text == text
    assert article.encoding == "utf-8"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_byte_order_mark_decides(tmp_path, encoding):
    article = read_article(write(tmp_path, "bom.txt", PARAGRAPH.encode(encoding)))
    assert article.text == PARAGRAPH


def test_the_corpus_articles_read_unchanged():
    corpus = Path("/work/shared/corpus")
    if not corpus.is_dir():
        pytest.skip("no corpus here")
    for path in sorted(corpus.glob("*.txt")):
        article = read_article(path)
        assert article.text == path.read_text(encoding="utf-8")
        assert article.stem == path.stem


def test_a_20000_character_article_is_read_whole(tmp_path):
    text = "\n\n".join([PARAGRAPH] * (20000 // len(PARAGRAPH) + 1))
    assert len(text) >= 20000
    assert read_article(write(tmp_path, "long.txt", text.encode("gbk"))).text == text


def test_html_page_keeps_paragraphs_as_lines_and_drops_scripts_and_styles():
    page = html_page(
        "<html><head><title>嵊州经开区 &amp; 比亚迪</title><style>p { color: red }</style>"
        "<script>document.write('<p>不该出现</p>')</script></head>"
        "<body><div class=nav>首页 &gt; 新闻</div><p>比亚迪\n项目总投资130亿元&nbsp;&lt;一期&gt;</p>"
        "<p>第二段<br>第二行</p><!-- 注释 --><ul><li>甲</li><li>乙</li></ul><noscript>请启用脚本</noscript></body></html>"
    )
    assert page.text.splitlines() == ["首页 > 新闻", "比亚迪项目总投资130亿元 <一期>", "第二段", "第二行", "甲", "乙"]
    assert page.title == "嵊州经开区 & 比亚迪"


def test_html_file_in_gbk_declared_as_gb2312(tmp_path):
    markup = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"<title>开发区新闻</title></head><body><p>2024-03-05 来源：嵊州日报</p><p>{PARAGRAPH}</p></body></html>"
    )
    article = read_article(write(tmp_path, "page.htm", markup.encode("gbk")))
    assert article.text.splitlines() == ["2024-03-05 来源：嵊州日报", PARAGRAPH]
    assert article.title == "开发区新闻"
    assert article.year == 2024
    assert article.stem == "page"


def test_declared_big5_is_honoured_when_not_utf8(tmp_path):
    markup = '<meta charset="big5"><p>臺灣經濟開發區</p>'
    article = read_article(write(tmp_path, "big5.html", markup.encode("big5")))
    assert article.text == "臺灣經濟開發區"


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "empty"),
        (b"  \n\n \t", "empty"),
        (b"An article with no Chinese in it at all, 2024.", "no Chinese text"),
        (b"\x80\xff\xfe\x81" * 50, "cannot be decoded"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + "比亚迪".encode(), "cannot be decoded"),
        (b"PK\x03\x04\x14\x00\x06\x00" + "比亚迪".encode(), "not a text file"),
    ],
)
def test_bad_articles_raise_one_line_data_file_errors(tmp_path, data, fragment):
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(DataFileError) as error:
        read_article(path)
    message = str(error.value)
    assert fragment in message and str(path) in message and "\n" not in message


def test_a_missing_article_is_not_found(tmp_path):
    with pytest.raises(NotFound, match=r"nothing\.txt: no such file"):
        read_article(tmp_path / "nothing.txt")


def test_decode_names_the_first_bad_byte():
    with pytest.raises(DataFileError, match="0x80 at offset 2"):
        decode(b"ab\x80\xff", name="x.txt")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("标题\n2024-03-05 来源：嵊州日报\n正文", 2024),
        ("标题\n2023年12月1日 09:30\n正文", 2023),
        ("嵊州经开区\n2022/7/15\n", 2022),
        ("标题\n" + "正文很长。" * 20 + "\n发布时间：2021.06.10 编辑：王\n", 2021),
        ("标题\n2020年9月举办签约仪式。\n今年以来签约项目9个。", None),
        ("标题\n" + "在2024年3月5日举行的签约仪式上，" + "比亚迪项目正式落地嵊州经济开发区，" * 3, None),
        ("标题\n2024-13-45 来源：错误日期", None),
    ],
)
def test_dated_year_reads_the_articles_own_date_line(text, year):
    assert dated_year(text) == year
