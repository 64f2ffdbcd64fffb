"""Markdown written safely: text that stays text in a table cell, rows and rules.
Used by the report's templates (formats/templates.py) and its long tables
(formats/rows.py), which thus need not import each other."""

import re
from typing import Any

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def md_text(value: object) -> str:
    """Text that stays text in Markdown: no table cell split by `|`, no heading from
    `#`, no HTML from `<script>`, line breaks kept inside the cell."""
    if value is None:
        return ""
    if hasattr(value, "__html__"):  # output of a macro marked `| safe`: already Markdown
        return str(value)
    if not isinstance(value, str):
        return str(value)
    if "\n" not in value and not _MD_SPECIAL.search(value):
        return value.strip()
    escaped = _MD_SPECIAL.sub(r"\\\1", value.replace("\r\n", "\n"))
    return "<br>".join(line.strip() for line in escaped.split("\n"))


def md_row(*cells: object, strong: bool = False) -> Any:
    """One Markdown table row, every cell escaped; bold with `strong`."""
    from markupsafe import Markup

    texts = [md_text(c) for c in cells]
    if strong:
        texts = [f"**{t}**" if t else t for t in texts]
    return Markup("| " + " | ".join(texts) + " |")


def md_rule(align: str) -> Any:
    """The line under a table's head: `align` has one letter a column, l or r."""
    from markupsafe import Markup

    return Markup("|" + "|".join("--:" if a == "r" else "---" for a in align) + "|")
