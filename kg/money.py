"""Amounts of money: yuan in the graph (xsd:decimal), 亿元 and 万元 in the texts and for people."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from rdflib import Literal
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.errors import BadValue
from kg.terms import as_written

YI = Decimal(10) ** 8
WAN = Decimal(10) ** 4
ROUND_YI = {Decimal(100): "百亿元", Decimal(1000): "千亿元", Decimal(10000): "万亿元"}


def yi_literal(amount_in_yi: str) -> Literal:
    """An amount of 亿元 as an xsd:decimal (the unit of the named queries' amounts): '58.94亿' → 58.94."""
    try:
        amount = Decimal(amount_in_yi.strip().removesuffix("亿元").removesuffix("亿"))
    except InvalidOperation:
        raise BadValue(f"amount must be a number of 亿元 (e.g. 50), not {amount_in_yi!r}") from None
    if not amount.is_finite():
        raise BadValue(f"amount must be a finite number of 亿元, not {amount_in_yi!r}")
    return Literal(_plain(amount), datatype=XSD.decimal)


def yuan_text(value: Node | Decimal) -> str:
    """Yuan as the texts write them: 5894000000 → 58.94亿元, 30000000 → 3000万元, 80000 → 8万元;
    a value that is no finite number ("lots"^^xsd:decimal) as written, with a warning."""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return as_written(value)
    if not amount.is_finite():
        return as_written(value)
    for unit, size in (("亿元", YI), ("万元", WAN)):
        if abs(amount) >= size:
            return f"{_plain(amount / size)}{unit}"
    return f"{_plain(amount)}元"


def yi_number(value: Node | Decimal | None) -> int | float | None:
    """Yuan as a number of 亿元 (an int when whole), for lists people sort and sum: 5894000000 → 58.94."""
    if value is None:
        return None
    amount = Decimal(str(value)) / YI
    return int(amount) if amount == amount.to_integral_value() else float(amount.normalize())


def yuan_forms(amount: Decimal) -> list[str]:
    """Every way a text may write an amount in yuan: 5894000000 → 58.94亿元, 589400万元, 5894000000元;
    10^10 also as 百亿元."""
    forms = [f"{_plain(amount / YI)}亿元", f"{_plain(amount / WAN)}万元", f"{_plain(amount)}元"]
    if amount / YI in ROUND_YI:
        forms.append(ROUND_YI[amount / YI])
    return forms


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")
