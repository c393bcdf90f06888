from decimal import Decimal

import pytest
from rdflib import Literal
from rdflib.namespace import XSD

from kg.errors import BadValue
from kg.money import yi_literal, yuan_forms, yuan_text


def test_yi_literal_keeps_the_number_of_yi():
    assert yi_literal("58.94") == Literal("58.94", datatype=XSD.decimal)
    assert yi_literal("50亿元") == yi_literal("50亿") == yi_literal("50") == Literal("50", datatype=XSD.decimal)


@pytest.mark.parametrize("text", ["50 } #", "nan", "Infinity", ""])
def test_yi_literal_refuses_what_is_not_a_finite_number(text):
    with pytest.raises(BadValue, match="amount must be a"):
        yi_literal(text)


def test_yuan_text_reads_like_the_text():
    assert yuan_text(Literal("5894000000")) == "58.94亿元"
    assert yuan_text(Literal("30000000")) == "3000万元"
    assert yuan_text(Literal("80000")) == "8万元" and yuan_text(Literal("500")) == "500元"


def test_yuan_forms():
    assert yuan_forms(Decimal("5894000000")) == ["58.94亿元", "589400万元", "5894000000元"]
    assert yuan_forms(Decimal("30000000")) == ["0.3亿元", "3000万元", "30000000元"]
    assert "百亿元" in yuan_forms(Decimal("10000000000"))


def test_the_three_agree():
    amount = Decimal(str(yi_literal("58.94"))) * 10**8
    assert yuan_text(amount) in yuan_forms(amount)
