"""Amounts of money as the text gives them (亿元, 万元, 元) in yuan, with their qualifier."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from rdflib import URIRef

from kg.namespaces import ZKG

UNITS = {"万亿元": Decimal(10) ** 12, "亿元": Decimal(10) ** 8, "万元": Decimal(10) ** 4, "元": Decimal(1)}
CHINESE_ROUND = {"百": 100, "千": 1000, "十": 10}
AMOUNT = re.compile(
    r"(?P<before>预计|计划|约|近|超过|超|逾|达|达到)?"
    r"(?P<number>\d+(?:\.\d+)?|[百千十])"
    r"(?P<more>多|余)?"
    r"(?P<unit>万亿元|亿元|万元|元)"
    r"(?P<after>以上|左右|多)?"
)
MORE = {"超", "超过", "逾", "以上", "多", "余"}
ABOUT = {"近", "约", "左右"}


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    yuan: Decimal
    qualifier: URIRef | None


def amounts(text: str, offset: int = 0) -> list[Amount]:
    """Every amount in yuan in `text`; an amount preceded by 预计 (in its clause) is Estimated."""
    found = []
    for m in AMOUNT.finditer(text):
        number = m["number"]
        value = Decimal(CHINESE_ROUND[number]) if number in CHINESE_ROUND else Decimal(number)
        yuan = (value * UNITS[m["unit"]]).normalize()
        words = {m["before"], m["more"], m["after"]} - {None}
        qualifier = None
        if words & MORE:
            qualifier = ZKG.MoreThan
        elif words & ABOUT:
            qualifier = ZKG.Approximately
        elif "预计" in words or "预计" in _clause_before(text, m.start()):
            qualifier = ZKG.Estimated
        found.append(Amount(offset + m.start(), offset + m.end(), yuan, qualifier))
    return found


def _clause_before(text: str, end: int) -> str:
    start = max(text.rfind(c, 0, end) for c in "，,。；;")
    return text[start + 1 : end]
