"""Output formats behind one interface (pip-audit's `_format/interface.py` is the
model). A command computes its result once (results.py, or the report model) and
asks `render(result, name, context)`; each format presents the kinds of result it
knows and nothing of the data files. `COMMANDS` is the one list of which commands
take which formats; a test checks each of those formats presents what the command
produces. Format modules are imported only when used: Jinja2, openpyxl and
python-docx never load for a command that does not need them.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar

from tracker.errors import FieldError, UsageError
from tracker.i18n import tr
from tracker.wording import Labels

MODULES = {
    "table": "tracker.formats.table",
    "json": "tracker.formats.json",
    "csv": "tracker.formats.csv",
    "md": "tracker.formats.md",
    "html": "tracker.formats.html",
    "docx": "tracker.formats.docx",
    "xlsx": "tracker.formats.xlsx",
    "eml": "tracker.formats.eml",
}

# Which formats each command takes, its default first.
COMMANDS: dict[str, tuple[str, ...]] = {
    "list": ("table", "json", "csv"),
    "plan list": ("table", "json", "csv"),
    "show": ("table", "json"),
    "stats": ("table", "json"),
    "report": ("md", "html", "docx"),
    "changes": ("md", "json"),
    "export": ("csv", "xlsx", "json"),
    "remind": ("md", "html", "docx", "eml", "json"),
    "similar": ("table", "json"),
    "clusters": ("table", "json"),
}
# The kind of result each command produces.
PRODUCES = {"list": "listing", "plan list": "listing", "show": "record", "stats": "grid", "report": "report",
            "changes": "changes", "export": "export", "remind": "digest", "similar": "similar",
            "clusters": "clusters"}  # fmt: skip


@dataclass
class Context:
    """What a format may need besides the result: the language and its labels, and
    the template folders (a data repository's own first)."""

    lang: str
    labels: Labels
    templates: list[Path] = field(default_factory=list)


class Format:
    """One output format. A subclass presents a result of kind K with a method K."""

    name: ClassVar[str]
    binary: ClassVar[bool] = False  # bytes, to be written to a file (never to a terminal)
    full_rows: ClassVar[bool] = True  # whether a listing needs whole records

    def supports(self, kind: str) -> bool:
        return callable(getattr(self, kind, None))

    def render(self, result: Any, ctx: Context) -> str | bytes:
        method = getattr(self, result.kind, None)
        if method is None:
            raise UsageError(tr(f"định dạng {self.name} không trình bày được kết quả này",
                                f"the {self.name} format cannot present this result"))  # fmt: skip
        out: str | bytes = method(result, ctx)
        return out

    def stream(self, result: Any, ctx: Context) -> Iterator[str | bytes]:
        """`render`, in pieces where the format makes them as it goes (`listing_pieces`,
        `export_pieces`): a long list is written as it is read."""
        pieces = getattr(self, f"{result.kind}_pieces", None)
        if pieces is None:
            yield self.render(result, ctx)
        else:
            yield from pieces(result, ctx)


def get(name: str) -> Format:
    fmt: Format = import_module(MODULES[name]).FORMAT
    return fmt


def check(command: str, name: str) -> Format:
    """The format `name` for `command`; a FieldError of `format` if it takes no such format."""
    allowed = COMMANDS[command]
    if name not in allowed:
        raise FieldError.one(
            "format", tr(f"chọn một trong {', '.join(allowed)}", f"choose one of {', '.join(allowed)}")
        )
    return get(name)


def render(result: Any, name: str, ctx: Context) -> str | bytes:
    """`result` in the format `name`."""
    return get(name).render(result, ctx)
