"""Names as people type them: the ranking the command line and the page's search share."""

import pytest

from kg.errors import AmbiguousName, NotFound
from kg.names import (
    CONTAINS,
    EXACT,
    PREFIX,
    match_tier,
    name_index,
    normalise,
    rank,
    resolve,
    suggest,
)
from kg.namespaces import ID, ZKG


def names_by_entity(dataset):
    found = {}
    for entities in name_index(dataset).values():
        for entity, written in entities.items():
            found.setdefault(entity, []).append(written)
    return found


@pytest.mark.parametrize(
    "name, typed, tier",
    [
        ("新材料", "新材料", EXACT),
        ("新材料应用", "新材料", PREFIX),
        ("Zhejiang NHU", "nhu", PREFIX),
        ("前沿新材料", "新材料", CONTAINS),
        ("Zhejiang Chunhui Instrument", "NHU", CONTAINS),
        ("比亚迪", "NHU", None),
        ("杭州湾上虞经济技术开发区", "杭州湾上虞经开区", EXACT),
        ("Hangzhou Bay Shangyu ETDZ", "Hangzhou Bay Shangyu Economic & Technological Development Zone", EXACT),
        ("Hangzhou Bay Shangyu Economic and Technological Development Zone", "hangzhou bay shangyu etdz", EXACT),
        ("ＮＨＵ", "nhu", EXACT),
    ],
)
def test_match_tiers(name, typed, tier):
    assert match_tier(name, typed) == tier


def test_zone_words_are_one_word():
    assert normalise("杭州湾上虞经济技术开发区") == normalise("杭州湾上虞经开区") == normalise("杭州湾上虞ETDZ")
    assert normalise("Shengzhou EDZ") == normalise("shengzhou economic development zone")
    assert normalise("Getdzx") == "getdzx", "an abbreviation inside a word is not one"


def test_ranking_exact_then_prefix_then_substring(curated):
    names = names_by_entity(curated)
    assert rank(names, "NHU")[:3] == [
        ID["zhejiang-nhu"],
        ID["project-nhu-nylon-new-materials-integration"],
        ID["chunhui-instrument"],
    ]
    assert rank(names, "新材")[0] == ID["chain-new-materials"]


def test_resolve_understands_zone_abbreviations(curated):
    zone = ID["hangzhou-bay-shangyu-etdz"]
    for name in ("杭州湾上虞ETDZ", "Hangzhou Bay Shangyu ETDZ", "杭州湾上虞经济技术开发区", "杭州湾上虞经开区"):
        assert resolve(curated, name, ZKG.Zone) == zone


def test_best_suggestion_first(curated):
    assert suggest(name_index(curated, ZKG.IndustryChain), "新材")[0] == "新材料"
    with pytest.raises(NotFound, match="did you mean 新材料, "):
        resolve(curated, "新材", ZKG.IndustryChain)


def test_a_shared_name_is_ambiguous(tmp_path, mini):
    import kg

    data = tmp_path / "twins.trig"
    data.write_text(
        mini.read_text(encoding="utf-8") + 'id:twin a zkg:Enterprise ; rdfs:label "示例新材料"@zh , "Twin"@en .\n',
        encoding="utf-8",
    )
    with pytest.raises(AmbiguousName, match="names several"):
        resolve(kg.load_graph(data), "示例新材料")
