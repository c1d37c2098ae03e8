"""Plain-text and HTML formatting helpers shared by games, profiles and results."""

from __future__ import annotations

import html
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

__all__ = ["fmt_number", "html_table", "text_table"]


def fmt_number(x: Any, digits: int = 6) -> str:
    """Format one number compactly: ``1/3`` for fractions, ``0.333333`` for floats."""
    if isinstance(x, Fraction):
        return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
    if isinstance(x, float):
        if x == 0:
            return "0"
        return f"{x:.{digits}g}"
    try:
        import numpy as np

        if isinstance(x, np.floating):
            return fmt_number(float(x), digits)
        if isinstance(x, np.integer):
            return str(int(x))
    except ImportError:  # pragma: no cover
        pass
    return str(x)


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]], title: str | None = None) -> str:
    """Align a table of strings in columns (first column left, others left too)."""
    cols = [list(header)] + [list(r) for r in rows]
    widths = [max(len(r[i]) for r in cols) for i in range(len(header))]
    lines = []
    if title:
        lines.append(title)
    for k, r in enumerate(cols):
        lines.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def html_table(header: Sequence[str], rows: Sequence[Sequence[str]], title: str | None = None) -> str:
    """A small HTML table (escaped), for ``_repr_html_``."""
    out = ["<table>"]
    if title:
        out.append(f"<caption>{html.escape(title)}</caption>")
    out.append("<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr></thead>")
    out.append("<tbody>")
    for r in rows:
        cells = [f"<th>{html.escape(r[0])}</th>"] + [f"<td>{html.escape(c)}</td>" for c in r[1:]]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)
