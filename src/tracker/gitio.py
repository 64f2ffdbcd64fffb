"""The few git calls tracker makes, in one place."""

import getpass
import subprocess
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path


class GitError(Exception):
    """git is missing, or the call failed."""


def run(args: list[str], cwd: Path | None = None) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False)
    except OSError as exc:
        raise GitError(str(exc)) from None
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def git_user(cwd: Path | None = None) -> str:
    """Git's user.name; "" when none is set."""
    try:
        name = run(["config", "user.name"], cwd).strip()
    except GitError:
        name = ""
    return unicodedata.normalize("NFC", name)


def user_name(cwd: Path | None = None) -> str:
    """Who is making a change: git's user.name, else the login name."""
    name = git_user(cwd)
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # getpass raises several kinds when no login name is known
        return "unknown"


def toplevel(cwd: Path) -> Path:
    """The root of the git work tree that holds `cwd`."""
    return Path(run(["rev-parse", "--show-toplevel"], cwd).strip())


def tracked(path: Path) -> bool:
    """Whether git tracks `path` (it is in the index of the work tree that holds it);
    False outside a work tree or without git."""
    try:
        return bool(run(["ls-files", "-z", "--", f":(literal){path.name}"], path.parent))
    except GitError:
        return False


def resolve(rev: str, cwd: Path) -> str:
    """The commit a revision names (a tag, a branch, HEAD~3, a hash)."""
    return run(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd).strip()


def last_before(day: date, cwd: Path, until: str = "HEAD") -> str | None:
    """The last commit before the start of `day` (local time), or None if there is
    none. Given to git as seconds since 1970: git's own date parsing takes dates it
    cannot read (2100-01-01) as no date at all."""
    start = datetime(day.year, day.month, day.day).timestamp()
    out = run(["rev-list", "-1", f"--before=@{int(start)}", until], cwd).strip()
    return out or None


@dataclass(frozen=True)
class Commit:
    sha: str
    parent: str | None
    date: str  # ISO date of authoring
    author: str


def commits(base: str | None, until: str, paths: list[str], cwd: Path) -> list[Commit]:
    """Non-merge commits after `base` up to `until` that touch `paths`, oldest first."""
    span = f"{base}..{until}" if base else until
    out = run(["log", "--reverse", "--no-merges", "--format=%H%x00%P%x00%aI%x00%an", span, "--", *paths], cwd)
    found = []
    for line in out.splitlines():
        sha, parents, when, author = line.split("\x00")
        found.append(Commit(sha, parents.split()[0] if parents else None, when[:10], author))
    return found


def merges(base: str | None, until: str, paths: list[str], cwd: Path) -> list[tuple[str, str, str]]:
    """(merge, first parent, second parent) of the merge commits after `base` up to
    `until` that touch `paths`, oldest first."""
    span = f"{base}..{until}" if base else until
    out = run(["log", "--reverse", "--merges", "--format=%H %P", span, "--", *paths], cwd)
    return [(parts[0], parts[1], parts[2]) for line in out.splitlines() if len(parts := line.split()) >= 3]


def only_in(side: str, other: str, cwd: Path) -> set[str]:
    """The commits reachable from `side` and not from `other`: one side of a merge."""
    return set(run(["rev-list", f"{other}..{side}"], cwd).split())


def changed_between(old: str, new: str, paths: list[str], cwd: Path) -> list[str]:
    out = run(["diff", "-z", "--name-only", "--no-renames", old, new, "--", *paths], cwd)
    return [p for p in out.split("\0") if p]


def changed_paths(commit: Commit, paths: list[str], cwd: Path) -> list[str]:
    """The files under `paths` that `commit` changed against its first parent (with
    `-z`, so that names such as `vạn an.yaml` come as they are, not quoted)."""
    if commit.parent is None:
        out = run(["ls-tree", "-r", "-z", "--name-only", commit.sha, "--", *paths], cwd)
    else:
        out = run(["diff", "-z", "--name-only", "--no-renames", commit.parent, commit.sha, "--", *paths], cwd)
    return [p for p in out.split("\0") if p]


def show(rev: str | None, path: str, cwd: Path) -> bytes | None:
    """A file's bytes at a revision; None when it does not exist there."""
    if rev is None:
        return None
    try:
        result = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise GitError(str(exc)) from None
    return result.stdout if result.returncode == 0 else None


def conflicted(cwd: Path, paths: list[str]) -> list[str]:
    """Files under `paths` that a merge left in conflict."""
    out = run(["diff", "-z", "--name-only", "--diff-filter=U", "--", *paths], cwd)
    return sorted({p for p in out.split("\0") if p})


def has_lfs(cwd: Path) -> bool:
    """Whether `git lfs` is installed (git-lfs on the PATH)."""
    try:
        run(["lfs", "version"], cwd)
    except GitError:
        return False
    return True


def check_attr(name: str, path: str, cwd: Path) -> str:
    """The value git gives attribute `name` for `path` ("unspecified" when none)."""
    out = run(["check-attr", "-z", name, "--", path], cwd)
    parts = out.split("\0")
    return parts[2] if len(parts) > 2 else "unspecified"


def merge_file(ours: Path, base: Path, theirs: Path) -> int:
    """git's own line merge into `ours`, with conflict markers; the number of conflicts."""
    result = subprocess.run(["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", str(ours), str(base),
                             str(theirs)], capture_output=True, check=False)  # fmt: skip
    return result.returncode


def merge_texts(base: bytes, ours: bytes, theirs: bytes) -> tuple[bytes, bool]:
    """git's line merge of three texts: the result, and whether it merged cleanly."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, data in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(folder) / name
            path.write_bytes(data)
            files.append(str(path))
        result = subprocess.run(["git", "merge-file", "-p", *files], capture_output=True, check=False)
    return result.stdout, result.returncode == 0


# ---------------------------------------------------------------- a roll-up's members


def _batch(args: list[str], cwd: Path | None = None, timeout: float = 600) -> str:
    """A git call that never waits for someone to type a password (a CI job has no
    one): credentials come from git's own setup (a credential helper, a CI secret)."""
    import os

    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": "",
           "GIT_SSH_COMMAND": os.environ.get("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")}  # fmt: skip
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                                errors="replace", check=False, env=env, timeout=timeout)  # fmt: skip
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]}: no answer in {int(timeout)} s") from None
    except OSError as exc:
        raise GitError(str(exc)) from None
    if result.returncode != 0:
        raise GitError(result.stderr.strip() or f"git {' '.join(args)} failed")
    return result.stdout


def clone_shallow(url: str, ref: str, dest: Path) -> str:
    """`git clone --depth 1 --branch REF` of `url` into `dest`; the commit checked out."""
    # --no-local: a local path is cloned shallowly too (git copies a local repository whole otherwise)
    _batch(["clone", "-q", "--no-local", "--depth", "1", "--branch", ref, "--single-branch", "--", url, str(dest)])
    return head(dest)


def fetch_shallow(url: str, ref: str, dest: Path) -> str:
    """Bring a shallow clone to what `ref` of `url` is now (the URL may have changed in
    the roll-up's description); its files exactly the commit's. The commit."""
    _batch(["remote", "set-url", "origin", "--", url], dest)
    _batch(["fetch", "-q", "--depth", "1", "origin", "--", ref], dest)
    _batch(["checkout", "-q", "--force", "--detach", "FETCH_HEAD"], dest)
    _batch(["clean", "-q", "-ffdx"], dest)
    return head(dest)


def head(cwd: Path) -> str:
    """The commit checked out in `cwd`."""
    return run(["rev-parse", "--verify", "HEAD^{commit}"], cwd).strip()
