"""The files of an index folder: the on-disk store, the SQLite side tables, and the marker a
build writes last (a folder without a whole marker was never finished and is never read)."""

STORE = "store"
TABLES = "tables.sqlite"
MARKER = "index.json"
