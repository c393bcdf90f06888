import pytest

from conftest import CORPUS, run
from kg.validate import validate


def problems(path, corpus):
    report = validate(path, corpus)
    return [str(p) for p in report.problems]


def test_mini_data_is_valid(mini, mini_corpus):
    assert problems(mini, mini_corpus) == []


def test_curated_data_is_valid():
    assert CORPUS.is_dir(), f"the corpus is not at {CORPUS}: the quotes cannot be checked"
    report = validate(None, CORPUS)
    assert report.quotes_checked
    assert report.problems == [], "\n".join(map(str, report.problems))


@pytest.mark.parametrize(
    "old, new, expected",
    [
        # a quote that is not verbatim in its source
        ("示例开发区位于示例市。", "示例开发区地处示例市。", "ev:mini-01: quote not found verbatim"),
        # a fact pointing at an IRI nobody declared
        (
            "zkg:locatedIn id:region-example-city",
            "zkg:locatedIn id:region-nowhere",
            "id:region-nowhere, which is not declared",
        ),
        # an investment typed xsd:double
        ('"5894000000"^^xsd:decimal', '"5.894E9"^^xsd:double', "id:project-example-polymer: zkg:totalInvestment"),
        # an investment figure the quote does not give
        (
            '"5894000000"^^xsd:decimal',
            '"5900000000"^^xsd:decimal',
            "appears in its quote neither as 59亿元 nor 590000万元",
        ),
        # a fact outside every evidence graph
        (
            'skos:altLabel "示例新材料"@zh .',
            'skos:altLabel "示例新材料"@zh ; zkg:locatedIn id:example-zone .',
            "id:example-materials: fact zkg:locatedIn is outside any evidence graph",
        ),
        # a missing English label (SHACL)
        (
            '"示例高分子项目"@zh , "Example Polymer Project"@en',
            '"示例高分子项目"@zh',
            "id:project-example-polymer: rdfs:label",
        ),
        # an evidence with two quotes (SHACL)
        (
            'zkg:quote "示例开发区位于示例市。"@zh ;',
            'zkg:quote "示例开发区位于示例市。"@zh , "示例市。"@zh ;',
            "ev:mini-01: zkg:quote",
        ),
        # a named graph that is not declared as evidence
        ("ev:mini-01 { id:example-zone", "ev:mini-99 { id:example-zone", "ev:mini-99: named graph is not declared"),
        # one entity under two IRIs
        (
            'id:region-example-city a zkg:Region ; rdfs:label "示例市"@zh , "Example City"@en .',
            'id:region-example-city a zkg:Region ; rdfs:label "示例市"@zh , "Example City"@en .\n'
            'id:region-example-city-2 a zkg:Region ; rdfs:label "示例市"@zh , "Example City (2)"@en .',
            "is also a name of id:region-example-city-2",
        ),
        # a source with no file in the corpus
        (
            "prov:wasDerivedFrom src:mini .\nev:mini-01 {",
            "prov:wasDerivedFrom src:missing .\nev:mini-01 {",
            "src:missing has no file",
        ),
    ],
)
def test_each_rule_catches_its_fault(broken_copy, mini_corpus, old, new, expected):
    found = problems(broken_copy(old, new), mini_corpus)
    assert any(expected in line for line in found), found


def test_problem_lines_name_the_file(broken_copy, mini_corpus):
    path = broken_copy("示例开发区位于示例市。", "示例开发区地处示例市。")
    found = problems(path, mini_corpus)
    assert found and all(line.startswith(f"{path}: ") for line in found), found


def test_parse_error_names_file_and_line(broken_copy, mini_corpus):
    path = broken_copy('"Example City"@en .', '"Example City@en .')
    found = problems(path, mini_corpus)
    assert len(found) == 1 and found[0].startswith(f"{path}:12: Line jumps are not allowed"), found


def test_without_corpus_quotes_are_not_checked_and_the_report_says_so(mini, broken_copy):
    report = validate(broken_copy("示例开发区位于示例市。", "示例开发区地处示例市。"), None)
    assert report.ok and not report.quotes_checked


def test_cli_without_corpus_warns_that_quotes_were_not_checked(runner, mini, monkeypatch, tmp_path):
    monkeypatch.delenv("KG_CORPUS", raising=False)
    monkeypatch.chdir(tmp_path)
    result = run(runner, "--data", str(mini), "validate")
    assert result.exit_code == 0
    assert "warning: quotes were not checked" in result.stderr and "--corpus" in result.stderr


def test_cli_takes_the_corpus_from_kg_corpus(runner, broken_copy, mini_corpus, monkeypatch):
    monkeypatch.setenv("KG_CORPUS", str(mini_corpus))
    result = run(runner, "--data", str(broken_copy("示例开发区位于示例市。", "示例开发区地处示例市。")), "validate")
    assert result.exit_code == 1 and "quote not found verbatim" in result.stdout
    assert "not checked" not in result.stderr


def test_cli_validate_exits_1_with_one_line_per_problem(runner, broken_copy, mini_corpus):
    path = broken_copy("示例开发区位于示例市。", "示例开发区地处示例市。")
    result = run(runner, "--data", str(path), "validate", "--corpus", str(mini_corpus))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}: ev:mini-01: quote not found verbatim in src:mini: 示例开发区地处示例市。"
    ]


def test_cli_validate_ok(runner, mini, mini_corpus):
    result = run(runner, "--data", str(mini), "validate", "--corpus", str(mini_corpus))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


# ---- drafts of kg extract (validate --draft) ----


def draft_file(tmp_path, text_change=None, **options):
    from conftest import example_draft
    from kg.extract.model import draft_trig

    text = draft_trig(example_draft(**options))
    if text_change:
        old, new = text_change
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "article.draft.trig"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def draft_corpus(tmp_path):
    from conftest import EXAMPLE_ARTICLE

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "article.txt").write_text(EXAMPLE_ARTICLE, encoding="utf-8")
    return corpus


def draft_problems(path, corpus):
    return [str(p) for p in validate(path, corpus, draft=True).problems]


def test_a_draft_validates_on_its_own(tmp_path, draft_corpus):
    assert draft_problems(draft_file(tmp_path), draft_corpus) == []


def test_an_english_label_left_to_the_reviewer_is_accepted_only_in_a_draft(tmp_path, draft_corpus):
    path = draft_file(tmp_path, label_en=None)
    assert draft_problems(path, draft_corpus) == []
    assert any("id:shi-li-ke-ji: rdfs:label" in p and "@en" in p for p in problems(path, draft_corpus))


def test_a_missing_english_label_not_marked_for_review_is_a_problem(tmp_path, draft_corpus):
    path = draft_file(tmp_path, label_en=None, needs_review=False)
    assert any("id:shi-li-ke-ji: rdfs:label" in p for p in draft_problems(path, draft_corpus))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('示例开发区位于示例市。"@zh', '示例开发区就在示例市。"@zh'),
            "ev:article-01: quote not found verbatim in src:article",
        ),
        (
            (
                "zkg:proposedEntity [ a zkg:EntityProposal ; zkg:entity id:shi-li-ke-ji ; zkg:known false ; zkg:labelNeedsReview true ; "
                'zkg:confidence "0.80"^^xsd:decimal ; zkg:rule "entity-suffix" ] .',
                'zkg:comment "x" .',
            ),
            "id:shi-li-ke-ji: declared entity has 0 zkg:EntityProposal, not one",
        ),
        (
            (
                "    id:shi-li-ke-ji zkg:subsidiaryOf id:example-materials .\n}",
                "    id:shi-li-ke-ji zkg:subsidiaryOf id:example-materials .\n    id:shi-li-ke-ji zkg:inChain id:chain-x .\n}",
            ),
            "fact id:shi-li-ke-ji zkg:inChain id:chain-x has no zkg:FactProposal",
        ),
        (
            (
                "rdf:subject id:example-zone ; rdf:predicate zkg:locatedIn",
                "rdf:subject id:example-zone ; rdf:predicate zkg:inChain",
            ),
            "proposed fact id:example-zone zkg:inChain id:region-example-city is not in the graph of its quote",
        ),
        (
            (
                "    id:example-zone zkg:locatedIn id:region-example-city .\n}",
                "    id:example-zone zkg:locatedIn id:region-example-city .\n    id:nobody zkg:locatedIn id:example-zone .\n}",
            ),
            "id:nobody: subject of a fact is not declared with a type",
        ),
    ],
)
def test_a_draft_is_checked_for_everything_else(tmp_path, draft_corpus, change, expected):
    found = draft_problems(draft_file(tmp_path, change), draft_corpus)
    assert any(expected in p for p in found), found


def test_draft_quotes_are_checked_in_a_gbk_article(tmp_path, draft_corpus):
    from conftest import EXAMPLE_ARTICLE

    (draft_corpus / "article.txt").write_bytes(EXAMPLE_ARTICLE.encode("gbk"))
    assert draft_problems(draft_file(tmp_path), draft_corpus) == []


def test_draft_quotes_are_checked_in_an_html_article(tmp_path, draft_corpus):
    from conftest import EXAMPLE_ARTICLE

    (draft_corpus / "article.txt").unlink()
    paragraphs = "".join(f"<p>{line}</p>\n" for line in EXAMPLE_ARTICLE.splitlines())
    (draft_corpus / "article.html").write_text(
        f"<html><head><script>var a = 1;</script></head><body>{paragraphs}</body></html>", encoding="utf-8"
    )
    assert draft_problems(draft_file(tmp_path), draft_corpus) == []


def test_cli_validate_draft(runner, tmp_path, draft_corpus):
    path = draft_file(tmp_path, label_en=None)
    ok = run(runner, "--data", str(path), "validate", "--draft", "--corpus", str(draft_corpus))
    assert ok.exit_code == 0, ok.output
    plain = run(runner, "--data", str(path), "validate", "--corpus", str(draft_corpus))
    assert plain.exit_code == 1 and "id:shi-li-ke-ji" in plain.stdout


@pytest.mark.slow
@pytest.mark.parametrize("inference", ["none", "rdfs"])
def test_curated_data_conforms_to_the_shapes_with_and_without_rdfs_inference(inference):
    """A store that materialises RDFS (GraphDB's default ruleset) adds the ontology's
    super-properties beside the zkg: facts; the closed shapes must still hold."""
    import pyshacl
    from rdflib import Dataset, Graph

    from kg.data_files import data_files
    from kg.load import RDFLIB_FORMATS
    from kg.resources import ontology_file, shapes_file

    union = Graph()
    for path in data_files():
        parsed = Dataset().parse(str(path), format=RDFLIB_FORMATS[path.suffix])
        for s, p, o, _ in parsed.quads((None, None, None, None)):
            union.add((s, p, o))
    conforms, _, text = pyshacl.validate(
        union,
        shacl_graph=Graph().parse(shapes_file()),
        inference=inference,
        ont_graph=Graph().parse(ontology_file()),
        allow_warnings=False,
    )
    assert conforms, text
