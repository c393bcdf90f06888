import pytest

from kg.errors import BadValue
from kg.namespaces import expand, short


@pytest.mark.parametrize(
    "iri",
    [
        "https://w3id.org/zonekg/id/byd",
        "https://w3id.org/zonekg/ontology#Zone",
        "urn:x:rel",
        "mailto:a@b.cn",
        "http://e.org/a",
    ],
)
def test_expand_reads_back_what_short_writes(iri):
    assert str(expand(short(iri))) == iri


@pytest.mark.parametrize("value", ["<urn:a b>", "<no-scheme>", "urn:x", "foo:bar", '<https://e.org/"x>'])
def test_expand_refuses_what_is_no_iri(value):
    with pytest.raises(BadValue, match="not an IRI"):
        expand(value)
