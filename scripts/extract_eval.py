"""Leave-one-out evaluation of `kg extract` on the curated articles.

For each article of the corpus: build the gazetteer from the curated graph without that
article's file and without the entities only it introduces, extract the article, and compare
with the curated file: precision and recall of entities per class (matched on IRI or on a
normalised name) and of facts per property (subject, property, object; literals by value),
whether every quote is verbatim in the article, how many problems `kg validate --draft` finds in
the draft (written to a temporary folder and checked against the corpus), and the time per
article (extraction alone).

With `--dev`, the held-out development set instead: the articles of tests/data/extract_dev/
(zones of other provinces, written for this purpose), each extracted with the whole curated graph
as gazetteer and compared with its gold file (`STEM.json`: title, year, entities by class as names,
a list's first name the label and the rest its aliases, and facts as [subject, property, object]
with names, yuan, years or a status's local name). Names match after normalisation (name keys).

Usage: .venv/bin/python scripts/extract_eval.py [--corpus ../shared/corpus] [--data data/triples] [--show-misses]
       .venv/bin/python scripts/extract_eval.py --dev [tests/data/extract_dev] [--show-misses]
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from kg.extract.gazetteer import Gazetteer
from kg.extract.model import ArticleMeta, write_draft_trig
from kg.extract.names import name_key, region_keys
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
        symmetric = _reversed(gold, str(ZKG.cooperatesWith))
        tp_facts, found_facts = _count_facts(pred, gold, symmetric, fact_counts, short)
        checks = _draft_checks(draft, text, corpus)
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
                *checks,
                elapsed,
            )
        )
        if dump:
            _dump(draft, mapping)
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


def gold_of(path: Path) -> tuple[dict[str, tuple[str, set[str]]], set[tuple[str, str, object]]]:
    """A dev article's gold: entity label → (class, name keys), and facts with labels, values or statuses."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    entities: dict[str, tuple[str, set[str]]] = {}
    label_of: dict[tuple[str, str], str] = {}
    for cls, items in gold["entities"].items():
        for item in items:
            names = [item] if isinstance(item, str) else item
            keys = {k for n in names for k in _keys(n)}
            entities[names[0]] = (cls, keys)
            for n in names:
                label_of[(cls, n)] = names[0]
    facts = set()
    for s, p, o in gold["facts"]:
        subject = _label(label_of, s)
        obj: object = _label(label_of, o) if isinstance(o, str) and p != "status" else o
        facts.add((subject, p, Decimal(obj) if isinstance(obj, int) else obj))
    return entities, facts


def _keys(name: str) -> set[str]:
    return {name_key(name), *region_keys(name)}


def _label(label_of: dict[tuple[str, str], str], name: str) -> str:
    found = [label for (_, n), label in label_of.items() if n == name]
    if not found:
        raise SystemExit(f"gold names no entity {name!r}")
    return found[0]


def evaluate_dev(folder: Path, data: Path, show_misses: bool, dump: bool) -> list[tuple]:
    """The held-out development set: each article against its gold file; prints the tables and
    returns the rows (stem, chars, then the counts `totals` adds up, then the time)."""
    gazetteer = Gazetteer.from_files([data / "entities.ttl"])
    entity_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    gold_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    fact_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    rows = []
    for path in sorted(folder.glob("*.txt")):
        stem = path.stem
        text = path.read_text(encoding="utf-8")
        gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        entities, gold_facts_ = gold_of(path.with_suffix(".json"))
        started = time.perf_counter()
        draft = extract_article(text, ArticleMeta(stem, gold["title"], gold["year"]), gazetteer)
        elapsed = time.perf_counter() - started
        mapping: dict[str, str] = {}
        for e in draft.entities:
            cls = _local(e.cls)
            entity_counts[cls][1] += 1
            keys = {k for n in (e.name, *e.aliases) for k in _keys(n)}
            match = [label for label, (c, gk) in entities.items() if c == cls and gk & keys]
            if match:
                mapping[str(e.iri)] = match[0]
                entity_counts[cls][0] += 1
        for label, (cls, _) in entities.items():
            gold_counts[cls][1] += 1
            gold_counts[cls][0] += label in mapping.values()
        pred = set()
        for f in draft.facts:
            p = _local(f.predicate_iri)
            s = mapping.get(str(f.subject_iri), str(f.subject_iri))
            o: object
            if p == "status":
                o = _local(f.object)
            elif isinstance(f.object, URIRef):
                o = mapping.get(str(f.object), str(f.object))
            else:
                o = Decimal(str(f.object))
            pred.add((s, p, o))
        hits = sum(1 for e in draft.entities if str(e.iri) in mapping)
        symmetric = _reversed(gold_facts_, "cooperatesWith")
        tp, found = _count_facts(pred, gold_facts_, symmetric, fact_counts, str)
        checks = _draft_checks(draft, text, None)
        found_gold = len(set(mapping.values()))
        rows.append(
            (
                stem,
                len(text),
                hits,
                len(draft.entities),
                found_gold,
                len(entities),
                tp,
                len(pred),
                found,
                len(gold_facts_),
                *checks,
                elapsed,
            )
        )
        if dump:
            _dump(draft, mapping)
        if show_misses:
            print(f"== {stem} missed entities")
            for label in sorted(set(entities) - set(mapping.values())):
                print("  -", entities[label][0], label)
            print(f"== {stem} wrong entities")
            for e in draft.entities:
                if str(e.iri) not in mapping:
                    print("  +", _local(e.cls), e.name, e.rule)
            print(f"== {stem} missed facts")
            for s, p, o in sorted(gold_facts_, key=str):
                if (s, p, o) not in pred and (o, p, s) not in pred:
                    print("  -", s, p, o)
            print(f"== {stem} wrong facts")
            for s, p, o in sorted(pred - gold_facts_ - symmetric, key=str):
                print("  +", _short_or(s), p, _short_or(o))
    _print(rows, entity_counts, gold_counts, fact_counts)
    return rows


def _reversed(gold: set, symmetric_property: str) -> set:
    """The gold facts of a symmetric property the other way round."""
    return {(o, p, s) for s, p, o in gold if p == symmetric_property}


def _count_facts(pred: set, gold: set, symmetric: set, fact_counts: dict, label) -> tuple[int, int]:
    """Add one article's facts to the per-property counts; its correct proposals and gold found
    (a symmetric property matches either way round)."""
    for s, p, o in pred:
        fact_counts[label(p)][1] += 1
        fact_counts[label(p)][0] += (s, p, o) in gold or (s, p, o) in symmetric

    def proposed(s: object, p: object, o: object) -> bool:
        """Whether a gold fact was proposed: as it is, or the other way round for a symmetric property."""
        return (s, p, o) in pred or ((o, p, s) in symmetric and (o, p, s) in pred)

    for s, p, o in gold:
        fact_counts[label(p)][3] += 1
        fact_counts[label(p)][2] += proposed(s, p, o)
    correct = sum(1 for t in pred if t in gold or t in symmetric)
    found = sum(1 for (s, p, o) in gold if proposed(s, p, o))
    return correct, found


def _draft_checks(draft, text: str, corpus: Path | None) -> tuple[int, int, int, int]:
    """Quotes verbatim (whitespace aside), quotes exact, quotes, and the problems `validate --draft`
    finds in the written draft against the article (in `corpus`, or copied beside the draft)."""
    stem = draft.meta.stem
    with tempfile.TemporaryDirectory() as folder:
        if corpus is None:
            corpus = Path(folder)
            (corpus / f"{stem}.txt").write_text(text, encoding="utf-8")
        problems = len(validate(write_draft_trig(draft, Path(folder) / f"{stem}.trig"), corpus, draft=True).problems)
    quotes = {f.quote for f in draft.facts}
    verbatim = sum(1 for q in quotes if squash(q) in squash(text))
    exact = sum(1 for q in quotes if q in text)
    return verbatim, exact, len(quotes), problems


def _local(iri: object) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _short_or(value: object) -> str:
    return short(value) if isinstance(value, str) and value.startswith("http") else str(value)


def _dump(draft, mapping: dict[str, str]) -> None:
    for e in draft.entities:
        print("E", short(str(e.cls)), e.name, short(str(e.iri)), "->", _short_or(mapping.get(str(e.iri), "-")), e.rule)
    for f in draft.facts:
        print(
            "F", short(str(f.subject_iri)), short(str(f.predicate_iri)), short(str(f.object)), f.rule, "|", f.quote[:60]
        )


def totals(rows: list[tuple]) -> dict[str, float]:
    """Entity and fact precision and recall over all rows, quotes verbatim and draft problems."""
    sums = [sum(r[k] for r in rows) for k in range(2, 14)]
    tp, np_, fg, ng, tf, pf, ff, gf, vb, _, nq, bad = sums
    return {
        "entity_p": tp / np_,
        "entity_r": fg / ng,
        "fact_p": tf / pf,
        "fact_r": ff / gf,
        "quotes_not_verbatim": nq - vb,
        "draft_problems": bad,
    }


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
    parser.add_argument(
        "--dev",
        nargs="?",
        const=Path("tests/data/extract_dev"),
        type=Path,
        help="score the held-out development set in this folder instead (default tests/data/extract_dev)",
    )
    args = parser.parse_args()
    if args.dev is not None:
        evaluate_dev(args.dev, args.data, args.show_misses, args.dump)
    else:
        evaluate(args.corpus, args.data, args.show_misses, args.article, args.dump)


if __name__ == "__main__":
    main()
