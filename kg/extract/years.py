"""Years as the text gives them: 2023年, or relative to the article's year (今年, 去年, 龙年伊始)."""

from __future__ import annotations

import re

RELATIVE = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1, "后年": 2, "新年": 0, "年初": 0}
ZODIAC = "鼠牛虎兔龙蛇马羊猴鸡狗猪"
YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年|(今年|本年|去年|上年|前年|明年|后年)|([鼠牛虎兔龙蛇马羊猴鸡狗猪])年")


def zodiac_year(animal: str, near: int) -> int:
    """The year of that animal closest to `near` (2024 is a dragon year)."""
    base = 2020 + ZODIAC.index(animal)
    return min((base + 12 * k for k in range(-10, 11)), key=lambda y: (abs(y - near), -y))


def years_in(text: str, article_year: int) -> list[tuple[int, int, int]]:
    """Every year named in `text` as (start, end, year), relative ones resolved."""
    found = []
    for m in YEAR.finditer(text):
        if m.group(1):
            year = int(m.group(1))
        elif m.group(2):
            year = article_year + RELATIVE[m.group(2)]
        else:
            year = zodiac_year(m.group(3), article_year)
        found.append((m.start(), m.end(), year))
    return found
