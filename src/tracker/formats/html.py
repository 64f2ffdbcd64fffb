"""HTML: the report as one self-contained page (inline CSS, autoescaped), from the
templates; prints on A4."""

from tracker.formats import Context, Format, templates
from tracker.reporting import Report


class Html(Format):
    name = "html"

    def report(self, result: Report, ctx: Context) -> str:
        return templates.render("report.html.j2", "html", ctx, {"r": result})


FORMAT = Html()
