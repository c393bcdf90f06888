"""Leave-one-out evaluation of `kg extract` on the curated articles.

For each article of the corpus: build the gazetteer from the curated graph without that
article's file and without the entities only it introduces, extract the article, and compare
with the curated file: precision and recall of entities per class (matched on IRI or on a
normalised name) and of facts per property (subject, property, object; literals by value),
whether every quote is verbatim in the article, how many problems `kg validate --draft` finds in
the draft (written to a temporary folder and checked against the corpus), and the time per
article (extraction alone).

Usage: .venv/bin/python scripts/extract_eval.py [--corpus ../shared/corpus] [--data data/triples] [--show-misses]
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from kg.extract.gazetteer import Gazetteer
from kg.extract.model import ArticleMeta, write_draft_trig
from kg.extract.names import name_key
from kg.extract.pipeline import extract_article
from kg.namespaces import ID, ZKG, short
from kg.validate import validate

PROPERTIES = (
    ZKG.locatedIn,
    ZKG.inChain,
    ZKG.investor,
    ZKG.totalInvestment,
    ZKG.status,
    ZKG.signedYear,
    ZKG.startYear,
    ZKG.productionYear,
    ZKG.hasHonor,
    ZKG.leadingEnterprise,
    ZKG.subsidiaryOf,
    ZKG.cooperatesWith,
)
CLASSES = (
    ZKG.Zone,
    ZKG.Region,
    ZKG.Enterprise,
    ZKG.Project,
    ZKG.Platform,
    ZKG.TalentInstitution,
    ZKG.IndustryChain,
    ZKG.Honor,
)


def quads(path: Path) -> list[ox.Quad]:
    return list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.TURTLE))


def gold_facts(path: Path) -> set[tuple[str, str, object]]:
    facts = set()
    for q in quads(path):
        if q.predicate.value in map(str, PROPERTIES) and isinstance(q.subject, ox.NamedNode):
            facts.add((q.subject.value, q.predicate.value, _value(q.object)))
    return facts


def _value(term: ox.Term) -> object:
    if isinstance(term, ox.Literal):
        try:
            return Decimal(term.value)
        except ArithmeticError:
            return term.value
    return term.value


def entities_in(path: Path) -> set[str]:
    found = set()
    for q in quads(path):
        for t in (q.subject, q.object):
            if isinstance(t, ox.NamedNode) and t.value.startswith(str(ID)):
                found.add(t.value)
    return found


def sources(corpus: Path) -> dict[str, tuple[str, int]]:
    with open(corpus / "sources.tsv", encoding="utf-8") as f:
        return {
            row["file"][:-4]: (row["title"], int(row["year_inferred"][:4])) for row in csv.DictReader(f, delimiter="\t")
        }


def squash(text: str) -> str:
    return "".join(text.split())


def evaluate(corpus: Path, data: Path, show_misses: bool, only: str | None = None, dump: bool = False) -> None:
    articles = sources(corpus)
    trigs = {p.stem: p for p in sorted(data.glob("*.trig"))}
    full = Gazetteer.from_files([data / "entities.ttl"])
    used = {stem: entities_in(p) for stem, p in trigs.items()}
    entity_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # class → tp_pred, pred, gold_found, gold
    gold_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    fact_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    rows = []
    for stem, (title, year) in articles.items():
        if only and not stem.startswith(only):
            continue
        others = set().union(*(used[s] for s in trigs if s != stem))
        only_here = used[stem] - others
        keep = {URIRef(i) for i in full.entities} - {URIRef(i) for i in only_here}
        gazetteer = Gazetteer.from_files([data / "entities.ttl"], keep=keep)
        text = (corpus / f"{stem}.txt").read_text(encoding="utf-8")
        started = time.perf_counter()
        draft = extract_article(text, ArticleMeta(stem, title, year), gazetteer)
        elapsed = time.perf_counter() - started
        gold_entities = {i for i in used[stem] if URIRef(i) in full.entities}
        keys: dict[str, set[str]] = defaultdict(set)
        for i in gold_entities:
            for n in full.entities[URIRef(i)].names():
                keys[name_key(n)].add(i)
        mapping: dict[str, str] = {}
        hits_pred = 0
        for e in draft.entities:
            cls = short(str(e.cls))
            entity_counts[cls][1] += 1
            target = str(e.iri) if str(e.iri) in gold_entities else None
            if target is None:
                for n in (e.name, *e.aliases):
                    match = [g for g in keys.get(name_key(n), ()) if full.entities[URIRef(g)].cls == e.cls]
                    if match:
                        target = sorted(match)[0]
                        break
            if target is not None:
                mapping[str(e.iri)] = target
                entity_counts[cls][0] += 1
                hits_pred += 1
        found_gold = set(mapping.values())
        for i in gold_entities:
            cls = short(str(full.entities[URIRef(i)].cls))
            gold_counts[cls][1] += 1
            gold_counts[cls][0] += i in found_gold
        gold = gold_facts(trigs[stem])
        pred = set()
        for f in draft.facts:
            s = mapping.get(str(f.subject_iri), str(f.subject_iri))
            o = mapping.get(str(f.object), str(f.object)) if isinstance(f.object, URIRef) else Decimal(str(f.object))
            pred.add((s, str(f.predicate_iri), o))
        symmetric = {(o, p, s) for s, p, o in gold if p == str(ZKG.cooperatesWith)}
        for s, p, o in pred:
            name = short(p)
            fact_counts[name][1] += 1
            fact_counts[name][0] += (s, p, o) in gold or (s, p, o) in symmetric
        for s, p, o in gold:
            name = short(p)
            fact_counts[name][3] += 1
            fact_counts[name][2] += (s, p, o) in pred or (o, p, s) in pred
        tp_facts = sum(1 for t in pred if t in gold or t in symmetric)
        found_facts = sum(1 for (s, p, o) in gold if (s, p, o) in pred or (o, p, s) in pred)
        with tempfile.TemporaryDirectory() as folder:
            problems = len(
                validate(write_draft_trig(draft, Path(folder) / f"{stem}.trig"), corpus, draft=True).problems
            )
        squashed = squash(text)
        quotes = {f.quote for f in draft.facts}
        verbatim = sum(1 for q in quotes if squash(q) in squashed)
        exact = sum(1 for q in quotes if q in text)
        rows.append(
            (
                stem,
                len(text),
                hits_pred,
                len(draft.entities),
                len(found_gold),
                len(gold_entities),
                tp_facts,
                len(pred),
                found_facts,
                len(gold),
                verbatim,
                exact,
                len(quotes),
                problems,
                elapsed,
            )
        )
        if dump:
            for e in draft.entities:
                print(
                    "E", short(str(e.cls)), e.name, short(str(e.iri)), "->", short(mapping.get(str(e.iri), "-")), e.rule
                )
            for f in draft.facts:
                print(
                    "F",
                    short(str(f.subject_iri)),
                    short(str(f.predicate_iri)),
                    short(str(f.object)),
                    f.rule,
                    "|",
                    f.quote[:60],
                )
        if show_misses:
            print(f"== {stem} missed entities")
            for i in sorted(gold_entities - found_gold):
                print("  -", short(i), full.entities[URIRef(i)].name)
            print(f"== {stem} wrong entities")
            for e in draft.entities:
                if str(e.iri) not in mapping:
                    print("  +", short(str(e.cls)), e.name, e.rule)
            print(f"== {stem} missed facts")
            for s, p, o in sorted(gold - pred, key=str):
                print("  -", short(s), short(p), short(str(o)))
            print(f"== {stem} wrong facts")
            for s, p, o in sorted(pred - gold - symmetric, key=str):
                print("  +", short(s), short(p), short(str(o)))
    _print(rows, entity_counts, gold_counts, fact_counts)


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "–"


def _print(rows, entity_counts, gold_counts, fact_counts) -> None:
    print(
        "| article | chars | entity P | entity R | fact P | fact R | quotes verbatim (exact) | `validate --draft` problems | time s |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    totals = [0] * 12
    for r in rows:
        stem, chars, *nums, elapsed = r
        for k, v in enumerate(nums):
            totals[k] += v
        tp, np_, fg, ng, tf, pf, ff, gf, vb, ex, nq, bad = nums
        print(
            f"| {stem} | {chars} | {_ratio(tp, np_)} | {_ratio(fg, ng)} | {_ratio(tf, pf)} | {_ratio(ff, gf)} "
            f"| {vb}/{nq} ({ex}) | {bad} | {elapsed:.2f} |"
        )
    tp, np_, fg, ng, tf, pf, ff, gf, vb, ex, nq, bad = totals
    print(
        f"| **all** | | **{_ratio(tp, np_)}** | **{_ratio(fg, ng)}** | **{_ratio(tf, pf)}** | **{_ratio(ff, gf)}** "
        f"| {vb}/{nq} ({ex}) | {bad} | |"
    )
    print()
    print("| entity class | proposed | correct | P | curated | found | R |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for cls in sorted(set(entity_counts) | set(gold_counts)):
        c, p, _ = entity_counts[cls]
        f, g = gold_counts[cls]
        print(f"| {cls} | {p} | {c} | {_ratio(c, p)} | {g} | {f} | {_ratio(f, g)} |")
    print()
    print("| property | proposed | correct | P | curated | found | R |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in sorted(fact_counts):
        c, p, f, g = fact_counts[name]
        print(f"| {name} | {p} | {c} | {_ratio(c, p)} | {g} | {f} | {_ratio(f, g)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="../shared/corpus", type=Path)
    parser.add_argument("--data", default="data/triples", type=Path)
    parser.add_argument("--show-misses", action="store_true", help="list the facts missed and the facts wrong")
    parser.add_argument("--article", help="only the article whose stem starts with this")
    parser.add_argument("--dump", action="store_true", help="print every proposed entity and fact")
    args = parser.parse_args()
    evaluate(args.corpus, args.data, args.show_misses, args.article, args.dump)


if __name__ == "__main__":
    main()
