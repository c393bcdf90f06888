"""A remote SPARQL 1.1 Protocol endpoint as a query source for `kg.sparql.run`."""

from __future__ import annotations

from kg.errors import BadQuery
from kg.remote.connection import Connection, check_url, safe_url
from kg.remote.results import graph_answer, results_answer
from kg.remote.rewrite import query_form, with_prefixes
from kg.sparql import Answer

_ACCEPT = {
    "SELECT": "application/sparql-results+json",
    "ASK": "application/sparql-results+json",
    "CONSTRUCT": "application/n-triples, text/turtle;q=0.9",
    "DESCRIBE": "application/n-triples, text/turtle;q=0.9",
}


class SparqlEndpoint:
    """A remote SPARQL 1.1 Protocol endpoint as a query source (see kg.sparql.Endpoint)."""

    def __init__(self, url: str, connection: Connection | None = None):
        self.url = check_url(url)
        self.connection = connection or Connection()

    def __repr__(self) -> str:
        return f"SparqlEndpoint({safe_url(self.url)!r})"

    def query(self, text: str) -> Answer:
        """The answer of one query, its parameters already bound (kg.sparql.run)."""
        form = query_form(text)
        if form not in _ACCEPT:
            raise BadQuery(f"only queries run on an endpoint, not {form} (an update)")
        text = with_prefixes(text)
        response = self.connection.request(
            "POST", self.url, data={"query": text.encode("utf-8")}, headers={"Accept": _ACCEPT[form]}
        )
        media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if form in ("SELECT", "ASK"):
            return results_answer(safe_url(self.url), response.content, media)
        return graph_answer(safe_url(self.url), form, response.content, media)
