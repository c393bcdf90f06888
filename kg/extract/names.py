"""Name keys for reconciliation: one key for the spellings of one name."""

from __future__ import annotations

import re
import unicodedata

from kg.extract.lexicon import CITIES, PROVINCES

LEGAL_SUFFIXES = (
    "集团股份有限公司",
    "集团有限公司",
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "集团公司",
    "集团",
    "公司",
)
"""Longest first: the first that ends a name is the one dropped (集团有限公司 before 有限公司)."""
REGION_PREFIXES = (
    "中国",
    "浙江省",
    "浙江",
    "江苏省",
    "江苏",
    "上海市",
    "上海",
    "北京市",
    "北京",
    "广东省",
    "广东",
    "深圳市",
    "深圳",
    "安徽省",
    "安徽",
    "山东省",
    "山东",
    "福建省",
    "福建",
    "四川省",
    "四川",
    "湖北省",
    "湖北",
    "湖南省",
    "湖南",
    "河南省",
    "河南",
    "河北省",
    "河北",
    "江西省",
    "江西",
    "重庆市",
    "重庆",
    "天津市",
    "天津",
    "陕西省",
    "陕西",
    "绍兴市",
    "绍兴",
    "杭州市",
    "杭州",
    "宁波市",
    "宁波",
    "苏州市",
    "苏州",
    "南京市",
    "南京",
    "合肥市",
    "合肥",
    "武汉市",
    "武汉",
    "成都市",
    "成都",
    "广州市",
    "广州",
    "厦门市",
    "厦门",
)
BRACKETS = str.maketrans(
    {"（": "(", "）": ")", "【": "[", "】": "]", "“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"'}
)
PARENTHESISED = re.compile(r"\([^()]*\)")
QUOTES = re.compile(r"[\"']")


def fold(name: str) -> str:
    """Width, case, spaces and bracket style folded: 嵊州经济开发区（高新园区） = 嵊州经济开发区(高新园区)."""
    return "".join(unicodedata.normalize("NFKC", name).translate(BRACKETS).split()).casefold()


def name_key(name: str) -> str:
    """The matching key: folded, quotes dropped, legal suffixes dropped (浙江龙盛集团 → 浙江龙盛)."""
    key = QUOTES.sub("", fold(name))
    for suffix in LEGAL_SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 2:
            key = key[: -len(suffix)]
            break
    return key


BATCH = re.compile(r"首批|第[一二三四五六七八九十\d]+批|培育名单$|名单$|称号$")
PROVINCE_LEVEL = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}省|全省|省级|省)")


ZONE_SUFFIX = re.compile(r"(?:经济技术开发区|经济开发区|经济技术开发园区|经开区)$")
HIGH_TECH_SUFFIX = re.compile(r"(?:高新技术产业开发区|高新技术开发区|高新区)$")


def zone_keys(name: str) -> list[str]:
    """A zone's keys with its kind abbreviated (经济技术开发区 = 经济开发区 = 经开区) and without
    a bracketed second name (嵊州经济开发区(高新园区)) or a region prefix."""
    key = PARENTHESISED.sub("", name_key(name))
    key = HIGH_TECH_SUFFIX.sub("高新区", ZONE_SUFFIX.sub("经开区", key))
    key = re.sub(r"国家(?=高新区$|经开区$)", "", key)
    keys = [key]
    for prefix in ZONE_PLACES:
        if key.startswith(prefix) and len(key) - len(prefix) >= 4:
            keys.append(key[len(prefix) :])
            break
    return [k for k in dict.fromkeys(keys) if k != name_key(name)]


ZONE_PLACES = tuple(
    sorted({*REGION_PREFIXES, *(p + s for p in (*PROVINCES, *CITIES) for s in ("省", "市", ""))}, key=len, reverse=True)
)
"""The places a zone's name may open with (南京江北新区 = 江北新区)."""


REGION_SUFFIX = re.compile(r"(?<=..)(?:省|市|县|区)$")


PLATFORM_SUFFIX = re.compile(r"(?:新产业平台|产业平台|产业园区?|平台)$")


def platform_keys(name: str) -> list[str]:
    """A platform's key with its kind folded: 新能源装备“万亩千亿”新产业平台 = …产业平台 = …产业园."""
    key = PLATFORM_SUFFIX.sub("平台", name_key(name))
    return [key] if key != name_key(name) else []


def region_keys(name: str) -> list[str]:
    """A region's key without its level: 嵊州市 = 嵊州, 浙江省 = 浙江."""
    key = REGION_SUFFIX.sub("", name_key(name))
    return [key] if key != name_key(name) else []


def honor_keys(name: str) -> list[str]:
    """Keys of an honour beyond its name key: without batch words (首批, 第三批, 名单) and with
    a province named or not (浙江省首批雄鹰企业 = 省雄鹰企业 = 浙江省雄鹰企业)."""
    key = BATCH.sub("", name_key(name))
    keys = [key]
    bare = PROVINCE_LEVEL.sub("", key)
    if bare != key and len(bare) >= 3:
        keys.append("省" + bare)
    return [k for k in dict.fromkeys(keys) if k != name_key(name)]


def short_keys(name: str) -> list[str]:
    """Further keys of an enterprise name: without a region prefix and without a bracketed
    part (浙江晶盛机电股份有限公司 → 晶盛机电; 柏明胜医疗(昌红科技) → 柏明胜医疗)."""
    key = name_key(name)
    keys = []
    bare = PARENTHESISED.sub("", key)
    if bare != key and len(bare) >= 2:
        keys.append(bare)
    for base in [key, bare]:
        for prefix in REGION_PREFIXES:
            if base.startswith(prefix) and len(base) - len(prefix) >= 2:
                keys.append(base[len(prefix) :])
                break
    return [k for k in dict.fromkeys(keys) if k != key]
