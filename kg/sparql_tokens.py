"""SPARQL text read as tokens: strings, IRIs and comments stepped over whole, so that a `{`, a
keyword or a function name inside one counts for nothing. A tokenizer, not a parser: enough to
find where a query's WHERE group opens, which form it has, which prefixes it declares, and
whether it calls a function that gives a new answer on every run."""

from __future__ import annotations

import re

STRING = (
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
)
IRI = r'<[^<>"{}|^`\\\x00-\x20]*>'
COMMENT = r"\#[^\n]*"
_TOKENS = re.compile(
    rf"""(?P<comment>{COMMENT})
      | (?P<string>{STRING})
      | (?P<iri>{IRI})
      | (?P<var>[?$]\w+)
      | (?P<word>[A-Za-z_][\w.-]*:?[\w.-]*)
      | (?P<open>\{{) | (?P<close>\}}) | (?P<space>\s+) | (?P<other>.)""",
    re.X | re.S,
)
Token = tuple[str, str, int, int]
"""(kind, text, start, end): kind is string, iri, var, word (a keyword or prefixed name), open,
close or other."""


def tokens(text: str) -> list[Token]:
    """The tokens that matter, in order: no spaces, no comments."""
    return [
        (m.lastgroup or "", m.group(), m.start(), m.end())
        for m in _TOKENS.finditer(text)
        if m.lastgroup not in ("space", "comment")
    ]


_NOT_CODE = re.compile(f"{STRING}|{IRI}|{COMMENT}")
_UNREPEATABLE = re.compile(r"(?<![\w:?$])(?:NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


def repeatable(text: str) -> bool:
    """Whether the query gives the same answer every time on the same data: not when it calls
    NOW(), RAND(), UUID(), STRUUID() or BNODE(). Strings and comments are skipped, so a label
    that says "NOW()" does not count, nor does a function of that name in a namespace. IRIs are
    only stepped over (a `#` in one starts no comment) and still searched: `<` is also
    less-than, and a doubt must never keep an answer that cannot be repeated."""
    code = _NOT_CODE.sub(lambda match: match[0] if match[0].startswith("<") else " ", text)
    return _UNREPEATABLE.search(code) is None


_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}
_COUNTING = {"COUNT", "SUM", "AVG", "GROUP_CONCAT", "GROUP", "HAVING"}


def distinct_answer(text: str) -> bool:
    """Whether the query's answer cannot depend on how many times a triple is matched: an ASK,
    or a single SELECT DISTINCT (no subquery) that neither counts nor sums nor groups."""
    words = [token[1].upper() for token in tokens(text) if token[0] == "word"]
    forms = [i for i, word in enumerate(words) if word in _FORMS]
    if len(forms) != 1 or _COUNTING & set(words):
        return False
    form = forms[0]
    return words[form] == "ASK" or (words[form] == "SELECT" and words[form + 1 : form + 2] == ["DISTINCT"])
