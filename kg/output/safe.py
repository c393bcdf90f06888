"""What the data may not carry into a terminal or a spreadsheet: control characters and formulas.

Labels and quotes come from articles and from users' own data files. Printed raw, an escape
sequence in a label clears the screen or sets the window title; a bidi override reorders what
the reader sees; in a spreadsheet, a cell that begins with `=`, `+`, `-` or `@` is a formula
(OWASP "CSV injection"). Every renderer of `kg.output` passes data through these functions.
"""

from __future__ import annotations

import re
from typing import TypeVar

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab and newline, DEL, C1 controls, and the bidi marks, embeddings, overrides
and isolates."""
ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[ -/]*[0-~]?)")
"""An ANSI escape sequence: CSI (`ESC [ … final`), OSC (`ESC ] … BEL`), or a short one."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
T = TypeVar("T")


def printable(text: str) -> str:
    """`text` for a terminal: escape sequences and control characters removed (newlines and
    tabs kept), so the data cannot move the cursor, clear the screen or reorder the line."""
    return CONTROL.sub("", ESCAPE_SEQUENCE.sub("", text))


def escaped(text: str) -> str:
    """JSON or Turtle text with every control character (but newline and tab) written as a
    `\\uXXXX` escape: both formats read it back as the same character, a terminal shows it inert.
    Valid because such characters can stand only inside strings in either format."""
    return CONTROL.sub(lambda match: f"\\u{ord(match[0]):04X}", text)


def safe_cell(value: object) -> object:
    """A spreadsheet cell (CSV or XLSX) that cannot run as a formula and holds no control
    character: a string from the data made `printable`, then `formula_proof`. Numbers stay
    numbers (an xsd:integer -3 is a value, not a formula); None and booleans pass unchanged."""
    return formula_proof(printable(value)) if isinstance(value, str) else value


def formula_proof(value: T) -> T:
    """A string that begins with = + - @ tab or carriage return with a leading apostrophe, as
    OWASP recommends against CSV injection: the label "-3" or "=1+2" stays text. Other values
    unchanged. For a table read back (kg.output.xlsx), where the text must survive whole."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return f"'{value}"  # type: ignore[return-value]
    return value
