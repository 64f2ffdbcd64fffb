"""Markdown: the report and `changes`, from the templates."""

from tracker.formats import Context, Format, templates
from tracker.reporting import Report
from tracker.results import ChangeLog


class Markdown(Format):
    name = "md"

    def report(self, result: Report, ctx: Context) -> str:
        return templates.render("report.md.j2", "md", ctx, {"r": result})

    def changes(self, result: ChangeLog, ctx: Context) -> str:
        return templates.render("changes.md.j2", "md", ctx, {"groups": result.groups, "since": result.since})


FORMAT = Markdown()
