"""Markdown: the report and `changes`, from the templates."""

from collections.abc import Iterator
from typing import assert_never

from tracker.formats import templates
from tracker.formats.base import Context, Format, Name
from tracker.reporting import Report
from tracker.results import ChangeLog, Digest, Reminders


class Markdown(Format[Report | ChangeLog | Digest | Reminders]):
    name = Name.MD

    def pieces(self, result: Report | ChangeLog | Digest | Reminders, ctx: Context) -> Iterator[str | bytes]:
        if isinstance(result, Report):  # the longest by far: written as it is made
            yield from templates.pieces("report.md.j2", "md", ctx, {"r": result})
        else:
            yield self.present(result, ctx)

    def present(self, result: Report | ChangeLog | Digest | Reminders, ctx: Context) -> str:
        match result:
            case Report():
                return templates.render("report.md.j2", "md", ctx, {"r": result})
            case ChangeLog():
                return templates.render("changes.md.j2", "md", ctx, {"groups": result.groups, "since": result.since})
            case Digest():
                return templates.render("remind.md.j2", "md", ctx, {"d": result})
            case Reminders():  # every reminder, one after another (what `remind` prints without --output)
                return "\n---\n\n".join(self.present(d, ctx) for d in result.digests)
            case _:
                assert_never(result)


FORMAT = Markdown()
