"""Finding named entities in a text: the gazetteer's names, and rules by suffix, list and context."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from kg.extract.gazetteer import Gazetteer, Known, fold_text
from kg.extract.lexicon import (
    CHAIN_CONTEXT_AFTER,
    CHAINS,
    CITIES,
    ENTERPRISE_WORDS,
    ENTERPRISE_WORDS_LONGEST_FIRST,
    GENERIC_CORES,
    GENERIC_PROJECT,
    HONOR_ENDS,
    HONOR_LEVELS,
    HONOR_TERMS,
    HONOR_VERBS,
    NAME_CUTTERS,
    PROJECT_CUTTERS,
    PROTECTED,
    PROVINCES,
    SUBJECT_MARKERS,
    SUFFIXES,
)
from kg.namespaces import ZKG

NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·\-（）()“”.]")
MAX_NAME = {ZKG.Project: 32, ZKG.Enterprise: 16, ZKG.Zone: 18, ZKG.Platform: 20, ZKG.TalentInstitution: 22}
KEEP_INSIDE = {
    ZKG.Project: ("与", "及"),
    ZKG.Platform: ("与", "及", "和"),
    ZKG.IndustryChain: ("与", "及"),
    ZKG.TalentInstitution: ("与", "及", "和"),
}
GENERIC = {
    "经开区",
    "开发区",
    "高新区",
    "园区",
    "该项目",
    "项目",
    "公司",
    "企业",
    "集团",
    "平台",
    "大学",
    "学院",
    "工程",
    "子公司",
    "本项目",
    "研究院",
    "实验室",
    "产业园",
    "基地",
    "该公司",
}
LIST_RE = re.compile(
    r"((?:[\u4e00-\u9fffA-Za-z0-9（）()]{2,14}、)*[\u4e00-\u9fffA-Za-z0-9（）()]{2,14})等(?:\d+|[一二三四五六七八九十几]+)?"
    r"(家企业|个项目|企业|(?:重点|重大|优质)?项目|家|个[\u4e00-\u9fff]{1,8}?项目|批[\u4e00-\u9fff]{0,6}?项目|家[\u4e00-\u9fff]{1,6}?企业"
    r"|(?:龙头|重点|骨干|头部|链主|优质|知名|上市)企业|(?:个|家)?(?:特色|产业|重点)?(?:园区|平台|产业园))"
)
REGION_RE = re.compile(
    r"(?:^|(?<=[、，。：；\n“（(在赴到和与及于]))([\u4e00-\u9fff]{2,3}(?:省|市|县|区|街道|镇)|(?:"
    + "|".join(PROVINCES)
    + r")(?=[、，。省]))(?![委级政场民长属内外域])"
)
FACILITY = r"(?:[一二三四五六]期|院区|中心|医院|学校|分校|园|馆|城|广场|场|站|厂|基地|工程|设施)$"
NOT_BRANDS = (
    "电力",
    "船舶",
    "航空",
    "传统",
    "高端",
    "现代",
    "精细",
    "先进",
    "绿色",
    "智慧",
    "数字",
    "新型",
    "高性能",
    "生产",
    "含氟",
    "农药",
    "医疗",
    "电子",
)
ADVERBS = r"先后|相继|均|曾|还|也|再次|连续|分别|已经|此前|近日|日前|同时|随后|今年|去年|企业|公司"
COUNTED = re.compile(r"\d+(?:\.\d+)?[个家大项座批条所名年]")
ROLE_NAME_ENDS = (
    "产业",
    "基地",
    "园区",
    "平台",
    ")",
    "）",
    "开发区",
    "经开区",
    "新区",
    "项目",
    "中心",
    "党工委",
    "管委会",
    "党委",
    "部门",
    "政府",
    "委员会",
    "办公室",
    "局",
    "专班",
)
CHAIN_MARKERS = ("产业", "集群", "主导", "核心", "赛道", "新兴", "领域")
REGION_STOP = (
    "新区",
    "地区",
    "景区",
    "全省",
    "全市",
    "全区",
    "全县",
    "本市",
    "该市",
    "城区",
    "园区",
    "社区",
    "小区",
    "片区",
    "景区",
    "开发区",
    "示范区",
    "先行区",
    "核心区",
    "协同区",
    "集聚区",
    "中心区",
    "新城区",
    "城市",
    "省市",
    "各省",
    "外省",
    "我市",
    "我区",
    "我省",
    "山区",
    "街区",
    "厂区",
    "校区",
    "院区",
    "共建区",
    "发展区",
    "试验区",
    "保税区",
    "高新区",
    "经开区",
    "工业区",
    "服务区",
    "功能区",
    "营商",
    "产区",
    "市场",
    "超市",
    "上市",
    "城市",
    "都市",
    "省级",
    "市级",
    "区级",
    "县级",
    "市县",
    "县市",
    "省委",
    "市委",
    "区委",
    "省政府",
    "县区",
    "省区",
)


@dataclass(frozen=True)
class Mention:
    """A name at text[start:end], its class, and the known entity it names (if the graph has it)."""

    start: int
    end: int
    name: str
    cls: URIRef
    rule: str
    confidence: float
    known: Known | None = None


def mentions(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """Every mention found, overlapping ones included (resolution picks among them)."""
    folded = fold_text(text)
    found = [
        Mention(s, e, text[s:e], k.cls, "gazetteer", 0.95, k)
        for s, e, k in gazetteer.scan(folded)
        if k.cls != ZKG.IndustryChain or e - s > 2 or _chain_context(text, s, e)
    ]
    found += _by_suffix(text)
    found += _by_list(text)
    found += _built(text)
    found += _facilities(text)
    found += _enterprise_by_context(text)
    found += _chains(text)
    found += _named_industries(text)
    found += _chain_lists(text, {m.name for m in found if m.cls == ZKG.IndustryChain})
    found += _honors(text)
    found += _conferred_honors(text)
    found += _regions(text)
    found += _quoted_places(text)
    return [m for m in found if _plausible(m) and not (m.cls == ZKG.Honor and _counted(text, m.start, m.end))]


def resolve(found: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions: longer first, then more confident; a known name wins a tie."""
    chosen: list[Mention] = []
    taken = [False] * (max((m.end for m in found), default=0) + 1)
    for m in sorted(found, key=lambda m: (-(m.end - m.start), -m.confidence, m.known is None, m.start)):
        if not any(taken[m.start : m.end]):
            chosen.append(m)
            for i in range(m.start, m.end):
                taken[i] = True
    return sorted(chosen, key=lambda m: m.start)


def inner(found: list[Mention], outer: Mention) -> list[Mention]:
    """The mentions inside a longer one (新和成 and 新材料 inside 新和成尼龙新材料产业一体化项目)."""
    parts = [
        m
        for m in found
        if outer.start <= m.start and m.end <= outer.end and m != outer and (m.cls != outer.cls or m.cls == ZKG.Region)
    ]
    return sorted(
        (m for cls in {m.cls for m in parts} for m in resolve([p for p in parts if p.cls == cls])),
        key=lambda m: m.start,
    )


def _plausible(m: Mention) -> bool:
    name = m.name.strip("“”")
    if m.cls == ZKG.Honor and m.known is None and re.search(r"的|最|第一|首个|首家", name):
        return False
    if name in GENERIC or len(name) < 2:
        return False
    if m.cls in (ZKG.Enterprise, ZKG.Platform) and m.known is None and name in CHAINS:
        return False
    if m.cls == ZKG.Project and m.known is None and GENERIC_PROJECT.search(name):
        return False
    if m.cls != ZKG.Honor and (
        name.count("“") != name.count("”") or name.count("(") + name.count("（") != name.count(")") + name.count("）")
    ):
        return False
    return not (m.known is None and name[0] in "）)”、-·")


def _by_suffix(text: str) -> list[Mention]:
    found = []
    for cls, suffixes in SUFFIXES.items():
        pattern = re.compile("|".join(re.escape(s) for s in suffixes))
        for m in pattern.finditer(text):
            end = _extend_brackets(text, m.end(), cls)
            if cls == ZKG.Project:
                end = _extend_phase(text, end)
            start = _left_boundary(text, m.start(), cls)
            if cls in (ZKG.TalentInstitution, ZKG.Platform) and text[start : start + 1] in ("与", "和", "同"):
                start += 1
            address = ADDRESS.match(text, start, m.start())
            if cls == ZKG.Enterprise and m.group() in ("集团", "公司") and address and m.start() - address.end() >= 2:
                start = address.end()
            core = text[start : m.start()]
            if cls == ZKG.Project and re.match(
                r"推进|会|指挥|领导|专班|建设者|审批|用地|现场|负责人", text[m.end() : m.end() + 3]
            ):
                continue
            if cls in (ZKG.TalentInstitution, ZKG.Platform) and re.match(r"\d+[家个所座]", text[end : end + 5]):
                continue
            if (
                len(core) < 2
                or core in GENERIC_CORES
                or core[-1].isdigit()
                or (core[-1] in "与和及的、" and not core.endswith(PROTECTED))
                or (cls == ZKG.Zone and (core in PROVINCES or core.endswith("省")))
                or (cls == ZKG.Enterprise and text[m.start() - 1] == "子")
                or (cls == ZKG.Project and m.group().endswith("期") and core.endswith("公司"))
            ):
                continue
            confidence = 0.8 if cls != ZKG.Enterprise else 0.9
            kind = ZKG.TalentInstitution if cls == ZKG.Platform and re.search(r"中科院|科学院|大学|研究", core) else cls
            found.append(Mention(start, end, text[start:end], kind, "name-suffix", confidence))
    return found


def _extend_brackets(text: str, end: int, cls: URIRef) -> int:
    """A zone's second name in brackets (嵊州经济开发区（高新园区）) and an institution's place; not
    an institution's short name (…第十研究所（中电科十所）)."""
    m = re.match(r"[（(]([^（）()，。]{2,8})[)）]", text[end : end + 12])
    if m is None or cls not in (ZKG.Zone, ZKG.TalentInstitution):
        return end
    if cls == ZKG.TalentInstitution and not re.fullmatch(
        r"筹|[\u4e00-\u9fff]{2,4}[省市县区]|" + "|".join(PROVINCES + CITIES), m.group(1)
    ):
        return end
    return end + m.end()


def _extend_phase(text: str, end: int) -> int:
    m = re.match(r"[（(]?[一二三四五]期(?:工程)?[)）]?", text[end : end + 8])
    return end + m.end() if m else end


def _left_boundary(text: str, suffix_start: int, cls: URIRef) -> int:
    """Walk left from a suffix over name characters, then cut at the rightmost function word
    that leaves at least two characters of name before the suffix."""
    limit = max(0, suffix_start - MAX_NAME.get(cls, 16))
    i = suffix_start
    while i > limit and (
        NAME_CHAR.match(text[i - 1]) or (cls == ZKG.Project and text[i - 1] == "、" and text[i].isdigit())
    ):
        i -= 1
    span = text[i:suffix_start]
    keep = KEEP_INSIDE.get(cls, ())
    best = i
    for word in NAME_CUTTERS:
        if word in keep:
            continue
        at = span.rfind(word)
        while at >= 0 and (
            (cls == ZKG.Project and word == "、" and span[at + 1 : at + 2].isdigit())
            or _protected(span, at, word)
            or (word in NAME_INTERNAL and suffix_start - (i + at + len(word)) < 2)
        ):
            at = span.rfind(word, 0, at)
        if at >= 0:
            best = max(best, i + at + len(word))
    if cls in (ZKG.Project, ZKG.Platform):
        best = max(best, _cut_at_verbs(span, i, suffix_start))
        bracket = re.match(r"[（(][^（）()]{1,8}[)）]", text[best:suffix_start])
        if bracket and suffix_start - best - bracket.end() >= 2:
            best += bracket.end()
    party = list(PARTY_BEFORE_WITH.finditer(text, best, suffix_start))
    if party:
        best = party[-1].end()
    quoted = text.rfind("”“", best, suffix_start)
    if quoted >= 0:
        best = quoted + 1
    counted = list(COUNTED.finditer(text, best, suffix_start))
    if counted:
        best = counted[-1].end()
    while best < suffix_start and (text[best] in "”）)" or (text[best] == "“" and "”" not in text[best:suffix_start])):
        best += 1
    return best


ADDRESS = re.compile(r"[\u4e00-\u9fff]{2,3}市[\u4e00-\u9fff]{2,3}[区县]")
"""A city and district before a company's short name (佛山市顺德区美的集团): its address, not its name."""
NAME_INTERNAL = ("改造", "升级", "提质", "新建", "配套")
"""Cutters that may also end a project's name (智能工厂升级改造项目): no boundary right before the suffix."""
PARTY_BEFORE_WITH = re.compile(r"(?:^|(?<=[区司团学府院心]))(?:与|和|同)(?=[\u4e00-\u9fff]{2})")


def _cut_at_verbs(span: str, i: int, suffix_start: int) -> int:
    """The rightmost verb or company name before a project's name that leaves two characters of it."""
    best = i
    for word in PROJECT_CUTTERS:
        at = span.rfind(word)
        while at >= 0 and suffix_start - (i + at + len(word)) < 2:
            at = span.rfind(word, 0, at)
        if at >= 0:
            best = max(best, i + at + len(word))
    return best


def _protected(span: str, at: int, word: str) -> bool:
    """A cutter that is part of a word names are made of (靶向, 新和成, 有机): not a boundary."""
    return any(
        span.find(p, max(0, at - len(p) + 1), at + len(word) + len(p)) >= 0
        and span.find(p, max(0, at - len(p) + 1)) <= at < span.find(p, max(0, at - len(p) + 1)) + len(p)
        for p in PROTECTED
        if word in p
    )


def _by_list(text: str) -> list[Mention]:
    found = []
    for m in LIST_RE.finditer(text):
        kind = m.group(2)
        cls = (
            ZKG.Project
            if kind.endswith("项目")
            else ZKG.Platform
            if kind.endswith(("园区", "平台", "产业园"))
            else ZKG.Enterprise
        )
        pos = m.start(1)
        for item in m.group(1).split("、"):
            start = pos
            if item == m.group(1).split("、")[0]:
                start = _left_boundary(text, pos + len(item), ZKG.Enterprise)
                start = max(start, pos + len(item) - 14)
                item = text[start : pos + len(item)]
            if cls == ZKG.Project and GENERIC_PROJECT.search(item + "项目"):
                pass
            elif cls == ZKG.Project and not item.endswith(("项目", "工程")) and not re.search(FACILITY, item):
                owner = _owner(item)
                found.append(Mention(start, start + len(item), item + "项目", cls, "name-list", 0.8))
                found.append(Mention(start, start + len(owner), owner, ZKG.Enterprise, "name-list-investor", 0.7))
            else:
                found.append(Mention(start, start + len(item), item, cls, "name-list", 0.75))
            pos = start + len(item) + 1
    return found


def owner_of(name: str) -> str | None:
    """The company a project's name opens with when it ends in an industry word: 百利药业生物创新药… → 百利药业."""
    owner = _owner(name)
    if owner == name:
        return None
    brand = next(owner[: -len(w)] for w in ENTERPRISE_WORDS_LONGEST_FIRST if owner.endswith(w))
    ok = (
        2 <= len(brand) <= 4
        and brand not in CHAINS + ENTERPRISE_WORDS + NOT_BRANDS + PROVINCES + CITIES
        and not re.search(r"[化性型的式]$", brand)
    )
    return owner if ok and not any(brand.startswith(c) for c in CHAINS) else None


BUILD_LIST = re.compile(
    r"(?:启动建设|动工建设|开工建设|开建|新建|续建)"
    r"((?:[\u4e00-\u9fffA-Za-z0-9（）()“”]{2,24}[、和])*[\u4e00-\u9fffA-Za-z0-9（）()“”]{2,24}?)(?=[，。；,;]|等)"
)


def _built(text: str) -> list[Mention]:
    """What 动工建设/启动建设 names is a project (曹娥江文化艺术中心, …的瓶装燃气储备中心)."""
    quoted = [(q.start(), q.end()) for q in re.finditer(r"“[^”]*”", text)]
    found = []
    for m in BUILD_LIST.finditer(text):
        pos = m.start(1)
        for item in re.split(r"[、和]", m.group(1)):
            start = pos + (item.rfind("的") + 1 if "的" in item else 0)
            end = pos + len(item)
            pos = end + 1
            name = text[start:end]
            if any(a <= start < b for a, b in quoted) or re.search(r"[“”\d]", name):
                continue
            if 3 <= len(name) <= 20 and not GENERIC_PROJECT.search(name + "项目"):
                found.append(Mention(start, end, name, ZKG.Project, "name-built", 0.65))
    return found


FACILITY_BUILT = re.compile(
    r"(?:医院|院区|学校|分校|中学|小学|幼儿园|体育馆|文化中心|艺术中心|广场|乐园|公园)(?:[（(][^（）()，。]{2,14}[)）])?"
    r"(?=[^，。；]{0,6}?(?:揭牌|开学|完工|竣工|开工|建成|投用|开业|封顶|落地|加快建设))"
)


def _facilities(text: str) -> list[Mention]:
    """A hospital, school or square whose building the clause reports is a project (镇海中学嵊州分校揭牌开学)."""
    found = []
    for m in FACILITY_BUILT.finditer(text):
        start = _left_boundary(text, m.start(), ZKG.Project)
        name = text[start : m.end()]
        if m.start() - start >= 2 and not GENERIC_PROJECT.search(name + "项目"):
            found.append(Mention(start, m.end(), name, ZKG.Project, "name-facility", 0.65))
    return found


def _owner(item: str) -> str:
    """The company a listed project is named after: the name up to its first industry word
    (汉科新材料复合铜(铝)箔 → 汉科新材料), or the whole item (康龙化成)."""
    for k in range(2, min(len(item), 8)):
        if any(item[:k].endswith(w) for w in ENTERPRISE_WORDS) and k < len(item):
            return item[:k]
    return item


def _enterprise_by_context(text: str) -> list[Mention]:
    """Short company names: a name ending in an industry word before 相关负责人/董事长…, or
    after 龙头企业/链主企业, or ending a company-like word in a list."""
    found = []
    words = "|".join(sorted((re.escape(w) for w in ENTERPRISE_WORDS), key=len, reverse=True))
    marker = "|".join(SUBJECT_MARKERS)
    for m in re.finditer(rf"([\u4e00-\u9fff]{{2,10}}?)(?:{marker})", text):
        end = m.end(1) - 2 if text[m.end(1) - 2 : m.end(1)] in ("企业", "公司") else m.end(1)
        start = _left_boundary(text, end, ZKG.Enterprise)
        if end - start >= 2 and not text[start:end].endswith(ROLE_NAME_ENDS):
            found.append(Mention(start, end, text[start:end], ZKG.Enterprise, "name-before-role", 0.7))
    for m in re.finditer(
        r"(?:^|(?<=[、，。：；\n“]))([\u4e00-\u9fff]{2,6}?)(?:创成|获评|入选|荣获|上榜|成功入选)", text
    ):
        if (
            not re.search(r"[\d年两连续]", m.group(1))
            and not re.fullmatch(ADVERBS, m.group(1))
            and not m.group(1).endswith(ROLE_NAME_ENDS)
            and _left_boundary(text, m.end(1), ZKG.Enterprise) == m.start(1)
        ):
            found.append(Mention(m.start(1), m.end(1), m.group(1), ZKG.Enterprise, "name-before-honor", 0.6))
    for m in re.finditer(
        r"(?:^|(?<=[、，。：；\n“的]))([\u4e00-\u9fff]{2,8}?)(?=是一家|是国内|是全球|是行业|作为行业|成立于|创立于|始建于|是[^，。；]{0,16}?(?:龙头|链主|领军|头部|骨干)企业)",
        text,
    ):
        start = _left_boundary(text, m.end(1), ZKG.Enterprise)
        if m.end(1) - start >= 2:
            found.append(Mention(start, m.end(1), text[start : m.end(1)], ZKG.Enterprise, "name-is-a-company", 0.75))
    for m in re.finditer(
        rf"(?:^|(?<=[、，。：；\n“以和与及]))([\u4e00-\u9fff]{{1,5}}(?:{words}))(?=[、和及与]|等(?!方向|领域|产业|行业|技术|产品|设备|装备)|为代表|为龙头)",
        text,
    ):
        start = _left_boundary(text, m.end(1) - 1, ZKG.Enterprise)
        name = text[start : m.end(1)]
        brand = next((name[: -len(w)] for w in ENTERPRISE_WORDS_LONGEST_FIRST if name.endswith(w)), name)
        in_chain_list = re.match(r"[^，。；,;]*?(?:产业|领域|行业|赛道)", text[m.end(1) :])
        if (
            start == m.start(1)
            and 2 <= len(brand) <= 4
            and brand not in CHAINS + ENTERPRISE_WORDS + NOT_BRANDS
            and not in_chain_list
        ):
            found.append(Mention(start, m.end(1), name, ZKG.Enterprise, "name-industry-word", 0.6))
    for m in re.finditer(
        r"(?:^|(?<=[，。、；：\n”]))([\u4e00-\u9fff]{2,6}?)作为[^，。；]{0,14}?(?:龙头|链主|领军|头部)", text
    ):
        found.append(Mention(m.start(1), m.end(1), m.group(1), ZKG.Enterprise, "name-as-leader", 0.7))
    for m in re.finditer(r"以([\u4e00-\u9fffA-Za-z]{2,8}?)为(?:链主|龙头)", text):
        found.append(Mention(m.start(1), m.end(1), m.group(1), ZKG.Enterprise, "name-as-leader", 0.7))
    for m in re.finditer(
        r"(?:龙头企业|链主企业|链主|龙头)(?:——|—|：|:)([\u4e00-\u9fffA-Za-z]{2,8}?)(?=[，。、,；])", text
    ):
        found.append(Mention(m.start(1), m.end(1), m.group(1), ZKG.Enterprise, "name-after-leader", 0.7))
    return found


CHAIN_LIST = re.compile(
    r"([\u4e00-\u9fff]{2,8}(?:、[\u4e00-\u9fff]{2,8})+(?:(?:和|及)[\u4e00-\u9fff]{2,8})?)"
    r"(?=等?(?:[一二三四五六七八九十两\d]+大)?(?:主导|优势|特色|重点)?(?:领域|产业|行业|为主导|为核心|赛道|集群|新兴产业))"
)


def _chain_lists(text: str, known: set[str]) -> list[Mention]:
    """Every item of a list of chains in which at least two items are chains already:
    以装备制造、都市产业和新材料应用为主导 → 都市产业, 新材料应用."""
    found = []
    for m in CHAIN_LIST.finditer(text):
        items = [(i.start(), i.group().removesuffix("等")) for i in re.finditer(r"[^、和及]+", m.group(1))]
        if sum(1 for _, name in items if name in known) < 2:
            continue
        for offset, name in items:
            start = m.start(1) + offset
            if offset == 0:
                start = _left_boundary(text, start + len(name), ZKG.IndustryChain)
                name = text[start : m.start(1) + len(name)]
            if not any(name.endswith(k) for k in known) and 2 <= len(name) <= 8 and not re.search(r"\d|经济$", name):
                found.append(Mention(start, start + len(name), name, ZKG.IndustryChain, "chain-list", 0.6))
    return found


NAMED_INDUSTRY = re.compile(
    r"(?:发展|培育|壮大|做强|打造|聚焦|布局|延伸|进军|探索|主攻|瞄准|深耕|向上游|向下游|、)"
    r"([\u4e00-\u9fff]{2,6}?)等?(?:产业链|产业集群|产业)"
    r"(?!园|平台|基地|大脑|联盟|体系|规模|结构|发展|升级|转型|基础|生态|项目|人才|链条|工人|工作|政策|集聚|格局|布局)"
)
NOT_AN_INDUSTRY = re.compile(
    r"[性的化]$|新兴|传统|主导|特色|优势|支柱|战略|未来|现代化|相关|上下游|全|本地|数字化|重点|关键|核心|先进制造|制造业|各类|相关|整个|我国|全球|区域"
)


def _named_industries(text: str) -> list[Mention]:
    """An industry a sentence names as one (向上游茧丝产业探索 → 茧丝)."""
    return [
        Mention(m.start(1), m.end(), m.group(1), ZKG.IndustryChain, "chain-named-industry", 0.6)
        for m in NAMED_INDUSTRY.finditer(text)
        if not NOT_AN_INDUSTRY.search(m.group(1))
    ]


CHAINS_IN_NAMES = re.compile(
    "|".join(
        re.escape(c)
        for c in sorted(CHAINS, key=len, reverse=True)
        if len(c) >= 3 or c in ("光伏", "储能", "氢能", "锂电", "风电")
    )
)


def chains_in_name(project: Mention) -> list[Mention]:
    """The chains a project's or platform's name holds (年产10GW光伏逆变器及储能系统项目 → 光伏, 储能)."""
    return [
        Mention(project.start + c.start(), project.start + c.end(), c.group(), ZKG.IndustryChain, "chain-in-name", 0.7)
        for c in CHAINS_IN_NAMES.finditer(project.name)
    ]


def _chains(text: str) -> list[Mention]:
    found = []
    pattern = re.compile("|".join(re.escape(c) for c in sorted(CHAINS, key=len, reverse=True)))
    for m in pattern.finditer(text):
        if _chain_context(text, m.start(), m.end()):
            found.append(Mention(m.start(), m.end(), m.group(), ZKG.IndustryChain, "chain-lexicon", 0.7))
    return found


def _chain_context(text: str, start: int, end: int) -> bool:
    """A chain word used as one: 新材料产业, 新材料领域, or listed (…、新材料、…) where the clause speaks of industries."""
    after = text[end : end + 4]
    before = text[max(0, start - 1) : start]
    clause = re.split(r"[，。；,;]", text[end : end + 40], maxsplit=1)[0]
    listed = before in ("、", "“", "和", "及", "以") or after[:1] in ("、", "”", "和", "及", "等")
    return any(after.startswith(a) for a in CHAIN_CONTEXT_AFTER[:7]) or (
        listed and any(w in clause for w in CHAIN_MARKERS)
    )


def _honors(text: str) -> list[Mention]:
    found = []
    for m in re.finditer(r"(?:国家级|省级|市级)[\u4e00-\u9fff“”]{2,10}?(?:人才项目|示范项目|试点项目)", text):
        found.append(Mention(m.start(), m.end(), m.group(), ZKG.Honor, "honor-project-level", 0.7))
    levels = "|".join(HONOR_LEVELS)
    terms = "|".join(re.escape(t) for t in sorted(HONOR_TERMS, key=len, reverse=True))
    provinces = "|".join(PROVINCES)
    verbs = "|".join(sorted(HONOR_VERBS, key=len, reverse=True))
    for m in re.finditer(
        rf"((?:(?:{provinces})省?)?(?:{levels})?(?:首批|第[一二三四五六七八九十\d]+批)?)(?:{terms})", text
    ):
        awarded = m.group(1) or re.search(
            rf"(?:{verbs}|新晋)[^，。；]{{0,4}}$", text[max(0, m.start() - 8) : m.start()]
        )
        if awarded and not _counted(text, m.start(), m.end()):
            found.append(Mention(m.start(), m.end(), m.group(), ZKG.Honor, "honor-lexicon", 0.8))
    ends = "|".join(re.escape(e) for e in sorted(HONOR_ENDS, key=len, reverse=True))
    for m in re.finditer(
        rf"(?:{verbs})(?:第[一二三四五六七八九十\d]+届)?((?:{levels}|浙江省|[\u4e00-\u9fff]{{2,3}}省)[^，。；、！？,;\n和及并]{{2,30}}(?:{ends}))(?=名单|称号|[，。；、…！,;和]|$)",
        text,
    ):
        if not _counted(text, m.start(1), m.end(1)):
            found.append(Mention(m.start(1), m.end(1), m.group(1), ZKG.Honor, "honor-after-verb", 0.7))
            found += _listed_honors(text, m.end(), levels, ends)
    for m in re.finditer(
        rf"(?:{verbs})((?:{levels}|首批)?“[^”，。]{{2,24}}”[\u4e00-\u9fff]{{0,6}}?(?:{ends}|银鼎|金鼎)?)(?=[，。；、…！和])",
        text,
    ):
        found.append(Mention(m.start(1), m.end(1), m.group(1), ZKG.Honor, "honor-quoted", 0.65))
        found += _listed_honors(text, m.end(), levels, ends)
    return found


def _quoted_places(text: str) -> list[Mention]:
    """Named sub-areas in quotes: “未来城”, “生命健康谷”, “一江两岸”总部经济集聚区."""
    return [
        Mention(m.start(1), m.end(1), m.group(1), ZKG.Platform, "name-quoted-place", 0.6)
        for m in re.finditer(
            r"“([\u4e00-\u9fff]{1,8}(?:城|谷|湾|港|岛|带|廊|园))”(?=聚焦|围绕|重点|以|已|将|推动|启动|规划|位于|是)",
            text,
        )
    ]


def _conferred_honors(text: str) -> list[Mention]:
    """授予X“H”: a title conferred by name in quotes."""
    return [
        Mention(m.start(1), m.end(1), m.group(1), ZKG.Honor, "honor-conferred", 0.65)
        for m in re.finditer(r"授予[\u4e00-\u9fff（）()]{2,14}?(“[^”，。]{2,24}”)", text)
    ]


def _listed_honors(text: str, end: int, levels: str, ends: str) -> list[Mention]:
    """Honours listed after the first with 、 and no verb of their own: 获评A、B."""
    found = []
    pattern = re.compile(
        rf"(?:、|和)(?:(?:19|20)\d\d年度?)?((?:{levels}|浙江省|[\u4e00-\u9fff]{{2,3}}省)?[^，。；、！？,;\n和]{{2,30}}?(?:{ends})|“[^”，。]{{2,24}}”)(?=[，。；、…])"
    )
    m = pattern.match(text, end)
    while m:
        found.append(Mention(m.start(1), m.end(1), m.group(1), ZKG.Honor, "honor-listed", 0.6))
        m = pattern.match(text, m.end())
    return found


def _counted(text: str, start: int, end: int) -> bool:
    """An honour that counts holders (国家级“小巨人”企业22家, 新增高新技术企业99家) names no holder."""
    return bool(
        re.match(r"\d+(?:\.\d+)?[家个项]", text[end : end + 8])
        or re.search(r"(?:已有|拥有|新增|累计|共有|培育)$", text[max(0, start - 4) : start])
        or re.search(r"\d+(?:\.\d+)?[家个项]$", text[max(0, start - 6) : start])
    )


def _regions(text: str) -> list[Mention]:
    found = []
    for m in REGION_RE.finditer(text):
        name = m.group(1)
        if any(stop in name for stop in REGION_STOP):
            continue
        found.append(Mention(m.start(1), m.end(1), name, ZKG.Region, "region-suffix", 0.6))
    return found
