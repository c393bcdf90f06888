"""Fact rules: each reads one sentence with its mentions and proposes the facts it states."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.extract.amounts import amounts
from kg.extract.model import ProposedFact
from kg.extract.recognise import Mention
from kg.extract.text import Sentence, clause_span, quote_text
from kg.extract.years import years_in
from kg.namespaces import ZKG

PLACES = (ZKG.Zone, ZKG.Platform, ZKG.Region)
HOLDERS = (ZKG.Enterprise, ZKG.Zone, ZKG.Platform, ZKG.Region, ZKG.Project, ZKG.TalentInstitution)
LOCATED = (ZKG.Enterprise, ZKG.Project, ZKG.Platform, ZKG.TalentInstitution)
ZONE_WORDS = re.compile(r"经开区|开发区|高新区|园区|区内")
LOCATE_VERB = re.compile(r"^[^，。；]{0,12}?(?:落户|落地|入驻|位于|坐落于?|扎根|投到了?|选址|布局|在)")
INSIDE = re.compile(r"^(?:的|内的|内|中的|里的|内的|)$")
STATUS_WORDS = (
    (
        ZKG.InProduction,
        ZKG.productionYear,
        re.compile(
            r"建成投产|全面投产|正式投产|投产|竣工|达产|投用|试生产|试运行|通线|建成|投入运营|正式运营|开业|揭牌开学|完工"
        ),
    ),
    (
        ZKG.UnderConstruction,
        ZKG.startYear,
        re.compile(
            r"开工|在建|动工|开建|加快建设|如火如荼|建设中|施工|启动建设|动工建设|封顶|主体结构|装修|设备安装|赶工期|启动(?!仪式|会)"
        ),
    ),
    (ZKG.Signed, ZKG.signedYear, re.compile(r"签约|签订|签署|落户|投到|招引|引进")),
)
ASPIRED = re.compile(r"(?:创建|争创|争当|争取|力争|申报|冲刺|对标)$")
SPANNING = ("走廊", "科创带", "经济带", "城市群")
APPLIED_TO = re.compile(r"应用于|用于|服务于|面向|应用到")
MAIN_INDUSTRY = re.compile(r"是[^，。；]{0,12}(?:主导|支柱|特色|首位|重点|优势|战略性新兴)产业")
STAGE = {ZKG.Signed: 0, ZKG.UnderConstruction: 1, ZKG.InProduction: 2}
FUTURE = re.compile(r"(?:希望|力争|计划|预计|将|早日|争取|即将|为|加快|推动|推进)[^，。；]{0,10}$")
COOPERATE = re.compile(r"合作|共建|联合|携手|协同|借智")
COOPERATE_OR_SIGN = re.compile(r"合作|共建|联合|携手|签约|签署|签订")
LEADER = re.compile(r"龙头|链主")
WIDER_FIELD = re.compile(r"国内|全国|全球|世界|国际|行业|全省|业内")
SUBSIDIARY = re.compile(r"子公司|旗下")
INVEST = re.compile(r"(?:总投资额?|投资额?|计划投资|计划总投资额?)[为约近超逾达]?$")


@dataclass
class Reading:
    """One sentence as the rules see it: its mentions, how each maps to an IRI, the article."""

    text: str
    sentence: Sentence
    mentions: list[Mention]
    inner: dict[Mention, list[Mention]]
    iri: Callable[[Mention], URIRef]
    context: URIRef | None
    context_mention_free: bool
    year: int
    previous: list[Mention]  # the enterprises of the last sentence that named one
    event_report: bool = False  # a report of a signing, a start of construction, an opening

    @property
    def caption(self) -> bool:
        """An image caption or heading standing alone: a short line with no punctuation."""
        return is_caption(self.sentence)

    def of(self, *classes: URIRef) -> list[Mention]:
        return [m for m in self.mentions if m.cls in classes]

    def fact(
        self,
        s: Mention | None,
        p: URIRef,
        o: Mention | Literal | URIRef | None,
        confidence: float,
        rule: str,
        subject: URIRef | None = None,
        qualifier: URIRef | None = None,
        year: int | None = None,
        at: list[tuple[int, int]] | None = None,
    ) -> ProposedFact | None:
        subject_iri = self.iri(s) if s is not None else subject
        if subject_iri is None or o is None:
            return None
        obj = self.iri(o) if isinstance(o, Mention) else o
        if obj == subject_iri:
            return None
        spans = list(at or []) + [(m.start, m.end) for m in (s, o) if isinstance(m, Mention)]
        start, end = clause_span(self.sentence, spans)
        return ProposedFact(
            subject_iri, p, obj, quote_text(self.text[start:end]), start, confidence, rule, qualifier, year
        )


RULES: list[Callable[[Reading], Iterator[ProposedFact | None]]] = []


def rule(fn: Callable[[Reading], Iterator[ProposedFact | None]]) -> Callable[[Reading], Iterator[ProposedFact | None]]:
    RULES.append(fn)
    return fn


def facts_of(reading: Reading) -> list[ProposedFact]:
    """Every fact the rules find in one sentence."""
    return [f for fn in RULES for f in fn(reading) if f is not None]


@rule
def located_by_verb(r: Reading) -> Iterator[ProposedFact | None]:
    """X 落户/位于/在 … Y, and Y(的/内) X."""
    for x in r.of(*LOCATED):
        if x.cls == ZKG.Enterprise and any(p.start >= x.end for p in r.of(ZKG.Project)):
            projects_first = [p for p in r.of(ZKG.Project) if p.start >= x.end]
        else:
            projects_first = []
        for y in (y for y in r.of(*PLACES) if y.start >= x.end and _same_clause(r, x, y)):
            if any(p.end <= y.start for p in projects_first):
                break
            between = _without_mentions(r, x.end, y.start)
            if re.fullmatch(r"[、和及与]*", between):
                continue
            if LOCATE_VERB.match(between + r.text[y.start]):
                yield r.fact(x, ZKG.locatedIn, y, 0.85, "located-verb")
            break
    for y in r.of(ZKG.Zone, ZKG.Platform, ZKG.Region):
        following = [x for x in r.of(*LOCATED) if x.start >= y.end]
        if following and INSIDE.match(r.text[y.end : following[0].start]):
            yield r.fact(following[0], ZKG.locatedIn, y, 0.8, "located-inside")


def _without_mentions(r: Reading, start: int, end: int) -> str:
    """The text between two mentions with the listed names in it left out (A、B、C等园区正在Y)."""
    inside = [m for m in r.mentions if start <= m.start and m.end <= end]
    text, at = "", start
    for m in inside:
        text += r.text[at : m.start]
        at = m.end
    return text + r.text[at:end]


@rule
def located_by_setting(r: Reading) -> Iterator[ProposedFact | None]:
    """在Y，… X and a sentence opening on a place (“未来城”聚焦… X、Z): X is in Y."""
    places = r.of(ZKG.Zone, ZKG.Platform, ZKG.Region)
    if not places:
        return
    y = places[0]
    opening = r.text[r.sentence.start : y.start]
    setting = re.fullmatch(r"(?:[^，。；]{0,6}[，,])?[^，。；]{0,6}?在", opening) and re.match(
        r"(?:内|里|中)?[，,]", r.text[y.end : y.end + 2]
    )
    topic = (
        re.fullmatch(r"[“「]?", opening)
        and y.cls == ZKG.Platform
        and re.match(r"[”」]?(?:聚焦|围绕|重点|以|已|将|推动|启动|动工|建设|规划)", r.text[y.end : y.end + 4])
    )
    if not (setting or topic):
        return
    for p in places[1:]:
        if p.start >= y.end and INSIDE.match(r.text[y.end : p.start]):
            y = p
    for x in r.of(*LOCATED):
        if x.cls == ZKG.Enterprise and r.event_report and r.of(ZKG.Project):
            continue
        if x.start > y.end and not any(
            p.start > y.end and p.end <= x.start and INSIDE.match(r.text[p.end : x.start]) for p in places[1:]
        ):
            yield r.fact(x, ZKG.locatedIn, y, 0.7, "located-setting" if setting else "located-topic")


@rule
def located_by_name(r: Reading) -> Iterator[ProposedFact | None]:
    """A zone or platform whose name starts with a region or zone: 杭州湾上虞经开区 → 上虞."""
    for m in r.of(ZKG.Zone, ZKG.Platform, ZKG.Project, ZKG.Region):
        parts = [
            p
            for p in r.inner.get(m, [])
            if p.start - m.start <= 3
            and p.end < m.end
            and ((p.cls == ZKG.Region and m.cls in (ZKG.Zone, ZKG.Region)) or (p.cls == ZKG.Zone and m.cls != ZKG.Zone))
        ]
        if parts:
            yield r.fact(m, ZKG.locatedIn, max(parts, key=lambda p: p.end), 0.75, "located-name-prefix")


@rule
def located_by_context(r: Reading) -> Iterator[ProposedFact | None]:
    """What an article about a zone names in a sentence about the zone is in the zone."""
    if r.context is None or r.caption:
        return
    about_zone = bool(ZONE_WORDS.search(r.sentence.text)) or any(r.iri(m) == r.context for m in r.mentions)
    for x in r.of(ZKG.Enterprise, ZKG.Project, ZKG.Platform, ZKG.TalentInstitution):
        if x.cls == ZKG.Enterprise and not _local_company(r, x, about_zone):
            continue
        if any(p.cls == ZKG.Zone and p.start - x.start <= 3 for p in r.inner.get(x, [])) or _foreign(r, x):
            continue
        if (x.cls == ZKG.TalentInstitution and x.name.endswith(("大学", "学院"))) or x.name.endswith(SPANNING):
            continue
        elsewhere = [
            p
            for p in r.of(*PLACES)
            if p is not x and r.iri(p) != r.context and _same_clause(r, x, p) and not _listed_with(r, x, p)
        ]
        if elsewhere:
            continue
        owners = [
            e
            for e in r.inner.get(x, [])
            if x.cls == ZKG.Project and e.cls == ZKG.Enterprise and e.start == x.start and not _foreign(r, e)
        ]
        for y in [x, *(o for o in owners if _local_company(r, o, about_zone))]:
            if about_zone:
                yield _ctx(r, y, 0.6, "located-context-sentence")
            else:
                yield _ctx(r, y, 0.45, "located-context-article")


def _local_company(r: Reading, x: Mention, about_zone: bool) -> bool:
    """In a feature about a zone every company it presents is the zone's; in a report of
    signings or starts of construction a company that builds or signs a project may come from
    anywhere (its project is what is placed): there only a company of a sentence about the zone
    that reports no project."""
    if not r.event_report:
        return True
    names_zone = any(m.cls == ZKG.Zone and r.iri(m) == r.context for m in r.mentions)
    return names_zone and not r.of(ZKG.Project) and not COOPERATE_OR_SIGN.search(r.sentence.text)


def is_caption(sentence: Sentence) -> bool:
    return len(sentence.text) < 25 and not re.search(r"[，,。；;：:！？!?]", sentence.text)


def _ctx(r: Reading, x: Mention, confidence: float, rule_name: str) -> ProposedFact | None:
    return r.fact(x, ZKG.locatedIn, r.context, confidence, rule_name)


def _foreign(r: Reading, x: Mention) -> bool:
    """A company named after a distant metropolis (上海亿柯) is that city's, not the zone's."""
    return x.name[:2] in ("上海", "北京", "深圳", "广州", "天津", "重庆", "香港")


def _clause_before(r: Reading, at: int) -> str:
    start = max(r.text.rfind(c, r.sentence.start, at) for c in "，,；;：:")
    return r.text[max(start + 1, r.sentence.start) : at]


def _listed_with(r: Reading, a: Mention, b: Mention) -> bool:
    """Two names side by side in a list (A、B / A和B): neither is where the other is."""
    lo, hi = (a, b) if a.start < b.start else (b, a)
    return bool(re.fullmatch(r"[、和及与]+", _without_mentions(r, lo.end, hi.start)))


def _same_clause(r: Reading, a: Mention, b: Mention) -> bool:
    lo, hi = min(a.end, b.end), max(a.start, b.start)
    return not re.search(r"[，,；;。]", r.text[lo:hi])


@rule
def in_chain(r: Reading) -> Iterator[ProposedFact | None]:
    """Projects whose name holds a chain; the subject of a sentence that lists chains."""
    for m in r.of(ZKG.Project, ZKG.Platform):
        investors = [part for part in r.inner.get(m, []) if part.cls == ZKG.Enterprise and part.start - m.start <= 1]
        named = [
            part
            for part in r.inner.get(m, [])
            if part.cls == ZKG.IndustryChain and not any(e.start <= part.start and part.end <= e.end for e in investors)
        ]
        for part in named:
            rule_name = "chain-word-in-name" if part.rule == "chain-in-name" else "chain-in-name"
            yield r.fact(m, ZKG.inChain, part, 0.7, rule_name)
            for e in investors[:1] if m.cls == ZKG.Project and part.rule != "chain-in-name" else []:
                yield r.fact(e, ZKG.inChain, part, 0.55, "chain-of-investor", at=[(m.start, m.end)])
    chains = [c for c in r.of(ZKG.IndustryChain) if not APPLIED_TO.search(_clause_before(r, c.start))]
    if not chains:
        return
    subjects = [m for m in r.of(ZKG.Zone, ZKG.Platform, ZKG.Enterprise, ZKG.Project) if m.end <= chains[0].start]
    if not subjects and MAIN_INDUSTRY.search(r.sentence.text):
        subjects = r.of(ZKG.Zone, ZKG.Platform)[:1]
    if subjects:
        lead = [subjects[-1]]
        if subjects[-1].cls == ZKG.Enterprise:
            lead = [
                s
                for s in subjects
                if (s.cls == ZKG.Enterprise and _same_clause(r, s, subjects[-1])) or s is subjects[-1]
            ]
        elif subjects[-1].cls == ZKG.Zone and chains[0].start - subjects[-1].end <= 1 and len(subjects) > 1:
            listed = [s for s in subjects[:-1] if s.cls in (ZKG.Project, ZKG.Enterprise)]
            lead = [s for s in listed if _listed_with(r, s, listed[-1]) or s is listed[-1]] + lead
        for s in lead:
            for c in chains:
                yield r.fact(s, ZKG.inChain, c, 0.6, "chain-subject")
    elif r.context is not None and (
        ZONE_WORDS.search(r.text[r.sentence.start : chains[0].start]) or r.context_mention_free
    ):
        for c in chains:
            yield r.fact(None, ZKG.inChain, c, 0.5, "chain-context", subject=r.context)


@rule
def investor(r: Reading) -> Iterator[ProposedFact | None]:
    """A project named after its enterprise: 新和成尼龙新材料产业一体化项目 → 新和成."""
    for p in r.of(ZKG.Project):
        parts = [m for m in r.inner.get(p, []) if m.cls == ZKG.Enterprise and m.start - p.start <= 1]
        for e in parts[:1]:
            yield r.fact(p, ZKG.investor, e, 0.85, "investor-name-prefix")


INVESTED_BY = re.compile(r"^(?:投资|投建|出资|建设|实施|打造|承建|投资建设|计划投资|拟投资)")
BUILDS = re.compile(
    r"^(?:也|还|将|已|同期|同步|当天|当日|同日|在[^，。；]{1,6})*(?:签约|开工建设|开工|启动建设|启动|动工|开建|签约建设|投资建设|建设)$"
)
OWNED = re.compile(r"^[)）]?(?:[（(][^（）()]{2,8}[)）])?的?$")


@rule
def investor_by_verb(r: Reading) -> Iterator[ProposedFact | None]:
    """由E投资建设的P, E投资建设P, P由E投资, P的投资方为E."""
    for p in r.of(ZKG.Project):
        for e in r.of(ZKG.Enterprise):
            if not _same_clause(r, e, p) and not (
                e.end <= p.start and re.fullmatch(r"由?[^。；]{0,3}", r.text[e.end : p.start])
            ):
                continue
            if e.end <= p.start:
                between = r.text[e.end : p.start]
                by = r.text[max(r.sentence.start, e.start - 1) : e.start] == "由" or INVESTED_BY.match(between)
                if by and len(between) <= 16:
                    yield r.fact(p, ZKG.investor, e, 0.8, "investor-verb")
            else:
                between = r.text[p.end : e.start]
                if re.fullmatch(r"[^，。；]{0,4}(?:由|投资方为|投资方是|的投资方为|业主为|业主单位为)", between):
                    yield r.fact(p, ZKG.investor, e, 0.8, "investor-verb")


@rule
def investor_by_adjacency(r: Reading) -> Iterator[ProposedFact | None]:
    """E的P and E P (顺丰速运有限公司西南航空物流枢纽项目), E也在当天开工建设P, 其P (the
    sentence's first company)."""
    companies = r.of(ZKG.Enterprise)
    for p in r.of(ZKG.Project):
        before = [e for e in companies if e.end <= p.start and _same_clause(r, e, p)]
        if before:
            e = before[-1]
            between = r.text[e.end : p.start]
            if OWNED.match(between):
                yield r.fact(p, ZKG.investor, e, 0.8, "investor-owner")
            elif BUILDS.match(between) and not [m for m in r.mentions if e.end <= m.start and m.end <= p.start]:
                yield r.fact(p, ZKG.investor, e, 0.75, "investor-builds")
        elif companies and r.text[p.start - 1 : p.start] == "其" and companies[0].end <= p.start:
            yield r.fact(p, ZKG.investor, companies[0], 0.65, "investor-its")


@rule
def total_investment(r: Reading) -> Iterator[ProposedFact | None]:
    """总投资X亿元的P, P总投资X亿元: the figure goes to the one project or platform it describes."""
    targets = r.of(ZKG.Project, ZKG.Platform)
    for a in amounts(r.sentence.text, r.sentence.start):
        if not INVEST.search(r.text[max(r.sentence.start, a.start - 8) : a.start]):
            continue
        after = [
            t
            for t in targets
            if t.start >= a.end and re.fullmatch(r"的?|(?:用于|投资)?(?:新建|建设)", r.text[a.end : t.start])
        ]
        before = [
            t
            for t in targets
            if t.end <= a.start
            and not _placed_in(r, t)
            and re.fullmatch(r"[^，。；、]{0,12}?[，,]?[^，。；、]{0,6}", _without_mentions(r, t.end, a.start))
            and not any(o.start > t.end and o.end <= a.start and not _placed_in(r, o) for o in targets)
        ]
        if re.match(r"的?\d+个", r.text[a.end : a.end + 6]):
            continue
        if not after and before and re.search(r"\d+个|等", r.text[before[-1].end : a.start]):
            continue
        target = after[0] if after else (before[-1] if before else None)
        if target is not None:
            yield r.fact(
                target,
                ZKG.totalInvestment,
                Literal(str(a.yuan), datatype=XSD.decimal),
                0.85,
                "investment-amount",
                qualifier=a.qualifier,
                at=[(a.start, a.end)],
            )


def _placed_in(r: Reading, t: Mention) -> bool:
    """A platform named as where something is (落户泾河新城片区): no figure of its own there."""
    return t.cls == ZKG.Platform and bool(
        re.search(r"(?:落户|位于|入驻|落地|在)$", r.text[max(0, t.start - 2) : t.start])
    )


@rule
def status(r: Reading) -> Iterator[ProposedFact | None]:
    """签约 → Signed, 开工/在建 → UnderConstruction, 投产/竣工 → InProduction, with the year when given."""
    projects = r.of(ZKG.Project)
    for p in projects:
        later = [q for q in projects if q.start > p.end]
        stop = r.sentence.end
        if later and re.search(r"[，,。；]", r.text[p.end : later[0].start]):
            stop = later[0].start
        window = r.text[p.end : stop]
        before = _clause_before(r, p.start)
        hits = sorted(
            (m.start(), value, year_property, m.group())
            for value, year_property, words in STATUS_WORDS
            for m in words.finditer(window)
        )
        hits = [
            h
            for h in hits
            if not FUTURE.search(window[: h[0]])
            and not window[h[0] + len(h[3]) :].startswith("后")
            and not re.search(r"[。；]", window[: h[0]])
        ]
        for offset, _, year_property, verb in hits:
            if year_property == ZKG.startYear and not STARTED.fullmatch(verb):
                continue
            year = _year_near(r, p.end + offset)
            if year is not None and (year_property != ZKG.productionYear or not FUTURE.search(window[:offset])):
                verb_at = p.end + offset
                yield r.fact(
                    p,
                    year_property,
                    Literal(year, datatype=XSD.integer),
                    0.65,
                    "status-year",
                    at=[(verb_at, verb_at + len(verb))],
                )
        if hits:
            offset, value, year_property, verb = max(hits, key=lambda h: (STAGE[h[1]], -h[0]))
            verb_at = p.end + offset
            yield r.fact(p, ZKG.status, value, 0.75, "status-verb", at=[(verb_at, verb_at + len(verb))])
            continue
        for value, year_property, words in STATUS_WORDS:
            stage = words.search(before)
            if stage and not FUTURE.search(before) and not PLANNED.search(before[: stage.start()]):
                yield r.fact(p, ZKG.status, value, 0.75, "status-before")
                verb_at = p.start - len(before) + stage.start()
                year = _year_near(r, verb_at)
                if year is not None and (year_property != ZKG.startYear or STARTED.fullmatch(stage.group())):
                    at = [(verb_at, verb_at + len(stage.group()))]
                    yield r.fact(
                        p, year_property, Literal(year, datatype=XSD.integer), 0.6, "status-year-before", at=at
                    )
                break
        else:
            for value, year_property, words in STATUS_WORDS:
                heading = list(_status_of_heading(r, p, value, year_property, words))
                if heading:
                    yield from heading
                    break


PLANNED = re.compile(r"计划|将|力争|预计|拟|争取|即将|年底前|年内")
STARTED = re.compile(r"开工|动工|开建|启动建设|动工建设|启动")


def _status_of_heading(
    r: Reading, p: Mention, value: URIRef, year_property: URIRef, words: re.Pattern[str]
) -> Iterator[ProposedFact | None]:
    """签约项目包括：A…项目 — a stage named in the heading of a list is its projects'."""
    colon = re.search(r"[：:]", r.text[r.sentence.start : p.start])
    if colon is None:
        return
    head_end = r.sentence.start + colon.start()
    stage = words.search(r.text, r.sentence.start, head_end)
    if stage is None or FUTURE.search(r.text[r.sentence.start : stage.start()]):
        return
    at = [(stage.start(), stage.end())]
    yield r.fact(p, ZKG.status, value, 0.7, "status-heading", at=at)
    year = _year_near(r, stage.start())
    if year is not None and (year_property != ZKG.startYear or STARTED.fullmatch(stage.group())):
        yield r.fact(p, year_property, Literal(year, datatype=XSD.integer), 0.6, "status-year-heading", at=at)


DATE_WITHOUT_YEAR = re.compile(r"(?<![\d年])\d{1,2}月(?:\d{1,2}日|份|底|初|中旬|上旬|下旬)")
PLANNED_PRODUCTION = re.compile(
    r"(?:(?:预计|计划|力争|将于|争取)(?:于|在)?((?:19|20)\d\d)年|为(\d{1,2})月份?)[^，。；]{0,8}?(?:建成投产|竣工投产|投产|达产|竣工)"
)


@rule
def planned_production(r: Reading) -> Iterator[ProposedFact | None]:
    """预计2025年竣工投产: the year the project is to go into production."""
    projects = r.of(ZKG.Project)
    for m in PLANNED_PRODUCTION.finditer(r.sentence.text):
        at = r.sentence.start + m.start()
        before = [p for p in projects if p.end <= at]
        if before:
            year = int(m.group(1)) if m.group(1) else r.year
            yield r.fact(
                before[-1],
                ZKG.productionYear,
                Literal(year, datatype=XSD.integer),
                0.6,
                "production-year-planned",
                at=[(at, r.sentence.start + m.end())],
            )


def _year_near(r: Reading, at: int) -> int | None:
    """The year named before `at` in its clause; the article's year for a date without one (6月10日)."""
    clause_start = max(r.text.rfind(c, r.sentence.start, at) for c in "。；") + 1
    start = max(clause_start, r.sentence.start)
    found = years_in(r.text[start:at], r.year)
    if found:
        year_end = start + found[-1][1]
        stages = [m for _, _, words in STATUS_WORDS for m in words.finditer(r.text, year_end, at)]
        own_clause = not re.search(r"[，,；;]", r.text[year_end:at])
        return found[-1][2] if own_clause or not stages else None
    if DATE_WITHOUT_YEAR.search(r.text[r.sentence.start : at]):
        return r.year
    return r.year if r.event_report else None


@rule
def honors(r: Reading) -> Iterator[ProposedFact | None]:
    """Holders of an honour: the entities just before it in its clause (a list shares it), the
    one right after it (新晋…“小巨人”企业惟精新材料), else the sentence's topic or the article's subject."""
    honours = [h for h in r.of(ZKG.Honor) if not ASPIRED.search(r.text[max(r.sentence.start, h.start - 4) : h.start])]
    holders = r.of(*HOLDERS)
    for h in honours:
        year = _year_near(r, h.start) or _sentence_year(r)
        before = [
            m
            for m in holders
            if m.end <= h.start
            and not re.search(r"[，,；;。：]", r.text[m.end : h.start])
            and not any(o.start >= m.end and o.end <= h.start for o in honours if o is not h and _verb_between(r, m, o))
        ]
        after = [m for m in holders if m.start >= h.end and re.fullmatch(r"(?:的|——|：|:)?", r.text[h.end : m.start])]
        if before:
            run = [before[-1]]
            for m in reversed(before[:-1]):
                if not re.fullmatch(r"[、和及与]", r.text[m.end : run[0].start]):
                    break
                run.insert(0, m)
            for m in run:
                yield r.fact(m, ZKG.hasHonor, h, 0.7, "honor-holder", year=year)
        elif after:
            yield r.fact(after[0], ZKG.hasHonor, h, 0.7, "honor-holder-after", year=year)
        else:
            topic = [
                m
                for m in holders
                if m.end <= h.start
                and m.start - r.sentence.start <= 8
                and m.cls != ZKG.Region
                and m.rule != "zone-word"
            ]
            if topic:
                yield r.fact(topic[0], ZKG.hasHonor, h, 0.55, "honor-topic", year=year)
            elif r.context is not None and not r.caption and not any(m.end <= h.start for m in holders):
                yield r.fact(None, ZKG.hasHonor, h, 0.5, "honor-context", subject=r.context, year=year)


def _verb_between(r: Reading, m: Mention, honour: Mention) -> bool:
    """An honour of its own verb lies between a holder and a later honour: that one is the holder's."""
    return bool(
        re.search(r"获评|入选|列入|荣获|获得|评为|创成|上榜|入围|跻身|授予|获批|创建", r.text[m.end : honour.start])
    )


def _same_run(r: Reading, a: Mention, b: Mention) -> bool:
    return not re.search(r"[，,；;。]", r.text[a.end : b.start]) if a.start <= b.start else True


def _sentence_year(r: Reading) -> int | None:
    found = years_in(r.sentence.text, r.year)
    return found[0][2] if found else None


@rule
def leading(r: Reading) -> Iterator[ProposedFact | None]:
    """龙头企业——E, E作为…龙头企业, 以E为龙头: E leads the platform or zone named with it."""
    if not LEADER.search(r.sentence.text):
        return
    for e in r.of(ZKG.Enterprise):
        near = r.text[max(r.sentence.start, e.start - 12) : min(r.sentence.end, e.end + 30)]
        if not LEADER.search(near):
            continue
        lead = LEADER.search(r.text, e.end, min(r.sentence.end, e.end + 30))
        if (
            lead
            and WIDER_FIELD.search(r.text[e.end : lead.start()])
            and not any(p.start >= e.end and p.end <= lead.start() for p in r.of(ZKG.Zone, ZKG.Platform))
        ):
            continue
        places = r.of(ZKG.Platform) or r.of(ZKG.Zone)
        if places:
            yield r.fact(places[0], ZKG.leadingEnterprise, e, 0.7, "leading-enterprise")
            yield r.fact(e, ZKG.locatedIn, places[0], 0.6, "located-as-leader")
        elif r.context is not None:
            yield r.fact(None, ZKG.leadingEnterprise, e, 0.55, "leading-enterprise-context", subject=r.context)


@rule
def subsidiary(r: Reading) -> Iterator[ProposedFact | None]:
    """X旗下的Y, X的子公司Y, 子公司Y (X named just before), Y是X旗下企业."""
    for m in SUBSIDIARY.finditer(r.sentence.text):
        at = r.sentence.start + m.start()
        child = [e for e in r.of(ZKG.Enterprise) if e.start >= at + len(m.group()) and e.start - at <= 6]
        parent = [e for e in r.of(ZKG.Enterprise) if e.end <= at] or [e for e in r.previous if e.cls == ZKG.Enterprise]
        if child and parent:
            yield r.fact(child[0], ZKG.subsidiaryOf, parent[-1], 0.65, "subsidiary", at=[(at, at + 2)])
        elif parent and re.fullmatch(r"的?", r.text[parent[-1].end : at]):
            named = [e for e in r.of(ZKG.Enterprise) if e.end <= parent[-1].start]
            if named and re.fullmatch(r"是|为|系", r.text[named[-1].end : parent[-1].start]):
                yield r.fact(named[-1], ZKG.subsidiaryOf, parent[-1], 0.65, "subsidiary-is", at=[(at, at + 2)])


@rule
def cooperation(r: Reading) -> Iterator[ProposedFact | None]:
    """合作/共建/联合 between a talent institution and another party in the same sentence."""
    if not COOPERATE.search(r.sentence.text):
        return
    institutions = r.of(ZKG.TalentInstitution)
    others = r.of(ZKG.Enterprise, ZKG.Region, ZKG.Zone)
    for t in institutions:
        for o in others:
            yield r.fact(t, ZKG.cooperatesWith, o, 0.6, "cooperation")
        if not others and r.context is not None and ZONE_WORDS.search(r.sentence.text):
            yield r.fact(t, ZKG.cooperatesWith, r.context, 0.5, "cooperation-context")
