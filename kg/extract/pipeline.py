"""Extracting one article: mentions → entities (reusing the graph's IRIs) → facts per sentence → a draft."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from pathlib import Path

from rdflib import URIRef

from kg.errors import BadValue
from kg.extract.facts import Reading, facts_of, is_caption
from kg.extract.gazetteer import Gazetteer, Known
from kg.extract.lexicon import (
    CHAINS,
    CITIES,
    ENTERPRISE_WORDS,
    ENTERPRISE_WORDS_LONGEST_FIRST,
    NOT_BRANDS_WORDS,
    PROVINCES,
)
from kg.extract.model import ArticleMeta, Draft, ProposedEntity, ProposedFact
from kg.extract.names import BATCH, REGION_SUFFIX, name_key, short_keys
from kg.extract.recognise import Mention, chains_in_name, inner, mentions, owner_of, resolve
from kg.extract.short_names import FULL_NAME, short_mentions
from kg.extract.slugs import english_label, new_iri
from kg.extract.source import CHINESE, read_article
from kg.extract.text import Sentence, joined, sentences
from kg.namespaces import ZKG

COMMON_OPENINGS = (*PROVINCES, *CITIES, *CHAINS, *ENTERPRISE_WORDS, *NOT_BRANDS_WORDS)
NEW_ENTITY_MIN_CONFIDENCE = 0.6
EVENT_REPORT = re.compile(r"签约|开工|投产|达产|竣工|落户|集中|项目")
NAMED_ALONE = 0.8


class _Entities:
    """The article's entities: one per IRI, known ones from the graph, new ones by name key."""

    def __init__(self, gazetteer: Gazetteer, text: str) -> None:
        self.gazetteer = gazetteer
        self.text = text
        self.taken = gazetteer.taken()
        self.by_iri: dict[URIRef, ProposedEntity] = {}
        self.names: dict[URIRef, list[str]] = {}
        self.new_by_key: dict[tuple[str, URIRef], URIRef] = {}

    def iri(self, m: Mention) -> URIRef:
        known = m.known or self.gazetteer.lookup(m.name, m.cls)
        if known is not None:
            return self._known(known, m)
        key = (name_key(m.name), m.cls)
        if key not in self.new_by_key:
            self.new_by_key[key] = self._short_or_full(m) or self._new(m)
        iri = self.new_by_key[key]
        self._alias(iri, m.name)
        surface = self.text[m.start : m.end]
        if surface != m.name and (
            (m.rule in ("name-list", "chain-named-industry") and len(surface) >= 3)
            or m.rule in ("name-short", "name-bracketed")
        ):
            self._alias(iri, surface)
        return iri

    def _known(self, known: Known, m: Mention) -> URIRef:
        surface = self.text[m.start : m.end]
        if known.iri in self.by_iri and m.rule in ("name-short", "name-bracketed"):
            self._alias(known.iri, surface)
        if known.iri not in self.by_iri:
            self.by_iri[known.iri] = ProposedEntity(
                name_key(known.name),
                known.name,
                known.cls,
                known.iri,
                True,
                tuple(known.aliases),
                known.label_en,
                False,
                m.confidence,
                m.rule,
            )
            self.names[known.iri] = [known.name, *known.aliases]
        self._alias(known.iri, m.name)
        return known.iri

    def _short_or_full(self, m: Mention) -> URIRef | None:
        """A new enterprise or zone whose name is a short form of one already seen: 晶盛 / 晶盛机电
        (a prefix), 曹娥江经济开发区 / 上虞曹娥江经济开发区 (a suffix, kinds abbreviated alike)."""
        if m.cls not in (ZKG.Enterprise, ZKG.Zone, ZKG.Region, ZKG.Platform):
            return None
        mine = {name_key(m.name), *Gazetteer.extra_keys(m.name, m.cls)}
        for (_, cls), iri in self.new_by_key.items():
            if cls != m.cls:
                continue
            theirs = {name_key(n) for n in self.names[iri]} | {
                k for n in self.names[iri] for k in Gazetteer.extra_keys(n, cls)
            }
            if _two_companies(m.name, self.names[iri]):
                continue
            if any(_same_name(a, b, cls) for a in mine for b in theirs):
                return iri
        return None

    def _new(self, m: Mention) -> URIRef:
        name = _plain_honor(m.name) if m.cls == ZKG.Honor else m.name
        iri = new_iri(name, m.cls, self.taken)
        self.by_iri[iri] = ProposedEntity(
            name_key(name), name, m.cls, iri, False, (), english_label(name, m.cls), True, m.confidence, m.rule
        )
        self.names[iri] = [name]
        return iri

    def _alias(self, iri: URIRef, name: str) -> None:
        names = self.names[iri]
        if name not in names:
            names.append(name)

    def proposed(self, used: set[URIRef]) -> list[ProposedEntity]:
        """The entities the facts use, the longest name of a new one as its label."""
        out = []
        for iri in sorted(used):
            e = self.by_iri[iri]
            names = self.names[iri]
            if not e.known:
                label = e.name if e.cls in (ZKG.Honor, ZKG.IndustryChain) else max(names, key=len)
                e = ProposedEntity(
                    e.key,
                    label,
                    e.cls,
                    e.iri,
                    False,
                    tuple(n for n in names if n != label),
                    e.label_en if label == e.name else english_label(label, e.cls),
                    True,
                    e.confidence,
                    e.rule,
                )
            else:
                e = ProposedEntity(
                    e.key,
                    e.name,
                    e.cls,
                    e.iri,
                    True,
                    tuple(n for n in names if n != e.name),
                    e.label_en,
                    False,
                    e.confidence,
                    e.rule,
                )
            out.append(e)
        return out


def extract_article(text: str, meta: ArticleMeta, gazetteer: Gazetteer) -> Draft:
    """Propose the entities and facts of one article, every fact with its verbatim clause."""
    if not text.strip():
        raise BadValue(f"{meta.stem}: the article is empty")
    if not CHINESE.search(text):
        raise BadValue(f"{meta.stem}: the article holds no Chinese text")
    text = joined(text)
    found = [m for m in mentions(text, gazetteer) if m.known is not None or m.confidence >= NEW_ENTITY_MIN_CONFIDENCE]
    found += _repeated(text, resolve(found))
    found += _region_brands(text, resolve(found))
    found += short_mentions(text, resolve(found))
    found = _without_company_projects(found)
    top = resolve(found)
    found += [c for m in top if m.cls == ZKG.Project and m.known is None for c in chains_in_name(m)]
    zone_names = [m.name for m in top if m.cls == ZKG.Zone]
    found += [r for m in top if m.cls == ZKG.Zone for r in _region_of_zone(m, found, zone_names)]
    owners = [e for m in top for e in _named_after(m, top, found)]
    by_start = sorted(found, key=lambda m: m.start)
    starts = [m.start for m in by_start]
    nested = {
        m: inner(by_start[bisect_left(starts, m.start) : bisect_left(starts, m.end)], m)
        + _named_after(m, top + owners, found)
        for m in top
    }
    entities = _Entities(gazetteer, text)
    for m in top:
        entities.iri(m)
    context = _context(text, meta, top, entities)
    top = sorted(top + _zone_words(text, top, context, entities), key=lambda m: m.start)
    facts: list[ProposedFact] = []
    previous: list[Mention] = []
    in_captions: set[Mention] = set()
    last: dict[URIRef, Mention] = {}
    top_iter = iter(top)
    pending = next(top_iter, None)
    for sentence in sentences(text):
        here = []
        while pending is not None and pending.start < sentence.end:
            if pending.start >= sentence.start and pending.end <= sentence.end:
                here.append(pending)
            pending = next(top_iter, None)
        here = sorted(here + _references(text, sentence, here, last), key=lambda m: m.start)
        reading = Reading(
            text,
            sentence,
            here,
            nested,
            entities.iri,
            context,
            not any(m.cls in (ZKG.Zone, ZKG.Region, ZKG.Platform) and m.rule != "zone-word" for m in here),
            meta.year,
            previous,
            bool(EVENT_REPORT.search(meta.title or "")),
        )
        facts += facts_of(reading)
        if is_caption(sentence):
            in_captions.update(here)
        previous = [m for m in here if m.cls == ZKG.Enterprise] or previous
        for m in here:
            last[m.cls] = m
    zones = {iri for iri, e in entities.by_iri.items() if e.cls in (ZKG.Zone, ZKG.Region)}
    facts = _dedupe(_one_owner(_placed_once(facts + _chains_passed_on(facts, zones))))
    used = {f.subject_iri for f in facts} | {
        f.object for f in facts if isinstance(f.object, URIRef) and f.object in entities.by_iri
    }
    used |= {
        entities.iri(m)
        for m in top
        if m.cls not in (ZKG.Region, ZKG.Zone)
        and m not in in_captions
        and (m.known is not None or m.confidence >= NAMED_ALONE)
    }
    return Draft(meta, entities.proposed(used), facts)


PROPAGATED = (ZKG.Enterprise, ZKG.Project, ZKG.Platform, ZKG.TalentInstitution)


def _repeated(text: str, top: list[Mention]) -> list[Mention]:
    """Every other occurrence of a new name the rules found once (惟精新材料 named again later)."""
    names = {
        m.name: m
        for m in top
        if m.known is None and m.cls in PROPAGATED and len(m.name) >= 3 and text[m.start : m.end] == m.name
    }
    for m in top:
        stem = REGION_SUFFIX.sub("", m.name)
        if m.cls == ZKG.Region and m.known is None and stem != m.name and len(stem) >= 2:
            names.setdefault(stem, Mention(m.start, m.start + len(stem), stem, m.cls, m.rule, m.confidence))
    found = []
    for name, first in names.items():
        at = text.find(name)
        while at >= 0:
            if at != first.start:
                found.append(
                    Mention(
                        at, at + len(name), name, first.cls, "name-repeated", 0.8 if first.cls != ZKG.Region else 0.6
                    )
                )
            at = text.find(name, at + 1)
    return found


def _two_companies(name: str, names: list[str]) -> bool:
    """Two full names that differ are two companies, though one opens with the other's short
    name: 天齐锂业股份有限公司 and its subsidiary 天齐锂业（射洪）有限公司."""
    return bool(FULL_NAME.search(name)) and any(FULL_NAME.search(n) and name_key(n) != name_key(name) for n in names)


def _without_company_projects(found: list[Mention]) -> list[Mention]:
    """No project whose name is a company's name and 项目 (记者在视涯技术项目现场): that is the
    company's project named elsewhere."""
    companies = [m for m in found if m.cls == ZKG.Enterprise]
    return [
        m
        for m in found
        if not (
            m.cls == ZKG.Project
            and m.known is None
            and m.rule == "name-suffix"
            and m.name.endswith("项目")
            and any(
                c.start == m.start and c.end >= m.end - 2 and c.rule in ("name-short", "name-bracketed")
                for c in companies
            )
        )
    ]


ZONE_KINDS = (
    (re.compile(r"(?:经济技术开发区|经济开发区|经开区)(?:[（(][^）)]*[)）])?$"), ("经开区", "开发区")),
    (
        re.compile(r"(?:高新技术产业开发区|新技术产业开发区|新技术开发区|高新区)(?:[（(][^）)]*[)）])?$"),
        ("高新区", "开发区"),
    ),
    (re.compile(r"园区$"), ("园区",)),
    (re.compile(r"新区$"), ("新区",)),
)
COMPOUND_BEFORE = "业技色工级类个家型弟态区城镇市县省国各该全我本示范邻高"


def _zone_words(text: str, top: list[Mention], context: URIRef | None, entities: _Entities) -> list[Mention]:
    """园区, 新区, 开发区 … standing alone in an article about a zone of that kind name that zone
    (公司2011年落户园区, 园区将聚焦…)."""
    named = [m for m in top if m.cls == ZKG.Zone and context is not None and entities.iri(m) == context]
    if not named:
        return []
    zone = named[0]
    words = next((w for kind, w in ZONE_KINDS if kind.search(zone.name)), ())
    taken = [(m.start, m.end) for m in top]
    found = []
    for word in words:
        for at in (m.start() for m in re.finditer(word, text)):
            end = at + len(word)
            if any(s < end and at < e for s, e in taken) or (at > 0 and text[at - 1] in COMPOUND_BEFORE):
                continue
            found.append(Mention(at, end, zone.name, ZKG.Zone, "zone-word", 0.7, zone.known))
            taken.append((at, end))
    return found


def _region_of_zone(zone: Mention, found: list[Mention], zone_names: list[str]) -> list[Mention]:
    """The city or province a zone's name opens with (苏州工业园区 → 苏州, 四川天府新区 → 四川),
    or the two characters before its kind (吴江经济技术开发区 → 吴江) unless the article names the
    zone in full with more before them (宁德东侨经济技术开发区: 东侨 is no county)."""
    if any(m.cls == ZKG.Region and m.start == zone.start for m in found):
        return []
    name = zone.name
    place = next((p for p in sorted(PROVINCES + CITIES, key=len, reverse=True) if name.startswith(p)), None)
    if place is None and re.fullmatch(r"[\u4e00-\u9fff]{2}(?:经济技术开发区|经济开发区|经开区)", name):
        place = name[:2]
        if any(n.find(place) > 0 for n in zone_names):
            return []
    if place is None or name[len(place) : len(place) + 1] in ("湾", "港", "路", "街", "江", "河", "湖", "山"):
        return []
    return [Mention(zone.start, zone.start + len(place), place, ZKG.Region, "region-in-zone-name", 0.65)]


def _same_name(a: str, b: str, cls: URIRef) -> bool:
    if a == b:
        return True
    if cls in (ZKG.Region, ZKG.Platform):
        return a == b
    if cls == ZKG.Zone:
        return min(len(a), len(b)) >= 5 and (a.endswith(b) or b.endswith(a))
    return min(len(a), len(b)) >= 2 and (a.startswith(b) or b.startswith(a))


def _region_brands(text: str, top: list[Mention]) -> list[Mention]:
    """A company named by region and brand where a project opens with the brand: 上海亿柯 … 亿柯气体…项目."""
    found = []
    regions = "|".join(PROVINCES)
    words = "|".join(ENTERPRISE_WORDS_LONGEST_FIRST)
    for p in top:
        if p.cls != ZKG.Project or p.known is not None:
            continue
        for size in (3, 2):
            brand = p.name[:size]
            pattern = rf"(?:{regions})市?{re.escape(brand)}(?!{re.escape(p.name[size : size + 2])})(?:{words})?"
            for m in re.finditer(pattern, text):
                found.append(Mention(m.start(), m.end(), m.group(), ZKG.Enterprise, "name-region-brand", 0.7))
    return found


def _plain_honor(name: str) -> str:
    """An honour's label without the batch it came in: 浙江省首批雄鹰企业 → 浙江省雄鹰企业."""
    plain = BATCH.sub("", name)
    return plain if len(plain) >= 3 else name


def _named_after(project: Mention, top: list[Mention], found: list[Mention]) -> list[Mention]:
    """An enterprise of the article whose name (or short name) opens a project's name."""
    if project.cls != PROJECT:
        return []
    named = [
        m for m in found if m.start == project.start and m.end <= project.end and m != project and m.cls == COMPANY
    ]
    if named:
        return [max(named, key=lambda m: m.end)]
    companies = [e for e in top if e.cls == COMPANY]
    for e in companies:
        for key in _opening_keys(e.name):
            if project.name.startswith(key):
                return [
                    Mention(
                        project.start, project.start + len(key), e.name, e.cls, "name-prefix", e.confidence, e.known
                    )
                ]
    for e in companies:
        core = _core_key(e.name)
        for size in (4, 3, 2):
            brand = project.name[:size]
            if brand in core[1:] and not _common_opening(brand):
                return [
                    Mention(project.start, project.start + size, e.name, e.cls, "name-inside", e.confidence, e.known)
                ]
    owner = owner_of(project.name)
    if owner is not None:
        return [Mention(project.start, project.start + len(owner), owner, ZKG.Enterprise, "name-project-owner", 0.6)]
    return []


COMPANY = ZKG.Enterprise
PROJECT = ZKG.Project


@lru_cache(maxsize=4096)
def _opening_keys(name: str) -> tuple[str, ...]:
    """The names a company's project may open with, longest first (full, key, short keys, brands)."""
    keys = {name, name_key(name), *short_keys(name), *_brands(name)}
    return tuple(k for k in sorted(keys, key=len, reverse=True) if len(k) >= 2)


@lru_cache(maxsize=4096)
def _core_key(name: str) -> str:
    return name_key(name)


@lru_cache(maxsize=4096)
def _common_opening(brand: str) -> bool:
    return any(brand.startswith(w) or w.startswith(brand) for w in COMMON_OPENINGS)


def _brands(name: str) -> list[str]:
    """A company's brand: its short name without the industry word (浙江海威汽车 → 海威)."""
    brands = []
    for key in [name_key(name), *short_keys(name)]:
        stripped = True
        while stripped:
            stripped = False
            for word in ENTERPRISE_WORDS_LONGEST_FIRST:
                if key.endswith(word) and len(key) - len(word) >= 2:
                    key = key[: -len(word)]
                    brands.append(key)
                    stripped = True
                    break
    return brands


def _context(text: str, meta: ArticleMeta, top: list[Mention], entities: _Entities) -> URIRef | None:
    """The zone (or else region) the article is about: named in its title, else named most."""
    candidates = [m for m in top if m.cls in (ZKG.Zone, ZKG.Region)]
    title = meta.title or ""
    for cls in (ZKG.Zone, ZKG.Region):
        for m in candidates:
            if m.cls == cls and m.name in title:
                return entities.iri(m)
    counts = Counter(entities.iri(m) for m in candidates if m.cls == ZKG.Zone)
    if not counts:
        counts = Counter(entities.iri(m) for m in candidates)
    return counts.most_common(1)[0][0] if counts else None


REFERENCES = {ZKG.Project: re.compile(r"该项目|此项目|这个项目|这一项目"), ZKG.Enterprise: re.compile(r"该公司|该企业")}


def _references(text: str, sentence: Sentence, here: list[Mention], last: dict[URIRef, Mention]) -> list[Mention]:
    """该项目 / 该公司 stand for the project or company named last (in this sentence or before)."""
    found = []
    for cls, pattern in REFERENCES.items():
        for m in pattern.finditer(text, sentence.start, sentence.end):
            before = [h for h in here if h.cls == cls and h.end <= m.start()]
            named = before[-1] if before else last.get(cls)
            if named is not None:
                found.append(Mention(m.start(), m.end(), named.name, cls, "reference", 0.6, named.known))
    return found


def _one_owner(facts: list[ProposedFact]) -> list[ProposedFact]:
    """A project whose company the text names right before it (E的P, E P) has that investor,
    not another whose brand opens its name (海尔集团旗下的青岛海尔智能家电科技有限公司海尔中德…项目)."""
    owned = {f.subject_iri for f in facts if f.rule == "investor-owner"}
    return [
        f
        for f in facts
        if not (f.predicate_iri == ZKG.investor and f.subject_iri in owned and f.rule == "investor-name-prefix")
    ]


def _placed_once(facts: list[ProposedFact]) -> list[ProposedFact]:
    """What the text places somewhere explicitly is not also placed by context."""
    placed = {
        f.subject_iri for f in facts if f.predicate_iri == ZKG.locatedIn and not f.rule.startswith("located-context")
    }
    return [f for f in facts if not (f.rule.startswith("located-context") and f.subject_iri in placed)]


def _chains_passed_on(facts: list[ProposedFact], zones: set[URIRef]) -> list[ProposedFact]:
    """A project's chain is its investor's, a platform's chain its leading company's, when one
    sentence states both (新和成尼龙新材料…项目 → 新和成 in 新材料); a zone's chains are not
    each of its leading companies'."""
    passed = []
    for f in facts:
        if f.predicate_iri != ZKG.inChain or f.subject_iri in zones or f.rule == "chain-word-in-name":
            continue
        for g in facts:
            same_sentence = g.quote == f.quote or f.quote in g.quote or g.quote in f.quote
            if not same_sentence or not isinstance(g.object, URIRef):
                continue
            if (g.predicate_iri == ZKG.investor and g.subject_iri == f.subject_iri) or (
                g.predicate_iri == ZKG.leadingEnterprise and g.subject_iri == f.subject_iri
            ):
                quote, start = (f.quote, f.start) if len(f.quote) >= len(g.quote) else (g.quote, g.start)
                passed.append(ProposedFact(g.object, ZKG.inChain, f.object, quote, start, 0.5, "chain-passed-on"))
    return passed


def _dedupe(facts: list[ProposedFact]) -> list[ProposedFact]:
    """One proposal per triple: the most confident, earliest quote."""
    best: dict[tuple, ProposedFact] = {}
    for f in facts:
        key = f.triple
        if key not in best or (f.confidence, -f.start) > (best[key].confidence, -best[key].start):
            best[key] = f
    return sorted(best.values(), key=lambda f: (f.start, str(f.subject_iri), str(f.predicate_iri), str(f.object)))


def extract_file(
    path: str | Path,
    title: str | None,
    year: int | None,
    url: str | None = None,
    author: str | None = None,
    gazetteer: Gazetteer | None = None,
) -> Draft:
    """Read an article file and extract it; the year comes from the option or the text's own date line."""
    article = read_article(path)
    resolved_year = year if year is not None else article.year
    if resolved_year is None:
        raise BadValue(f"{path}: no year given and no date line in the text to take it from")
    meta = ArticleMeta(article.stem, title or article.title or _first_line(article.text), resolved_year, url, author)
    return extract_article(article.text, meta, gazetteer or Gazetteer.from_data())


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")
