"""Everything kg prints, rendered from the data the library returns.

- `kg.output.tables`: aligned text tables (Chinese is double width), JSON, CSV for Excel;
- `kg.output.answers`: SPARQL answers (SELECT rows, ASK, CONSTRUCT) and the named-query list;
- `kg.output.views`: the chain listing and tree, the entity card, statistics, network tables,
  the report of a push.
"""
