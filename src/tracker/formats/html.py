"""HTML: the report as one self-contained page (inline CSS, autoescaped), from the
templates; prints on A4."""

from collections.abc import Iterator
from typing import assert_never

from tracker.formats import templates
from tracker.formats.base import Context, Format, Name
from tracker.reporting import Report
from tracker.results import Digest


class Html(Format[Report | Digest]):
    name = Name.HTML

    def pieces(self, result: Report | Digest, ctx: Context) -> Iterator[str | bytes]:
        if isinstance(result, Report):  # written as it is made, as in Markdown
            yield from templates.pieces("report.html.j2", "html", ctx, {"r": result})
        else:
            yield self.present(result, ctx)

    def present(self, result: Report | Digest, ctx: Context) -> str:
        match result:
            case Report():
                return templates.render("report.html.j2", "html", ctx, {"r": result})
            case Digest():
                return templates.render("remind.html.j2", "html", ctx, {"d": result})
            case _:
                assert_never(result)


FORMAT = Html()
