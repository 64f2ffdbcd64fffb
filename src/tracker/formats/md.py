"""Markdown: the report and `changes`, from the templates."""

from tracker.formats import Context, Format, templates
from tracker.reporting import Report
from tracker.results import ChangeLog, Digest, Reminders


class Markdown(Format):
    name = "md"

    def report(self, result: Report, ctx: Context) -> str:
        return templates.render("report.md.j2", "md", ctx, {"r": result})

    def changes(self, result: ChangeLog, ctx: Context) -> str:
        return templates.render("changes.md.j2", "md", ctx, {"groups": result.groups, "since": result.since})

    def digest(self, result: Digest, ctx: Context) -> str:
        return templates.render("remind.md.j2", "md", ctx, {"d": result})

    def reminders(self, result: Reminders, ctx: Context) -> str:
        """Every reminder, one after another (what `remind` prints without --output)."""
        return "\n---\n\n".join(self.digest(d, ctx) for d in result.digests)


FORMAT = Markdown()
