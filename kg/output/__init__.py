"""Everything kg prints, rendered from the data the library returns.

- `kg.output.tables`: aligned text tables (Chinese is double width), JSON, CSV for Excel;
- `kg.output.answers`: SPARQL answers (SELECT rows, ASK, CONSTRUCT) and the named-query list;
- `kg.output.views`: the chain listing and tree, the entity card, statistics, network tables,
  the problems validation found, the report of a push, what `kg extract` and `kg accept` wrote;
- `kg.output.reports`: the analyst reports as XLSX workbooks or self-contained HTML pages;
- `kg.output.xlsx`: spreadsheets that open in Excel and WPS (frozen header, filters, widths), the
  review workbook read back;
- `kg.output.charts`: the reports' charts as inline SVG;
- `kg.output.safe`: control characters and formulas kept out of terminals and spreadsheets.
"""
