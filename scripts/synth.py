"""Write a deterministic synthetic zonekg graph of about N triples, in the project's own format.

Zones in provinces, each with enterprises, projects, platforms and a talent institution; an
industrial-chain hierarchy (skos:broader) under eight top-level chains, one of them 新材料;
every fact in the named graph of an evidence quote derived from a source; entity declarations
with @zh and @en labels. The same N always gives the same bytes. The output passes
`kg validate` in shape (the quotes are made up, so the corpus check does not apply).

Example:
    python scripts/synth.py --triples 1000000 --out build/synth-1m.nq
"""

from __future__ import annotations

import argparse
import math
import sys
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from kg.data_files import RDF_FORMATS
from kg.errors import KgError
from kg.files import write_atomic
from kg.namespaces import DCTERMS, EV, ID, PREFIXES, PROV, RDF, RDFS, SKOS, SRC, XSD, ZKG

TOP_CHAINS = (
    ("new-materials", "新材料", "New materials"),
    ("high-end-equipment", "高端装备制造", "High-end equipment manufacturing"),
    ("modern-pharmaceuticals", "现代医药", "Modern pharmaceuticals"),
    ("new-energy", "新能源", "New energy"),
    ("integrated-circuits", "集成电路", "Integrated circuits"),
    ("digital-economy", "数字经济", "Digital economy"),
    ("green-chemicals", "绿色化工", "Green chemicals"),
    ("smart-vehicles", "智能汽车", "Smart vehicles"),
)
PROVINCES = (
    ("zhejiang", "浙江省", "Zhejiang"),
    ("jiangsu", "江苏省", "Jiangsu"),
    ("guangdong", "广东省", "Guangdong"),
    ("shandong", "山东省", "Shandong"),
    ("sichuan", "四川省", "Sichuan"),
    ("hubei", "湖北省", "Hubei"),
    ("fujian", "福建省", "Fujian"),
    ("anhui", "安徽省", "Anhui"),
    ("henan", "河南省", "Henan"),
    ("hunan", "湖南省", "Hunan"),
    ("shaanxi", "陕西省", "Shaanxi"),
    ("liaoning", "辽宁省", "Liaoning"),
)
SYLLABLES = (
    ("华", "Hua"),
    ("东", "Dong"),
    ("新", "Xin"),
    ("海", "Hai"),
    ("金", "Jin"),
    ("瑞", "Rui"),
    ("天", "Tian"),
    ("安", "An"),
    ("宏", "Hong"),
    ("博", "Bo"),
    ("远", "Yuan"),
    ("晨", "Chen"),
    ("盛", "Sheng"),
    ("恒", "Heng"),
    ("鑫", "Xin"),
    ("泰", "Tai"),
    ("通", "Tong"),
    ("达", "Da"),
    ("明", "Ming"),
    ("光", "Guang"),
)
ENTERPRISES_PER_ZONE = 20
PROJECTS_PER_ZONE = 5
PLATFORMS_PER_ZONE = 2
TRIPLES_PER_ZONE = 254
EVIDENCE_PER_SOURCE = 500
STATUSES = (ZKG.Signed, ZKG.UnderConstruction, ZKG.InProduction)


def name(i: int) -> tuple[str, str]:
    """A made-up two-syllable name with the number that keeps it unique: ('华东12', 'Hua Dong 12')."""
    (a, pa), (b, pb) = SYLLABLES[i % len(SYLLABLES)], SYLLABLES[(i // len(SYLLABLES)) % len(SYLLABLES)]
    return f"{a}{b}{i}", f"{pa}{pb.lower()} {i}"


def zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


def node(namespace, local: str) -> ox.NamedNode:
    return ox.NamedNode(str(namespace) + local)


def term(iri) -> ox.NamedNode:
    return ox.NamedNode(str(iri))


class Synth:
    """Collects the quads: declarations in the default graph, facts in evidence graphs."""

    def __init__(self) -> None:
        self.quads: list[ox.Quad] = []
        self.source: ox.NamedNode | None = None
        self.sources = 0
        self.evidence_in_source = EVIDENCE_PER_SOURCE

    def add(self, s, p, o, graph=None) -> None:
        self.quads.append(ox.Quad(s, term(p), o, graph or ox.DefaultGraph()))

    def declare(self, iri: ox.NamedNode, cls, label_zh: str, label_en: str, alt: str | None = None) -> None:
        self.add(iri, RDF.type, term(cls))
        self.add(iri, RDFS.label, zh(label_zh))
        self.add(iri, RDFS.label, en(label_en))
        if alt:
            self.add(iri, SKOS.altLabel, zh(alt))

    def evidence(self, quote: str, facts: list[tuple]) -> None:
        """One quote: the zkg:Evidence node in the default graph and its named graph of facts."""
        if self.evidence_in_source >= EVIDENCE_PER_SOURCE:
            self.new_source()
        self.evidence_in_source += 1
        stem = str(self.source.value)[len(str(SRC)) :]
        graph = node(EV, f"{stem}-{self.evidence_in_source:03d}")
        self.add(graph, RDF.type, term(ZKG.Evidence))
        self.add(graph, ZKG.quote, zh(quote))
        self.add(graph, PROV.wasDerivedFrom, self.source)
        for s, p, o in facts:
            self.add(s, p, o, graph)

    def new_source(self) -> None:
        self.sources += 1
        self.source = node(SRC, f"synth-{self.sources:05d}")
        self.add(self.source, RDF.type, term(ZKG.Source))
        self.add(self.source, DCTERMS.title, zh(f"开发区综合报道（合成）第{self.sources}期"))
        self.add(self.source, ZKG.year, ox.Literal("2024", datatype=term(XSD.integer)))
        self.evidence_in_source = 0


def chains(synth: Synth, per_top: int) -> list[tuple[ox.NamedNode, str]]:
    """Declare the chain hierarchy; the narrower chains, which members join, in a fixed order."""
    narrower = []
    for slug, label_zh, label_en in TOP_CHAINS:
        synth.declare(node(ID, f"chain-{slug}"), ZKG.IndustryChain, label_zh, label_en)
    for k in range(per_top * len(TOP_CHAINS)):
        slug, label_zh, label_en = TOP_CHAINS[k % len(TOP_CHAINS)]
        iri = node(ID, f"chain-{slug}-{k}")
        synth.declare(iri, ZKG.IndustryChain, f"{label_zh}细分{k}", f"{label_en}, segment {k}")
        synth.add(iri, SKOS.broader, node(ID, f"chain-{slug}"))
        narrower.append((iri, f"{label_zh}细分{k}"))
    return narrower


def zone(synth: Synth, i: int, narrower: list[tuple[ox.NamedNode, str]]) -> None:
    """One zone with its platforms, enterprises, projects and institution (TRIPLES_PER_ZONE triples)."""
    zh_name, en_name = name(i)
    province, province_zh, _ = PROVINCES[i % len(PROVINCES)]
    z = node(ID, f"zone-{i}")
    z_zh = f"{zh_name}经济开发区"
    synth.declare(z, ZKG.Zone, z_zh, f"{en_name} Economic Development Zone", f"{zh_name}经开区")
    first, second = TOP_CHAINS[i % 8], TOP_CHAINS[(i + 3) % 8]
    synth.evidence(
        f"{z_zh}位于{province_zh}，主导产业为{first[1]}和{second[1]}。",
        [
            (z, ZKG.locatedIn, node(ID, f"region-{province}")),
            (z, ZKG.inChain, node(ID, f"chain-{first[0]}")),
            (z, ZKG.inChain, node(ID, f"chain-{second[0]}")),
        ],
    )
    places = [(z, z_zh)]
    for k in range(PLATFORMS_PER_ZONE):
        j = i * PLATFORMS_PER_ZONE + k
        chain, chain_zh = narrower[(j * 31) % len(narrower)]
        p, p_zh = node(ID, f"platform-{j}"), f"{zh_name}{chain_zh}产业平台{j}"
        synth.declare(p, ZKG.Platform, p_zh, f"{en_name} Industry Platform {j}")
        synth.evidence(f"{p_zh}位于{z_zh}，聚焦{chain_zh}产业。", [(p, ZKG.locatedIn, z), (p, ZKG.inChain, chain)])
        places.append((p, p_zh))
    enterprises = []
    for k in range(ENTERPRISES_PER_ZONE):
        j = i * ENTERPRISES_PER_ZONE + k
        chain, chain_zh = narrower[(j * 7919) % len(narrower)]
        place, place_zh = places[k % len(places)] if k % 4 == 0 else places[0]
        e, e_zh = node(ID, f"enterprise-{j}"), f"{name(j)[0]}科技"
        synth.declare(e, ZKG.Enterprise, e_zh, f"{name(j)[1]} Technology")
        synth.evidence(
            f"{e_zh}落户{place_zh}，深耕{chain_zh}领域。", [(e, ZKG.locatedIn, place), (e, ZKG.inChain, chain)]
        )
        enterprises.append((e, e_zh))
    for k in range(PROJECTS_PER_ZONE):
        j = i * PROJECTS_PER_ZONE + k
        chain, chain_zh = narrower[(j * 104729) % len(narrower)]
        investor, investor_zh = enterprises[k]
        tenths = 10 + (j * 37) % 990
        year = 2015 + j % 10
        p, p_zh = node(ID, f"project-{j}"), f"{investor_zh}{chain_zh}项目{j}"
        synth.declare(p, ZKG.Project, p_zh, f"Project {j} of {name(i)[1]}")
        synth.evidence(
            f"{investor_zh}投资的{p_zh}总投资{format(Decimal(tenths) / 10, 'f')}亿元，{year}年签约落户{z_zh}。",
            [
                (p, ZKG.investor, investor),
                (p, ZKG.totalInvestment, ox.Literal(str(tenths * 10**7), datatype=term(XSD.decimal))),
                (p, ZKG.signedYear, ox.Literal(str(year), datatype=term(XSD.integer))),
                (p, ZKG.status, term(STATUSES[j % 3])),
                (p, ZKG.locatedIn, z),
                (p, ZKG.inChain, chain),
            ],
        )
    t, t_zh = node(ID, f"institute-{i}"), f"{zh_name}产业技术研究院"
    partner, partner_zh = enterprises[1]
    synth.declare(t, ZKG.TalentInstitution, t_zh, f"{en_name} Institute of Industrial Technology")
    synth.evidence(
        f"{t_zh}落户{z_zh}，与{partner_zh}开展产学研合作。", [(t, ZKG.locatedIn, z), (t, ZKG.cooperatesWith, partner)]
    )


def synthesise(triples: int) -> list[ox.Quad]:
    """The quads of a graph of about `triples` triples (never fewer than one zone's worth)."""
    zones = max(1, round(triples / TRIPLES_PER_ZONE))
    synth = Synth()
    for slug, label_zh, label_en in PROVINCES:
        synth.declare(node(ID, f"region-{slug}"), ZKG.Region, label_zh, f"{label_en} Province")
    narrower = chains(synth, max(2, math.isqrt(zones) // 3))
    for i in range(zones):
        zone(synth, i, narrower)
    return synth.quads


def write(quads: list[ox.Quad], out: Path) -> int:
    """Serialise to `out` (.nq or .trig) atomically; the number of bytes written."""
    formats = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}
    if out.suffix not in formats:
        raise KgError(f"{out}: write .nq or .trig, not {out.suffix or 'no extension'} ({' '.join(RDF_FORMATS)} load)")
    prefixes = PREFIXES if out.suffix == ".trig" else None
    data = ox.serialize(quads, format=formats[out.suffix], prefixes=prefixes)
    write_atomic(out, data)
    return len(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, required=True, help="about how many triples (quads) to write")
    parser.add_argument("--out", type=Path, required=True, help="the file to write: .nq or .trig")
    args = parser.parse_args(argv)
    if args.triples < 1:
        parser.error("--triples must be at least 1")
    try:
        quads = synthesise(args.triples)
        size = write(quads, args.out)
    except KgError as error:
        print(f"synth: error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}: {len(quads):,} triples, {size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
