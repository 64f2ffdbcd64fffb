"""The `tracker` command line: Typer, one module a group of commands (app.py holds
the root, its options and the error boundary). Each command parses its options,
calls one operation (tracker.ops) and hands the result to a format."""

import os
import sys

from tracker.cli.app import app

# isort: off
# The command modules register on `app` as they are imported: --help lists them in this order.
from tracker.cli import issues, similar, reports, site, followup, exchange, communes, checks, gitcmds, plan
# isort: on

app.add_typer(plan.app, name="plan")
__all__ = [
    "app",
    "checks",
    "communes",
    "exchange",
    "followup",
    "gitcmds",
    "issues",
    "main",
    "reports",
    "similar",
    "site",
]


def main() -> None:
    # A short-lived command makes no garbage cycles worth collecting, but the collector
    # would rescan every parsed object again and again: measured, it makes loading a
    # large data directory super-linear (see docs/performance.md).
    import gc

    gc.disable()
    # tracker uses no Pydantic plugin; looking for them reads every installed
    # package's metadata (about 10 ms of each command's start-up).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app(prog_name="tracker")
    sys.exit(0)
