"""Short names an article introduces with a full one: 合肥视涯技术有限公司 … 视涯技术, 科大国盾量子技术
股份有限公司 … 国盾量子, 中车青岛四方机车车辆股份有限公司 … 中车四方, and a bracketed 陕西重型汽车有限公司（陕汽）."""

from __future__ import annotations

import re

from kg.extract.lexicon import CHAINS, CITIES, ENTERPRISE_WORDS, NOT_BRANDS_WORDS, PROVINCES
from kg.extract.names import LEGAL_SUFFIXES, PARENTHESISED, fold
from kg.extract.recognise import Mention
from kg.namespaces import ZKG

FULL_NAME = re.compile("(?:" + "|".join(sorted(LEGAL_SUFFIXES, key=len, reverse=True)) + r")$")
PLACES = tuple(sorted({*PROVINCES, *CITIES, "中国"}, key=len, reverse=True))
BRACKETED = re.compile(r"[（(]([\u4e00-\u9fffA-Za-z]{2,6})[)）]")
ALONE_AFTER = "是的在将、，。与和及等也还已旗子投相去今作为于由同位获入荣"
"""A two-character short name is taken only where what follows it cannot continue a word."""


def short_mentions(text: str, top: list[Mention]) -> list[Mention]:
    """Every place a short name of a full company or institution name of the article stands
    (and its bracketed short name), as a mention of the full name."""
    fulls = [m for m in top if m.cls in (ZKG.Enterprise, ZKG.TalentInstitution) and FULL_NAME.search(m.name)]
    places = [m.name for m in top if m.cls in (ZKG.Zone, ZKG.Region, ZKG.Platform)]
    owners: dict[str, list[Mention]] = {}
    cores = {_core(m.name): m for m in sorted(fulls, key=lambda m: not PARENTHESISED.search(fold(m.name)))}
    for m in fulls:
        for short in short_forms(m.name):
            if not any(p.startswith(short) for p in places):
                owners.setdefault(short, []).append(m)
    found = [*_bracketed(text, top)]
    covered = [(m.start, m.end) for m in fulls]
    for short, candidates in owners.items():
        owner = cores.get(short) or (candidates[0] if len({c.name for c in candidates}) == 1 else None)
        if owner is None:
            continue
        for at in _occurrences(text, short):
            end = at + len(short)
            if any(s <= at < e for s, e in covered):
                continue
            if len(short) == 2 and end < len(text) and text[end] not in ALONE_AFTER:
                continue
            found.append(Mention(at, end, owner.name, owner.cls, "name-short", 0.85, owner.known))
    return found


def short_forms(name: str) -> list[str]:
    """The short names a full name may go by, longest first: its core without place and legal
    suffix, the core's opening words, a name with a city inside it closed up (中车青岛四方 → 中车四方)."""
    core = _core(name)
    forms = []
    for start in (0, 1, 2):
        for end in range(len(core), start + 1, -1):
            form = core[start:end]
            if (start == 0 or len(form) >= 4) and _distinctive(form):
                forms.append(form)
    for place in PLACES:
        at = core.find(place, 2)
        if 2 <= at <= 4 and len(core) - at - len(place) >= 2:
            forms.append(core[:at] + core[at + len(place) : at + len(place) + 2])
            break
    return sorted(dict.fromkeys(forms), key=len, reverse=True)


def _core(name: str) -> str:
    core = FULL_NAME.sub("", fold(name))
    core = PARENTHESISED.sub("", core)
    core = re.sub(r"集团$", "", core)
    changed = True
    while changed:
        changed = False
        for place in PLACES:
            for prefix in (place + "省", place + "市", place):
                if core.startswith(prefix) and len(core) - len(prefix) >= 2:
                    core = core[len(prefix) :]
                    changed = True
                    break
            if changed:
                break
    return core


def _distinctive(form: str) -> bool:
    """Not a word any company could use: an industry or place word, a chain, a generic word."""
    return not (
        form in ENTERPRISE_WORDS
        or form in CHAINS
        or form in PLACES
        or form in NOT_BRANDS_WORDS
        or any(form.endswith(w) and len(form) - len(w) < 2 for w in ENTERPRISE_WORDS)
    )


def _occurrences(text: str, short: str) -> list[int]:
    found = []
    at = text.find(short)
    while at >= 0:
        found.append(at)
        at = text.find(short, at + 1)
    return found


def _bracketed(text: str, top: list[Mention]) -> list[Mention]:
    """A short name in brackets right after a full name (陕西重型汽车有限公司（陕汽）), and each
    place it stands alone later."""
    found = []
    for m in top:
        if m.cls not in (ZKG.Enterprise, ZKG.TalentInstitution) or not FULL_NAME.search(m.name):
            continue
        b = BRACKETED.match(text, m.end)
        if b is None or b.group(1) in PLACES or b.group(1) in ("集团", "筹", "试行"):
            continue
        short = b.group(1)
        for at in _occurrences(text, short):
            found.append(Mention(at, at + len(short), m.name, m.cls, "name-bracketed", 0.85, m.known))
    return found
