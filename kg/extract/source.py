"""Reading one article: its bytes decoded, an HTML page reduced to its text, its own date line.

Chinese sites serve UTF-8 and GB18030/GBK (often GB2312 by name). The bytes are decoded by a
strict cascade, never by a guess that may silently garble: a byte-order mark, else strict
UTF-8, else the charset an HTML page declares, else strict GB18030. Strict UTF-8 goes before
GB18030 because long UTF-8 Chinese text is very often also valid GB18030 (as mojibake:
“中文” → “涓枃”), while GBK text that is also valid UTF-8 is vanishingly rare beyond a few
characters.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kg.errors import DataFileError, NotFound

HTML_SUFFIXES = (".html", ".htm")
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
GB_NAMES = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "ms936", "csgb2312", "euc-cn"}
CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
FULL_DATE = re.compile(r"((?:19|20)\d\d)\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})(?!\d)")
DATE_LINE_WORDS = ("来源", "发布", "日期", "时间", "稿源", "编辑", "作者", "记者", "浏览")
HEAD_LINES = 15
SHORT_LINE = 60


@dataclass(frozen=True)
class Article:
    """An article as read from its file: `stem` (the file name without extension) names its source."""

    path: Path
    text: str
    encoding: str
    title: str | None = None

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def year(self) -> int | None:
        """The year of the article's own date line, the default for 今年/去年 when none is given."""
        return dated_year(self.text)


def read_article(path: str | Path) -> Article:
    """The article in `path` (plain text or an .html/.htm page), decoded and checked to hold Chinese text."""
    path = Path(path)
    data = _read_bytes(path)
    if not data.strip():
        raise DataFileError(f"{path}: the file is empty")
    html = path.suffix.lower() in HTML_SUFFIXES
    text, encoding = decode(data, declared_charset(data) if html else None, name=str(path))
    title = None
    if html:
        page = html_page(text)
        text, title = page.text, page.title
    if not CHINESE.search(text):
        raise DataFileError(f"{path}: no Chinese text in this file (read as {encoding})")
    return Article(path=path, text=text, encoding=encoding, title=title)


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise DataFileError(f"{path}: is a folder, not an article")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"{path}: no such file") from None
    except OSError as error:
        raise DataFileError(f"{path}: cannot be read ({error.strerror or error})") from None


def decode(data: bytes, declared: str | None = None, name: str = "the text") -> tuple[str, str]:
    """The text of `data` and the encoding it was read in; DataFileError when none fits."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _strict(data, encoding, name), encoding
    candidates = ["utf-8"]
    if declared:
        candidates.append(declared)
    candidates.append("gb18030")
    for encoding in dict.fromkeys(candidates):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _text_only(text, encoding, name), encoding
    raise DataFileError(f"{name}: cannot be decoded as UTF-8 or GB18030/GBK text ({_first_bad_byte(data)})")


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise DataFileError(
            f"{name}: starts with a {encoding} byte-order mark but is not {encoding} (byte {error.start})"
        ) from None
    return _text_only(text, encoding, name)


def _text_only(text: str, encoding: str, name: str) -> str:
    control = CONTROL.search(text)
    if control:
        raise DataFileError(
            f"{name}: not a text file (control character {ord(control.group()):#04x} "
            f"at character {control.start()} when read as {encoding})"
        )
    return text


def _first_bad_byte(data: bytes) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return f"byte {data[error.start]:#04x} at offset {error.start} is not UTF-8"
    return "unknown encoding"


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag, as a Python codec name (GB names → gb18030)."""
    found = META_CHARSET.search(data[:4096])
    if not found:
        return None
    name = found.group(1).decode("ascii").lower()
    if name in GB_NAMES:
        return "gb18030"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


@dataclass(frozen=True)
class HtmlPage:
    text: str
    title: str | None


def html_page(markup: str) -> HtmlPage:
    """The visible text of an HTML page, one line per block, and its <title>."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return HtmlPage(text=_tidy(parser.text()), title=_tidy(parser.title()) or None)


SKIPPED = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object", "select", "button"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tfoot",
    "title",
    "tr",
    "ul",
}


class _TextParser(HTMLParser):
    """Collects text outside skipped elements, with a line break at every block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._title: list[str] = []
        self._skipping: list[str] = []
        self._in_title = False
        self._in_pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in SKIPPED and tag not in VOID:
            self._skipping.append(tag)
        elif tag == "pre":
            self._in_pre += 1
        if tag in BLOCKS:
            self._parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCKS:
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._skipping:
            while self._skipping and self._skipping.pop() != tag:
                pass
        elif tag == "pre" and self._in_pre:
            self._in_pre -= 1
        if tag in BLOCKS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif not self._skipping:
            self._parts.append(data if self._in_pre else _flow(data))

    def text(self) -> str:
        return "".join(self._parts)

    def title(self) -> str:
        return "".join(self._title)


WIDE = r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]"
BREAK_BETWEEN_WIDE = re.compile(rf"(?<={WIDE})[ \t\r\n\f]*\n[ \t\r\n\f]*(?={WIDE})")
SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")


def _flow(data: str) -> str:
    """Source line breaks in flowing HTML text: none between two Chinese characters (CSS Text 3), else a space."""
    return SPACES.sub(" ", BREAK_BETWEEN_WIDE.sub("", data))


def _tidy(text: str) -> str:
    lines = (line.strip(" \t\u00a0\u3000") for line in text.replace("\r", "").split("\n"))
    return "\n".join(line for line in lines if line)


def dated_year(text: str) -> int | None:
    """The year of the article's own date line ("2024-03-05 来源：…", "发布时间：2024年3月5日").

    A date line is a short line among the first lines that carries a full date, or any line
    that carries a full date beside a word such as 来源, 发布 or 日期. A date inside the body's
    prose (a long line) is not the article's date.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:HEAD_LINES]:
        if len(line) <= SHORT_LINE and (year := _full_date_year(line)):
            return year
    for line in lines:
        if any(word in line for word in DATE_LINE_WORDS) and (year := _full_date_year(line)):
            return year
    return None


def _full_date_year(line: str) -> int | None:
    for found in FULL_DATE.finditer(line):
        year, month, day = (int(part) for part in found.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return year
    return None
