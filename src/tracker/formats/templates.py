"""Jinja2 templates for the Markdown and HTML formats, rendered in Jinja's sandbox.

Templates live in the top-level `templates/` folder (installed as the package
`tracker.templates`); a data repository overrides any of them with a file of the
same name in a `templates/` folder beside its `data/`. Such a file comes with a
pull request like any other, so it is rendered in the sandbox: it can lay out and
word a report, never run code (`cycler.__init__.__globals__` is refused).
"""

import contextlib
import os
import traceback
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from tracker import confined
from tracker.confined import escapes, loader, refused_link
from tracker.dates import MONTHS_EN
from tracker.errors import TrackerError
from tracker.formats.base import Context
from tracker.formats.markdown import md_row, md_rule, md_text
from tracker.i18n import tr
from tracker.rules import GRID
from tracker.text import one_line
from tracker.wording import date_label, fill


def long_date(day: date, lang: str) -> str:
    """The date line of a Vietnamese document: "ngày 05 tháng 02 năm 2026"."""
    if lang == "en":
        return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def plain_text(value: object) -> str:
    """A value in a plain-text letter: on one line (text.one_line), nothing escaped."""
    if value is None:
        return ""
    return one_line(value) if isinstance(value, str) else str(value)


def override_dirs(data_dir: Path | None) -> list[Path]:
    """The `templates/` folder beside a data folder, when there is one."""
    if data_dir is None:
        return []
    top = data_dir.resolve().parent
    folder = top / "templates"
    if os.path.lexists(folder) and escapes(folder, top):  # a link elsewhere: none of it is read
        raise refused_link(folder, top)
    return [folder] if folder.is_dir() else []


def environment(fmt: str, ctx: Context) -> Any:
    import jinja2

    html = fmt == "html"
    dirs = [str(d) for d in ctx.templates] + [str(resources.files("tracker.templates"))]
    # The packaged templates are tracker's own code; a data repository's may come from
    # anyone who opens a pull request. With such a folder, everything renders in the
    # sandbox (which costs a third more time on a national report).
    kind = confined.sandbox if ctx.templates else jinja2.Environment
    env = kind(
        loader=loader(dirs),  # no template read through a link leading out of its folder
        undefined=jinja2.StrictUndefined,
        autoescape=html,
        # Markdown has no autoescape: every value printed passes through md_text; plain
        # text ("txt", an e-mail's text part) through plain_text.
        finalize=None if html else plain_text if fmt == "txt" else md_text,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_compiled(f"{fmt}-{'ImmutableSandboxedEnvironment' if ctx.templates else 'Environment'}"),
    )
    env.filters["d"] = lambda value: date_label(value, ctx.lang)
    env.filters["pick"] = lambda mapping, keys: [mapping[k] for k in keys]
    env.filters["long_date"] = lambda day: long_date(day, ctx.lang)
    env.filters["fill"] = lambda text, **values: fill(text, **values)
    env.globals.update(row=md_row, rule=md_rule, GRID=GRID, L=ctx.labels, lang=ctx.lang)
    from tracker.formats import rows  # the report's long tables: only when a template renders

    env.globals.update(rows.writers(fmt, ctx))
    from tracker.formats import parts

    env.globals["report_parts"] = lambda report: parts.of(report, ctx.labels)
    return env


def _compiled(kind: str) -> Any:
    """Where compiled templates are kept between runs, beside the cache (compiling a
    report's takes more time than a province's report takes to write); Jinja compiles a
    template again when its source changes. Compiled templates are code, as Python's
    own `__pycache__` is: they are kept only in a folder no one else can write to, and
    never with TRACKER_NO_CACHE. None: compiled each time."""
    import jinja2

    from tracker.cache.db import cache_dir, disabled

    class Kept(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket: Any) -> None:
            with contextlib.suppress(OSError):  # a folder one may not write in: compiled again next time
                super().dump_bytecode(bucket)

    if disabled():
        return None
    folder = cache_dir() / f"templates-{jinja2.__version__}-{kind}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not private(folder):
            return None
    except OSError:
        return None
    return Kept(str(folder))


def private(folder: Path) -> bool:
    """Whether only this user can write in `folder` (on Windows, the user's own
    application data is)."""
    if os.name != "posix":  # pragma: no cover
        return True
    st = folder.stat()  # through a link: a folder someone else made is theirs
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


def render(name: str, fmt: str, ctx: Context, values: dict[str, Any]) -> str:
    """Template `name` rendered with `values`; a mistake in it names its file and line."""
    return "".join(pieces(name, fmt, ctx, values))


def pieces(name: str, fmt: str, ctx: Context, values: dict[str, Any]) -> Iterator[str]:
    """`render`, in the pieces the template writes, each as soon as it is made (a
    national report is 24 MB: it need not be held whole as well). A data repository's
    own template is rendered whole first, bounded in time and size."""
    import jinja2

    env = environment(fmt, ctx)
    template = None
    try:
        if not ctx.templates:  # tracker's own templates only
            yield from env.get_template(name).generate(values)
            return
        with confined.Deadline(confined.TEMPLATE_SECONDS):  # a data repository's: bounded
            template = env.get_template(name)
            whole = confined.bounded_render(template, values)
        yield whole
    except confined.TEMPLATE_FAULTS as exc:
        why = str(exc) or type(exc).__name__
        where = getattr(template, "filename", None) or name
        raise TrackerError(tr(f"lỗi mẫu báo cáo {where}: {why}", f"report template error {where}: {why}")) from None
    except jinja2.TemplateError as exc:
        # Jinja puts the template's own lines into the traceback: name the last one.
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else str(getattr(exc, "filename", ""))
        raise TrackerError(tr(f"lỗi mẫu báo cáo {where}: {exc}", f"report template error {where}: {exc}")) from None
