"""Git workflow commands: resolve, setup-git, merge-driver."""

import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.app import app, command, workspace
from tracker.i18n import counted, tr


@command(app, "resolve")
def resolve(ctx: typer.Context) -> None:
    """After a git merge stopped on commune files: merge them record by record
    (an ID both sides added is renumbered on their side). Then `git add` and commit.

    \b
    Example: tracker resolve
    """
    from tracker import store
    from tracker.ops import gitflow

    done, settled = gitflow.resolve(workspace(ctx))
    for path in settled:
        typer.echo(tr(f"{store.display(path)}: đã hết dấu xung đột, không sửa lại; chạy `git add`",
                      f"{store.display(path)}: no conflict markers left, not merged again; run `git add`"))  # fmt: skip
    if not done and not settled:
        typer.echo(tr("không có tệp xã nào đang xung đột", "no commune file is in conflict"))
    for path, renumbered in done:
        moves = ", ".join(f"{old} → {new}" for old, new in renumbered)
        typer.echo(store.display(path) + (f" ({moves})" if moves else ""))


@command(app, "setup-git")
def setup_git(ctx: typer.Context) -> None:
    """Make local `git merge` and `git pull` merge commune files record by record
    (a merge driver; the merge buttons of GitHub and GitLab do not use it).

    \b
    Example: tracker setup-git
    """
    from tracker import store
    from tracker.ops import gitflow

    driver = f"{shlex.quote(sys.executable)} -m tracker"
    done = gitflow.setup_git(workspace(ctx), driver)
    typer.echo(tr(f"đã cấu hình trình gộp; {store.display(done.attributes)} đã cập nhật",
                  f"merge driver configured; {store.display(done.attributes)} updated"))  # fmt: skip
    if done.lfs:
        typer.echo(tr(f"bản quét trong {store.FILES}/ lưu bằng git LFS", f"scans in {store.FILES}/ go to git LFS"))
        if done.in_git:  # the attribute moves a scan only when it is added again
            many, fix = (
                counted(len(done.in_git), "bản quét", "scan"),
                f"git add --renormalize {shlex.quote(done.files)}",
            )
            typer.echo(tr(f"{many} đã commit từ trước vẫn nằm thẳng trong git, chưa vào LFS: chạy `{fix}` "
                          "(ở thư mục gốc của kho) rồi commit",
                          f"{many} committed before, still in git itself and not in LFS: run `{fix}` "
                          "(at the repository's top folder), then commit"), err=True)  # fmt: skip
    else:
        typer.echo(tr(f"chưa cài git lfs: bản quét trong {store.FILES}/ lưu thẳng trong git; cài git-lfs rồi chạy lại",
                      f"git lfs is not installed: scans in {store.FILES}/ stay in git itself; install git-lfs, run "
                      "this again"), err=True)  # fmt: skip


@command(app, "merge-driver")
def merge_driver(
    base: Annotated[Path, typer.Argument(help="%O: the common ancestor's version.")],
    ours: Annotated[Path, typer.Argument(help="%A: our version; the result is written here.")],
    theirs: Annotated[Path, typer.Argument(help="%B: their version.")],
    name: Annotated[str, typer.Argument(help="%P: the file's path, for messages.")] = "",
) -> None:
    """Git calls this (set up by `tracker setup-git`) to merge one commune file.

    \b
    Example: tracker merge-driver %O %A %B %P
    """
    from tracker.ops import gitflow

    if not gitflow.merge_driver(base, ours, theirs, name or str(ours)):
        raise typer.Exit(1)
