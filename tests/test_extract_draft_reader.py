"""A draft's TriG read back gives the same draft (as RDF; facts of one quote may come back in another order)."""

from dataclasses import replace

import pytest
from rdflib import Literal
from rdflib.namespace import DC, DCTERMS

from conftest import EXAMPLE_ARTICLE, assert_isomorphic_datasets, example_draft
from kg.errors import DataFileError, NotFound
from kg.extract.draft_reader import read_draft
from kg.extract.model import ProposedEntity, ProposedFact, draft_to_dataset, draft_trig, write_draft_trig
from kg.namespaces import ID, SRC, ZKG


def richer_draft():
    """The example draft with a value qualifier, a dated honour and a URL."""
    draft = example_draft()
    quote = "=示例科技公司落户示例开发区，是示例新材料公司旗下子公司。"
    honour = ProposedEntity(
        "示例称号", "示例称号", ZKG.Honor, ID["honor-example"], False, (), "Example Honour", True, 0.7, "honour"
    )
    facts = [
        replace(f, qualifier=ZKG.MoreThan) if f.predicate_iri == ZKG.totalInvestment else f for f in draft.facts
    ] + [
        ProposedFact(
            ID["shi-li-ke-ji"],
            ZKG.hasHonor,
            ID["honor-example"],
            quote,
            EXAMPLE_ARTICLE.index(quote),
            0.6,
            "honour",
            year=2022,
        )
    ]
    # RDF keeps no order of creators: they read back in code-point order (乙 before 甲)
    meta = replace(draft.meta, url="http://example.cn/a?b=1&c=2", author="乙;甲")
    return replace(draft, meta=meta, entities=[*draft.entities, honour], facts=facts)


def test_a_draft_read_back_is_the_same_draft(tmp_path):
    draft = richer_draft()
    again = read_draft(write_draft_trig(draft, tmp_path / "d.trig"))
    assert_isomorphic_datasets(draft_to_dataset(again), draft_to_dataset(draft))
    assert draft_trig(read_draft(write_draft_trig(again, tmp_path / "e.trig"))) == draft_trig(again)
    money = next(f for f in again.facts if f.predicate_iri == ZKG.totalInvestment)
    assert money.qualifier == ZKG.MoreThan and money.object == Literal("5894000000", datatype=money.object.datatype)
    assert next(f for f in again.facts if f.predicate_iri == ZKG.hasHonor).year == 2022
    new = next(e for e in again.entities if e.iri == ID["shi-li-ke-ji"])
    assert (new.known, new.label_en_needs_review, new.confidence, new.rule) == (False, True, 0.8, "entity-suffix")
    assert (again.meta.author, again.meta.url, again.meta.year) == ("乙;甲", "http://example.cn/a?b=1&c=2", 2023)


def test_authors_are_dc_creator_literals_as_in_the_curated_data():
    dataset = draft_to_dataset(richer_draft())
    source = SRC[richer_draft().meta.stem]
    assert sorted(str(a) for a in dataset.objects(source, DC.creator)) == ["乙", "甲"]
    assert not list(dataset.objects(source, DCTERMS.creator))


def test_not_a_draft(tmp_path):
    with pytest.raises(NotFound, match="no such draft"):
        read_draft(tmp_path / "missing.trig")
    broken = tmp_path / "broken.trig"
    broken.write_text("@prefix zkg: <https://w3id.org/zonekg/ontology#> .\nzkg:a zkg:b", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"broken\.trig:"):
        read_draft(broken)
    empty = tmp_path / "empty.trig"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(DataFileError, match="exactly one source"):
        read_draft(empty)
