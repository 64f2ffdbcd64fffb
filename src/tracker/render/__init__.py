"""Presenting a report: Markdown and HTML from Jinja2 templates, behind one function.

Templates live in the top-level `templates/` folder (installed as the package
`tracker.templates`); a data repository overrides any of them with a file of the
same name in a `templates/` folder beside its `data/`.
"""

import re
import traceback
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from tracker.errors import TrackerError
from tracker.i18n import tr
from tracker.labels import date_label
from tracker.reporting import GRID_KEYS, Report

FORMATS = ("md", "html")
_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
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


def long_date(day: date, lang: str) -> str:
    """The date line of a Vietnamese document: "ngày 05 tháng 02 năm 2026"."""
    if lang == "en":
        return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def template_dirs(data_dir: Path | None) -> list[str]:
    packaged = resources.files("tracker.templates")
    dirs = [str(packaged)]
    if data_dir is not None:
        override = data_dir.resolve().parent / "templates"
        if override.is_dir():
            dirs.insert(0, str(override))
    return dirs


def render(report: Report, fmt: str, lang: str, data_dir: Path | None = None) -> str:
    """The report as Markdown or HTML text."""
    return _render(f"report.{fmt}.j2", fmt, lang, data_dir, {"r": report})


def render_changes(groups: list[Any], since: str, fmt: str, lang: str, data_dir: Path | None = None) -> str:
    """`tracker changes` as Markdown."""
    return _render(f"changes.{fmt}.j2", fmt, lang, data_dir, {"groups": groups, "since": since})


def wording(lang: str, data_dir: Path | None = None) -> Any:
    """The labels of `templates/lang/<lang>.j2` (or its override), for formats that
    are not Jinja templates: Word, Excel."""
    return _environment("md", lang, data_dir).get_template(f"lang/{lang}.j2").module


def _environment(fmt: str, lang: str, data_dir: Path | None) -> Any:
    import jinja2

    html = fmt == "html"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dirs(data_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        # Markdown has no autoescape: every value printed passes through md_text.
        finalize=None if html else md_text,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["d"] = date_label
    env.filters["pick"] = lambda mapping, keys: [mapping[k] for k in keys]
    env.filters["long_date"] = lambda day: long_date(day, lang)
    env.globals.update(row=md_row, rule=md_rule, GRID=GRID_KEYS[:-1])
    return env


def _render(name: str, fmt: str, lang: str, data_dir: Path | None, context: dict[str, Any]) -> str:
    import jinja2

    env = _environment(fmt, lang, data_dir)
    try:
        text: str = env.get_template(name).render({**context, "lang": lang})
        return text
    except jinja2.TemplateError as exc:
        # Jinja puts the template's own lines into the traceback: name the last one.
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else str(getattr(exc, "filename", ""))
        raise TrackerError(tr(f"lỗi mẫu báo cáo {where}: {exc}", f"report template error {where}: {exc}")) from None
