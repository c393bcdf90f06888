"""Charts as inline SVG, drawn by matplotlib: text stays text (`svg.fonttype = none`), so
Chinese shows in the reader's own fonts and no font is shipped; fixed ids and no date, so the
same data gives the same bytes."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

import matplotlib
from matplotlib.figure import Figure

CJK_FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "SimHei", "DejaVu Sans"]
STYLE: dict[Any, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "zonekg",
    "font.family": "sans-serif",
    "font.sans-serif": CJK_FONTS,
    "font.size": 10,
    "text.parse_math": False,
    "axes.unicode_minus": False,
}
HEAT = "Blues"
HEATMAP_ROWS = 80
"""Rows from which a heat map is left out: taller, it is unreadable (and takes matplotlib minutes)."""
BAR = "#1f77b4"


def svg(figure: Figure) -> str:
    """The figure as an <svg> element to inline in HTML (no XML prolog, no DOCTYPE)."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    text = buffer.getvalue()
    return re.sub(r"^.*?(?=<svg)", "", text, flags=re.S)


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float]],
    notes: Sequence[Sequence[str]],
    title: str,
) -> str:
    """A table of coloured cells, each with its note written in it (a gap shows as its note)."""
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(1.6 + 1.5 * len(columns), 0.9 + 0.42 * len(rows)))
        axes = figure.add_subplot()
        top = max((v for row in values for v in row), default=0) or 1
        axes.pcolormesh(values, cmap=HEAT, vmin=0, vmax=top * 1.25, edgecolors="white", linewidth=2)
        axes.set_xticks([j + 0.5 for j in range(len(columns))], labels=list(columns), rotation=20, ha="right")
        axes.set_yticks([i + 0.5 for i in range(len(rows))], labels=list(rows))
        axes.invert_yaxis()
        for i, row in enumerate(notes):
            for j, note in enumerate(row):
                dark = values[i][j] > top * 0.6
                axes.text(
                    j + 0.5, i + 0.5, note, ha="center", va="center", fontsize=8.5, color="white" if dark else "#222222"
                )
        axes.set_title(title, loc="left", fontsize=11)
        axes.tick_params(length=0)
        for spine in axes.spines.values():
            spine.set_visible(False)
        return svg(figure)


def bars(
    labels: Sequence[str],
    values: Sequence[float],
    notes: Sequence[str],
    title: str,
    axis_label: str = "",
    invert: bool = False,
) -> str:
    """Horizontal bars, one per label, each with its note at its end; `invert` for rankings
    (a smaller number is better, so the bar is longer)."""
    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(7.2, 0.8 + 0.34 * max(len(labels), 1)))
        axes = figure.add_subplot()
        shown = [(max(values) + 1 - v) if invert and values else v for v in values]
        positions = list(range(len(labels)))
        axes.barh(positions, shown, color=BAR, height=0.6)
        axes.set_yticks(positions, labels=list(labels))
        axes.invert_yaxis()
        for y, (length, note) in enumerate(zip(shown, notes, strict=True)):
            axes.text(length, y, f" {note}", va="center", fontsize=8.5)
        axes.set_title(title, loc="left", fontsize=11)
        axes.set_xlabel(axis_label)
        axes.set_xticks([] if invert else axes.get_xticks())
        axes.margins(x=0.25)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        return svg(figure)
