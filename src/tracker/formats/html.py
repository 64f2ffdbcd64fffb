"""HTML: the report as one self-contained page (inline CSS, autoescaped), from the
templates; prints on A4."""

from tracker.formats import Context, Format, templates
from tracker.reporting import Report
from tracker.results import Digest


class Html(Format):
    name = "html"

    def report(self, result: Report, ctx: Context) -> str:
        return templates.render("report.html.j2", "html", ctx, {"r": result})

    def digest(self, result: Digest, ctx: Context) -> str:
        return templates.render("remind.html.j2", "html", ctx, {"d": result})


FORMAT = Html()
