"""The static site command: site."""

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import AsOf, app, as_of_day, choose_lang, command, format_context, workspace
from tracker.i18n import tr


@command(app, "site", reads=True)
def site(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--output", "-o", help="The folder to write the site into.")],
    as_of_: AsOf = None,
    since: Annotated[str | None, typer.Option(help="Add a page of what changed since this revision (git).")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="vi (default) or en.", metavar="<vi|en>")] = None,
) -> None:
    """A static site for readers without git: an overview with charts, a page a
    department, commune, issue and plan item, the overdue items; only the pages
    that changed are written again.

    \b
    Example: tracker site --output site/
    """
    from tracker.ops import site as pages

    choose_lang(lang)
    ws = workspace(ctx)
    built = pages.build(ws, out, as_of_day(as_of_), format_context(ws), since)
    for problem in built.left_out:
        typer.echo(tr(f"cảnh báo: không đưa bản quét lên trang: {problem}",
                      f"warning: a scan left out of the site: {problem}"), err=True)  # fmt: skip
    typer.echo(tr(f"{out}: {built.pages} trang, ghi {built.written}, dựng lại {built.rendered} xã",
                  f"{out}: {built.pages} pages, {built.written} written, {built.rendered} communes rebuilt"),
               err=True)  # fmt: skip
