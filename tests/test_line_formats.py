import re

import pytest
from rdflib import URIRef

from conftest import assert_isomorphic_datasets
from kg.errors import KgError
from kg.line_formats import blank_lines
from kg.load import load_graph

PLAIN = "<http://ex/a{n}> <http://ex/in> <http://ex/z> <http://ex/q{n}> .\n"
WITH_BLANK_NODES = (
    PLAIN.format(n=1)
    + "<http://ex/a> <http://ex/has> _:b <http://ex/q> .\n"
    + PLAIN.format(n=2)
    + '<http://ex/c> <http://ex/quote> "a _: in a text" .\n'
    + PLAIN.format(n=3)
    + '_:b <http://ex/value> "7" <http://ex/q> .\n'
    + "<http://ex/d> <http://ex/in> <http://ex/z> _:g .\n"
    + PLAIN.format(n=4).rstrip("\n")
)


def test_blank_lines_are_the_lines_with_an_underscore_colon():
    content = b"<a> <b> <c> .\n_:x <b> <c> .\n<a> <b> _:y .\n<a> <b> <c> .\n<a> <b> _:z ."
    assert [content[begin:end] for begin, end in blank_lines(content)] == [
        b"_:x <b> <c> .\n",
        b"<a> <b> _:y .\n",
        b"<a> <b> _:z .",
    ]
    assert blank_lines(b"<a> <b> <c> .\n") == []
    assert blank_lines(b"<a_1> <b> <c_> .\n<a> <b> _:x .\n") == [(17, 31)], "underscores before the first _:"


def test_blank_nodes_far_apart_are_one_node_and_the_file_loads_as_rdflib_reads_it(tmp_path):
    (tmp_path / "d.nq").write_text(WITH_BLANK_NODES, encoding="utf-8")
    dataset = load_graph(tmp_path)
    node = dataset.graph(URIRef("http://ex/q")).value(URIRef("http://ex/a"), URIRef("http://ex/has"))
    assert isinstance(node, URIRef), "a stable IRI"
    assert str(dataset.graph(URIRef("http://ex/q")).value(node, URIRef("http://ex/value"))) == "7"
    for n in range(1, 5):
        assert (URIRef(f"http://ex/a{n}"), URIRef("http://ex/in"), URIRef("http://ex/z")) in dataset.default_graph
    assert_isomorphic_datasets(dataset, load_graph(tmp_path, engine="rdflib"))


def test_n_triples_with_blank_nodes_load_into_the_default_graph(tmp_path):
    (tmp_path / "d.nt").write_text(
        '<http://ex/a> <http://ex/has> _:b .\n<http://ex/c> <http://ex/in> <http://ex/z> .\n_:b <http://ex/value> "7" .\n',
        encoding="utf-8",
    )
    assert_isomorphic_datasets(load_graph(tmp_path), load_graph(tmp_path, engine="rdflib"))


@pytest.mark.parametrize(
    "bad_line",
    [
        6,  # in a run of lines without blank nodes, after some with
        7,  # on a line with a blank node
        1,  # in the first run
    ],
)
def test_a_syntax_error_names_the_line_of_the_file(tmp_path, bad_line):
    lines = WITH_BLANK_NODES.splitlines()
    lines[bad_line - 1] = "junk " + lines[bad_line - 1]
    path = tmp_path / "d.nq"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(KgError) as error:
        load_graph(path)
    assert_names_line(error.value, "d.nq", bad_line)


def assert_names_line(error: KgError, name: str, line: int) -> None:
    """One line naming the file and the line, and no other line number to contradict it."""
    message = str(error)
    assert f"{name}:{line}: " in message and "\n" not in message, message
    assert not re.search(r"line \d", message.split(f"{name}:{line}: ", 1)[1]), message


@pytest.mark.parametrize(
    "content, bad_line",
    [
        (
            "<http://ex/a> <http://ex/in> <http://ex/z> .\n_:b <http://ex/in> .\n",
            2,
        ),  # the last line, with _:, cut short
        ("<http://ex/a> <http://ex/in> <http://ex/z> .\n_:b <http://ex/in> <http://ex/z>", 2),  # ... and no newline
        ("_:a <http://ex/in> <http://ex/z> .\n_:b <http://ex/in>\n<http://ex/a> <http://ex/in> <http://ex/z> .\n", 3),
        (
            "<http://ex/a> <http://ex/in> <http://ex/z> .\r_:b <http://ex/in> .\r<http://ex/c> <http://ex/d> <http://ex/e> .\r",
            2,
        ),
        (
            "<http://ex/a> <http://ex/in> <http://ex/z> .\n_:b <http://ex/in> .\n<http://ex/a> .\njunk\n",
            2,
        ),  # the first of two
    ],
)
def test_a_syntax_error_is_the_first_a_whole_parse_finds(tmp_path, content, bad_line):
    path = tmp_path / "d.nt"
    path.write_bytes(content.encode())
    with pytest.raises(KgError) as error:
        load_graph(path)
    assert_names_line(error.value, "d.nt", bad_line)
