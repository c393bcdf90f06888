"""Parse errors of data files as one line naming the file and the line, as people read them."""

from __future__ import annotations

import re
from pathlib import Path

from kg.errors import DataFileError


def syntax_error(path: Path, error: SyntaxError) -> DataFileError:
    """A one-line error naming the file and line of a parse error."""
    return DataFileError(f"{syntax_location(path, error)}: {syntax_message(error)}")


def syntax_location(path: Path, error: SyntaxError) -> str:
    line = error.lineno or line_number(str(error))
    return f"{path}:{line}" if line else str(path)


def syntax_message(error: SyntaxError) -> str:
    message = str(error.msg).split("\n", 1)[0]
    message = re.sub(
        r"^Parser error (at|between) line \d+ (column \d+( and line \d+ column \d+)?|between columns \d+ and \d+): ",
        "",
        message,
    )
    return re.sub(r" \([^()]*, line \d+\)$", "", message)


def line_number(text: str) -> int | None:
    """The first line number a parser's message mentions."""
    match = re.search(r"line (\d+)", text)
    return int(match.group(1)) if match else None


def one_line(error: Exception) -> str:
    """An exception's message with its whitespace (line breaks included) folded."""
    return " ".join(str(error).split())
