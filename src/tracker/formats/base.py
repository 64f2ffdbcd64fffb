"""The interface every format implements (pip-audit's `_format/interface.py`): the
enum of formats, what a format is given besides the result, and `Format[P]`, a
format presenting the result types P. formats/__init__.py is the registry that
finds a format by its name; the format modules import only this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, cast, get_args, get_origin

from tracker.errors import UsageError
from tracker.i18n import tr
from tracker.kinds import Kind
from tracker.wording import Labels

if TYPE_CHECKING:
    from tracker.reporting import Report
    from tracker.results import ChangeLog, Clusters, Digest, Export, Grid, Listing, RecordView, Reminders, Similar

    # Every result a command hands to a format.
    Result = Listing | RecordView | Grid | Report | ChangeLog | Export | Digest | Reminders | Similar | Clusters

__all__ = ["Context", "Format", "Kind", "Name"]


class Name(StrEnum):
    """The output formats, as `--format` names them."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MD = "md"
    HTML = "html"
    DOCX = "docx"
    XLSX = "xlsx"
    EML = "eml"


@dataclass
class Context:
    """What a format may need besides the result: the language and its labels, and
    the template folders (a data repository's own first)."""

    lang: str
    labels: Labels
    templates: list[Path] = field(default_factory=list)


P = TypeVar("P")  # the results a format presents


class Format(Generic[P]):
    """One output format, presenting the results of the types in P: a subclass is
    `class X(Format[A | B])` and its `present` is a `match` over A and B."""

    name: ClassVar[Name]
    kinds: ClassVar[frozenset[Kind]]  # what it claims: the kinds of the types in P
    binary: ClassVar[bool] = False  # bytes, to be written to a file (never to a terminal)
    full_rows: ClassVar[bool] = True  # whether a listing needs whole records
    # Whether its pieces go to a screen as they are made. A list of a hundred thousand
    # records does (it is never held whole); a document (a report) is made whole first,
    # so that one that fails half way prints nothing. To a file, all go as made: the
    # file is written aside and put in place only when it is whole.
    screen_as_made: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for base in getattr(cls, "__orig_bases__", ()):
            if get_origin(base) is Format:
                (presented,) = get_args(base)
                cls.kinds = frozenset(t.kind for t in get_args(presented) or (presented,))

    def present(self, result: P, ctx: Context) -> str | bytes:
        """`result`, whole."""
        raise NotImplementedError

    def pieces(self, result: P, ctx: Context) -> Iterator[str | bytes]:
        """`result` in pieces, where the format makes them as it goes: a long list is
        written as it is read. Whole, by default."""
        yield self.present(result, ctx)

    def whole(self, result: P, ctx: Context) -> str | bytes:
        """`pieces` joined: for a format whose `present` of a result is its pieces."""
        made = list(self.pieces(result, ctx))
        if made and isinstance(made[0], bytes):
            return b"".join(cast(list[bytes], made))
        return "".join(cast(list[str], made))

    def supports(self, kind: Kind) -> bool:
        return kind in self.kinds

    def accept(self, result: Result) -> P:
        """`result`, if this format claims its kind; a UsageError if not."""
        if not self.supports(result.kind):
            raise UsageError(tr(f"định dạng {self.name} không trình bày được kết quả này",
                                f"the {self.name} format cannot present this result"))  # fmt: skip
        return cast(P, result)

    def render(self, result: Result, ctx: Context) -> str | bytes:
        return self.present(self.accept(result), ctx)

    def stream(self, result: Result, ctx: Context) -> Iterator[str | bytes]:
        """`render`, in pieces (`pieces`)."""
        yield from self.pieces(self.accept(result), ctx)
