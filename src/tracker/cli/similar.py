"""The same obstacle in many communes: similar, clusters, link, unlink."""

from typing import TYPE_CHECKING, Annotated

import typer

from tracker import ids
from tracker.cli.app import app, command, emit, workspace
from tracker.i18n import tr

if TYPE_CHECKING:
    from tracker.results import Match


@command(app, "similar", reads=True)
def similar(
    ctx: typer.Context,
    ident: Annotated[str | None, typer.Argument(metavar="ID", help="The issue to compare with the others.")] = None,
    text: Annotated[str | None, typer.Option("--text", help="Compare this text instead of an issue.")] = None,
    limit: Annotated[int, typer.Option(help="How many to show.", min=1)] = 10,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """The issues of every commune most like one issue, or like a text: the same
    obstacle written differently. Scores are in [0, 1].

    \b
    Example: tracker similar VA-3
    Example: tracker similar --text "thiếu công chức địa chính" --format json
    """
    from tracker import formats
    from tracker.ops import similar as ops

    formats.check("similar", fmt)
    ws = workspace(ctx)
    emit(ws, ops.similar(ws, ident, text, limit), fmt)


@command(app, "clusters", reads=True)
def clusters(
    ctx: typer.Context,
    dept: Annotated[str | None, typer.Option(help="Only clusters where this department leads an issue.")] = None,
    min_communes: Annotated[int, typer.Option(help="Only clusters spanning this many communes.", min=1)] = 2,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Groups of issues that are one obstacle across communes, largest first: found
    alike, or linked with `tracker link`. A group whose issues have different lead
    departments is marked: a question for the secretariat.

    \b
    Example: tracker clusters --dept NNMT --min-communes 3
    """
    from tracker import formats
    from tracker.ops import similar as ops

    formats.check("clusters", fmt)
    ws = workspace(ctx)
    emit(ws, ops.clusters(ws, dept, min_communes), fmt)


@command(app, "link")
def link(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(metavar="ID", help="An issue.")],
    second: Annotated[str, typer.Argument(metavar="OTHER", help="An issue that is the same obstacle.")],
    not_same: Annotated[
        bool, typer.Option("--not-same", help="They are not the same obstacle: never group them (not_same_as).")
    ] = False,
    by: Annotated[str | None, typer.Option(help="Who makes the change (default: git user.name).")] = None,
) -> None:
    """Record that two issues are the same obstacle (same_as, written in both), so
    that the report lists them once, as a common obstacle; with --not-same, that
    they are not, though found alike (not_same_as): no grouping puts them together.

    \b
    Example: tracker link VA-3 TN-3
    Example: tracker link VA-2 VA-3 --not-same
    """
    _links(ctx, first, second, by, add=True, not_same=not_same)


@command(app, "unlink")
def unlink(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(metavar="ID", help="An issue.")],
    second: Annotated[str, typer.Argument(metavar="OTHER", help="The issue it is linked to.")],
    not_same: Annotated[bool, typer.Option("--not-same", help="Take out a not_same_as instead.")] = False,
    by: Annotated[str | None, typer.Option(help="Who makes the change (default: git user.name).")] = None,
) -> None:
    """Take out the link between two issues (from both); with --not-same, that they
    are kept apart.

    \b
    Example: tracker unlink VA-3 TN-3
    Example: tracker unlink VA-2 VA-3 --not-same
    """
    _links(ctx, first, second, by, add=False, not_same=not_same)


def _links(ctx: typer.Context, first: str, second: str, by: str | None, add: bool, not_same: bool = False) -> None:
    from tracker.ops import links

    ws = workspace(ctx)
    a, b = ids.normalise(first), ids.normalise(second)
    if (links.link if add else links.unlink)(ws, first, second, by, not_same):
        if not_same:
            said = tr(f"đã ghi {a} và {b} không cùng vướng mắc", f"{a} and {b} are kept apart") if add else tr(
                f"đã bỏ ghi {a} và {b} không cùng vướng mắc", f"{a} and {b} are no longer kept apart")  # fmt: skip
            typer.echo(said)
            return
        said = tr(f"đã liên kết {a} và {b}", f"linked {a} and {b}") if add else tr(
            f"đã bỏ liên kết {a} và {b}", f"unlinked {a} and {b}")  # fmt: skip
    elif add:
        said = tr(f"{a} và {b} đã liên kết từ trước", f"{a} and {b} were linked already")
    else:
        said = tr(f"{a} và {b} không liên kết với nhau", f"{a} and {b} are not linked")
    typer.echo(said)


def say_hints(found: "list[Match]", prefix: str = "") -> None:
    """The hint of add-issue and import --dry-run, on stderr: what a new issue looks like."""
    if found:
        lines = [f"  {m.id} ({m.commune.name}, {m.score:.2f}): {m.title}" for m in found]
        typer.echo("\n".join([prefix + tr("Có thể trùng với:", "Possibly the same as:"), *lines]), err=True)
