"""Sentences and clauses of an article with their exact character spans, and verbatim quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass

SENTENCE_END = "。！？!?；;"
CLAUSE_END = "，,：:"
CLOSERS = "”’」』)）"
SHORT_QUOTE = 110
SPACED_BREAK = re.compile(r"[ \t\u3000]*\n\s*")


@dataclass(frozen=True)
class Sentence:
    """A sentence at text[start:end]. A sentence broken over blank lines is joined across them."""

    start: int
    end: int
    text: str


def sentences(text: str) -> list[Sentence]:
    """The sentences of `text` in reading order; headings and captions (lines with no end mark
    that are short) stand alone, a line cut mid-sentence joins the next paragraph."""
    found: list[Sentence] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in SENTENCE_END:
            end = i + 1
            while end < n and text[end] in CLOSERS:
                end += 1
            _add(found, text, start, end)
            start = i = end
            continue
        if ch == "\n" and _line_ends_here(text, start, i):
            _add(found, text, start, i)
            start = i + 1
        i += 1
    _add(found, text, start, n)
    return found


def _line_ends_here(text: str, start: int, i: int) -> bool:
    """A line break ends a sentence unless the line is long prose cut mid-clause."""
    line = text[start:i].strip()
    if not line:
        return True
    if len(line) < 25 or line[-1] in CLOSERS + "“":
        return True
    nxt = text[i:].lstrip()
    return not nxt or nxt[0] in "“（(【[" or _is_heading(nxt)


def _is_heading(rest: str) -> bool:
    line = rest.split("\n", 1)[0].strip()
    return len(line) < 20 and not any(c in line for c in SENTENCE_END + CLAUSE_END)


def _add(found: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2:
        found.append(Sentence(start, end, text[start:end]))


def joined(text: str) -> str:
    """`text` with the line breaks inside its sentences left out (精细\n\n化工 → 精细化工), so that
    names and figures cut by the layout are whole again; breaks between sentences stay."""
    pieces = []
    at = 0
    for sentence in sentences(text):
        pieces += [text[at : sentence.start], quote_text(sentence.text)]
        at = sentence.end
    return "".join([*pieces, text[at:]])


def quote_text(raw: str) -> str:
    """A quote as stored: the text exactly, except that a line break (and blank lines) inside
    it are left out, as the articles break sentences over blank lines."""
    return SPACED_BREAK.sub("", raw)


def clause_span(sentence: Sentence, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The shortest run of whole clauses of `sentence` covering every span; the whole
    sentence when it is short."""
    if sentence.end - sentence.start <= SHORT_QUOTE or not spans:
        return sentence.start, sentence.end
    text = sentence.text
    lo = min(s for s, _ in spans) - sentence.start
    hi = max(e for _, e in spans) - sentence.start
    left = max((k + 1 for k in range(max(lo, 0)) if text[k] in CLAUSE_END), default=0)
    right = next((k + 1 for k in range(max(hi, 0), len(text)) if text[k] in CLAUSE_END + SENTENCE_END), len(text))
    if right < len(text) and text[right - 1] in CLAUSE_END:
        right -= 1
    return sentence.start + left, sentence.start + right
