"""Readable ASCII IRIs and English label proposals for new entities: known words translated,
the rest in pinyin (two syllables to a word, as most Chinese names are built)."""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin
from rdflib import URIRef

from kg.namespaces import ID, ZKG

PREFIXES = {
    ZKG.IndustryChain: "chain-",
    ZKG.Region: "region-",
    ZKG.Honor: "honor-",
    ZKG.Platform: "platform-",
    ZKG.Project: "project-",
}
CLASS_WORDS = {ZKG.Project: "Project", ZKG.Platform: "Platform", ZKG.Honor: "Honour"}
GLOSSARY = (
    ("经济技术开发区", "Economic and Technological Development Zone"),
    ("高新技术产业开发区", "High-tech Industrial Development Zone"),
    ("经济开发区", "Economic Development Zone"),
    ("经开区", "Economic and Technological Development Zone"),
    ("高新区", "High-tech Zone"),
    ("开发区", "Development Zone"),
    ("高新园区", "High-tech Park"),
    ("工业园区", "Industrial Park"),
    ("股份有限公司", "Co., Ltd."),
    ("有限责任公司", "Co., Ltd."),
    ("有限公司", "Co., Ltd."),
    ("集团", "Group"),
    ("公司", "Company"),
    ("股份", ""),
    ("科技", "Technology"),
    ("新材料", "New Materials"),
    ("材料", "Materials"),
    ("新能源", "New Energy"),
    ("药业", "Pharmaceutical"),
    ("制药", "Pharmaceutical"),
    ("医药", "Pharmaceutical"),
    ("化工", "Chemical"),
    ("生物", "Biotech"),
    ("电子", "Electronics"),
    ("电气", "Electric"),
    ("机电", "Mechanical & Electrical"),
    ("精密", "Precision"),
    ("仪表", "Instrument"),
    ("医疗", "Medical"),
    ("汽车", "Auto"),
    ("能源", "Energy"),
    ("光电", "Optoelectronics"),
    ("信息", "Information"),
    ("智能", "Intelligent"),
    ("装备", "Equipment"),
    ("机械", "Machinery"),
    ("半导体", "Semiconductor"),
    ("项目", ""),
    ("工程", "Works"),
    ("产业园", "Industrial Park"),
    ("科技园", "Science Park"),
    ("科创园", "Sci-Tech Park"),
    ("创新园", "Innovation Park"),
    ("生态园", "Eco-Park"),
    ("产业平台", "Industry Platform"),
    ("平台", "Platform"),
    ("基地", "Base"),
    ("研究院", "Research Institute"),
    ("研究所", "Research Institute"),
    ("实验室", "Laboratory"),
    ("大学", "University"),
    ("学院", "College"),
    ("中心", "Centre"),
    ("一期", "Phase 1"),
    ("二期", "Phase 2"),
    ("三期", "Phase 3"),
    ("产业化", "Industrialisation"),
    ("产业", "Industry"),
    ("生产", "Production"),
    ("示范", "Demonstration"),
    ("创新", "Innovation"),
    ("企业", "Enterprise"),
    ("省", "Province"),
    ("市", "City"),
    ("县", "County"),
    ("区", "District"),
    ("街道", "Subdistrict"),
    ("镇", "Town"),
)
INNER_GLOSSARY = (
    ("中国科学院", "Chinese Academy of Sciences"),
    ("科学院", "Academy of Sciences"),
    ("国家级", "National"),
    ("省级", "Provincial"),
    ("市级", "Municipal"),
    ("专精特新", "Specialised and Sophisticated"),
    ("小巨人", "Little Giant"),
    ("未来工厂", "Future Factory"),
    ("智能工厂", "Smart Factory"),
    ("数字化车间", "Digital Workshop"),
    ("高新技术", "High-tech"),
    ("人工智能", "Artificial Intelligence"),
    ("集成电路", "Integrated Circuit"),
    ("生物医药", "Biomedicine"),
    ("新能源汽车", "New Energy Vehicle"),
    ("零部件", "Parts"),
    ("储能", "Energy Storage"),
    ("研发", "R&D"),
    ("全球", "Global"),
    ("中国", "China"),
    ("纳米", "Nano"),
    ("技术", "Technology"),
    ("高端", "High-end"),
    ("制造", "Manufacturing"),
    ("数字", "Digital"),
    ("经济", "Economic"),
    ("孵化器", "Incubator"),
    ("新型显示", "New Display"),
    ("电池", "Battery"),
    ("示范基地", "Demonstration Base"),
    ("产业园", "Industrial Park"),
    ("总部", "Headquarters"),
    ("核心", "Core"),
    ("部件", "Components"),
    ("与", "and"),
)
NOT_SLUG = re.compile(r"[^a-z0-9]+")
MAX_SLUG_WORDS = 7
GLOSSARY_MAP = dict(INNER_GLOSSARY) | dict(GLOSSARY)
WORDS = sorted(GLOSSARY_MAP, key=len, reverse=True)


def english_label(name: str, cls: URIRef) -> str:
    """A proposal for a reviewer: known words translated, the rest in pinyin, a class word."""
    text = re.sub(r"[“”\"'（）()]", " ", name).strip()
    words: list[str] = []
    pending = ""
    at = 0
    while at < len(text):
        word = next((w for w in WORDS if text.startswith(w, at)), None)
        if word is None:
            pending += text[at]
            at += 1
            continue
        words += _pinyin_words(pending)
        pending = ""
        words.append(GLOSSARY_MAP[word])
        at += len(word)
    words += _pinyin_words(pending)
    label = " ".join(w for w in words if w) or name
    kind = CLASS_WORDS.get(cls)
    return f"{label} {kind}" if kind and not label.endswith(kind) else label


def _pinyin_words(text: str) -> list[str]:
    words: list[str] = []
    for part in re.split(r"\s+", text):
        syllables = [s for s in lazy_pinyin(part) if s.strip()]
        chunk: list[str] = []
        for s in syllables:
            if not s.isascii() or not s.isalpha():
                if chunk:
                    words.append("".join(chunk).capitalize())
                    chunk = []
                words.append(s)
                continue
            chunk.append(s)
            if len(chunk) == 2:
                words.append("".join(chunk).capitalize())
                chunk = []
        if chunk:
            words.append("".join(chunk).capitalize())
    return words


def new_iri(name: str, cls: URIRef, taken: set[str]) -> URIRef:
    """id: + class prefix + a slug of the English proposal, made unique against `taken` (which it extends)."""
    words = [
        w
        for w in NOT_SLUG.split(english_label(name, cls).lower())
        if w and w not in ("co", "ltd", "project", "platform", "honour")
    ]
    base = PREFIXES.get(cls, "") + ("-".join(words[:MAX_SLUG_WORDS]) or "entity")
    iri, n = ID[base], 2
    while str(iri) in taken:
        iri, n = ID[f"{base}-{n}"], n + 1
    taken.add(str(iri))
    return iri
