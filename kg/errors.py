"""The errors the library raises: each speaks of values (a name, a file, a URL), never of flags.

The CLI turns any `KgError` into one line on stderr and a non-zero exit; Python users catch
the class they care about. Messages never carry a traceback or library internals.
"""


class KgError(Exception):
    """A problem the user can fix by changing an input; the base of every error kg raises."""


class NotFound(KgError):
    """No entity, chain, zone, named query or parameter of that name."""


class AmbiguousName(KgError):
    """A name that several entities carry: the user must give the IRI."""


class BadValue(KgError):
    """A value that does not fit: an amount that is not a number, an unknown language or class."""


class DataFileError(KgError):
    """A data file that cannot be read or parsed: the message names the file and the line."""


class BadQuery(KgError):
    """SPARQL that does not parse, or a query form that cannot run where it was sent."""


class StoreUnreachable(KgError):
    """A triple store that cannot be reached, or that broke the connection mid-answer."""


class StoreRefused(KgError):
    """A triple store that answered with an error, or with an answer kg cannot read."""


class OutputError(KgError):
    """An output that cannot be written: a missing folder, a read-only or full disk."""


class DamagedIndex(OutputError):
    """An index whose files cannot be read: it is marked unfinished, so the next command removes
    it and answers (and builds it again) from the data."""


class MissingParameter(BadValue):
    """A named query run without a value for one of its required parameters."""

    def __init__(self, query: str, parameter: str, doc: str):
        super().__init__(f"query {query} needs a value for its parameter {parameter} ({doc})")
        self.query = query
        self.parameter = parameter
        self.doc = doc


class TooManyEntities(BadValue):
    """A selection larger than the limit on what one page can show."""

    def __init__(self, found: int, limit: int):
        super().__init__(
            f"the selection has {found} entities, more than the limit of {limit}: "
            "a page that size freezes the browser; narrow it to a zone, a chain or the entities around one"
        )
        self.found = found
        self.limit = limit
