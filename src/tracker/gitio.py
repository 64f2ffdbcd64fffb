"""The few git calls tracker makes, in one place."""

import getpass
import subprocess
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


def user_name(cwd: Path | None = None) -> str:
    """Who is making a change: git's user.name, else the login name."""
    try:
        name = run(["config", "user.name"], cwd).strip()
    except GitError:
        name = ""
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # getpass raises several kinds when no login name is known
        return "unknown"
