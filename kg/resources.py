"""Files shipped inside the package: the curated data, the ontology and shapes, the queries."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_path(*parts: str) -> Path:
    """A file or folder shipped inside the installed package."""
    return Path(str(files("kg").joinpath(*parts)))


def curated_dir() -> Path:
    return package_path("triples")


def ontology_file() -> Path:
    return package_path("ontology", "zonekg.ttl")


def shapes_file() -> Path:
    return package_path("ontology", "shapes.ttl")


def queries_dir() -> Path:
    """The named queries users run by name (`kg query NAME`)."""
    return package_path("queries")


def internal_query(name: str) -> str:
    """The text of one of the code's own SPARQL files under `kg/queries/internal/`."""
    return package_path("queries", "internal", name).read_text(encoding="utf-8")
