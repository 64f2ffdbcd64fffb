"""The `tracker` command line: Typer, one module a group of commands (app.py holds
the root, its options and the error boundary). Each command parses its options,
calls one operation (tracker.ops) and hands the result to a format."""

import os
import sys
from typing import NoReturn

import typer

from tracker.cli.app import app, command_at

# isort: off
# The command modules register on `app` as they are imported: --help lists them in this order.
from tracker.cli import issues, deadlines, similar, reports, site, followup, forms, exchange, communes, checks
from tracker.cli import gitcmds, plan, rollup
# isort: on

app.add_typer(plan.app, name="plan")
app.add_typer(rollup.app, name="rollup")
__all__ = [
    "app",
    "checks",
    "communes",
    "deadlines",
    "exchange",
    "followup",
    "forms",
    "gitcmds",
    "issues",
    "main",
    "narrowed",
    "reports",
    "rollup",
    "similar",
    "site",
]


def narrowed(args: list[str]) -> typer.Typer:
    """The app with only the command (or group) that `args` name, when they name one:
    Typer lays out every command's options before it parses a line, which for
    tracker's 37 commands took 14-17 ms of each command's start-up. Anything else (no
    command, a name that is none, the root's --help) gets the whole app, so that help
    lists every command and a mistyped name is told the closest ones."""
    import copy

    at = command_at(args)
    if at is None or {"-h", "--help"} & set(args[:at]):  # `tracker --help report`: the root's help
        return app
    name = args[at]
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    one = copy.copy(app)
    one.registered_commands, one.registered_groups = commands, groups
    return one


def main() -> None:
    # A short-lived command makes no garbage cycles worth collecting, but the collector
    # would rescan every parsed object again and again: measured, it makes loading a
    # large data directory super-linear (see docs/performance.md).
    import gc

    gc.disable()
    # tracker uses no Pydantic plugin; looking for them reads every installed
    # package's metadata (about 10 ms of each command's start-up).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    exchange.read_ahead_of(sys.argv[1:])
    try:
        narrowed(sys.argv[1:])(prog_name="tracker")
    except SystemExit as done:
        leave(done.code)
    leave(0)


def leave(code: str | int | None) -> NoReturn:
    """End the process as `sys.exit(code)` would, without freeing every object one by
    one first: after a national report that teardown alone took 0.3 s of 2.2. What
    must happen still happens: the `atexit` functions run and the output is flushed.
    Another thread still running (none of tracker's), or a profiler or a coverage tool
    watching, which write what they found as the interpreter ends: the ordinary exit."""
    import atexit
    import threading

    if threading.active_count() > 1 or sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # as Python does with sys.exit("message")
        print(code, file=sys.stderr)
        status = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`tracker list | head`), a closed stream
            status = status or 1
    os._exit(status)
