"""Output formats behind one interface (pip-audit's `_format/interface.py` and the
enum of formats in its `_cli.py` are the model). A command computes its result once
(results.py, or the report model) and asks `render(result, name, context)`.

A format (formats/base.py) is a `Format[P]`, P the union of the result types it
presents: that union is its claim (`kinds`, worked out from it), and its `present`
matches on the result's type and ends in `assert_never`, so mypy proves it handles
every type it claims. `Name` is the enum of formats; `get` finds a format's module by
its name, the module `formats/<name>.py` (a test loads each one). `COMMANDS` is the
one list of which commands take which formats and `PRODUCES` the kind of result each
makes; a test renders each pair.
Format modules are imported only when used: Jinja2, openpyxl and python-docx never
load for a command that does not need them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from tracker.errors import FieldError
from tracker.formats.base import Context, Format, Kind, Name
from tracker.i18n import tr

if TYPE_CHECKING:
    from tracker.formats.base import Result

__all__ = ["COMMANDS", "PRODUCES", "Context", "Format", "Kind", "Name", "check", "get", "render"]


N = Name
# Which formats each command takes, its default first.
COMMANDS: dict[str, tuple[Name, ...]] = {
    "list": (N.TABLE, N.JSON, N.CSV),
    "plan list": (N.TABLE, N.JSON, N.CSV),
    "show": (N.TABLE, N.JSON),
    "stats": (N.TABLE, N.JSON),
    "report": (N.MD, N.HTML, N.DOCX),
    "changes": (N.MD, N.JSON),
    "export": (N.CSV, N.XLSX, N.JSON),
    "remind": (N.MD, N.HTML, N.DOCX, N.EML, N.JSON),
    "similar": (N.TABLE, N.JSON),
    "clusters": (N.TABLE, N.JSON),
}
# The kind of result each command produces (`remind` without --output prints every
# reminder at once, of kind REMINDERS, in the formats that print: md and json).
PRODUCES: dict[str, Kind] = {
    "list": Kind.LISTING, "plan list": Kind.LISTING, "show": Kind.RECORD, "stats": Kind.GRID, "report": Kind.REPORT,
    "changes": Kind.CHANGES, "export": Kind.EXPORT, "remind": Kind.DIGEST, "similar": Kind.SIMILAR,
    "clusters": Kind.CLUSTERS,
}  # fmt: skip


def get(name: str) -> Format[Any]:
    """The format `name` (a `Name`), its module imported now: each format's module is
    named as the format (`formats/<name>.py`) and holds it as `FORMAT`."""
    chosen = Name(name)
    found: Format[Any] = importlib.import_module(f"tracker.formats.{chosen.value}").FORMAT
    if found.name is not chosen:
        raise LookupError(f"tracker.formats.{chosen.value}.FORMAT is the format {found.name}")
    return found


def check(command: str, name: str) -> Format[Any]:
    """The format `name` for `command`; a FieldError of `format` if it takes no such format."""
    allowed = COMMANDS[command]
    if name not in allowed:
        raise FieldError.one(
            "format", tr(f"chọn một trong {', '.join(allowed)}", f"choose one of {', '.join(allowed)}")
        )
    return get(name)


def render(result: Result, name: str, ctx: Context) -> str | bytes:
    """`result` in the format `name`."""
    return get(name).render(result, ctx)
