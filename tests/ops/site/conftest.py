"""Helpers of the site's tests: build through the command line, read a folder's
pages, and compare a rebuild with a full build into a new folder."""

from pathlib import Path

from tests.conftest import Cli

AS_OF = "2025-11-05"


def build(cli: Cli, data: Path, out: Path, *args: str) -> str:
    result = cli.result("--data-dir", str(data), "site", "--output", str(out), "--as-of", AS_OF, *args)
    assert result.exit_code == 0, result.stderr
    return str(result.stderr)


def pages(out: Path) -> dict[str, bytes]:
    """Every file of the folder but the manifest (its content is the build's own record)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".tracker-site.json"}  # fmt: skip


def full(cli: Cli, data: Path, where: Path, *args: str) -> dict[str, bytes]:
    """What a full build into a new folder gives."""
    n = len(list(where.parent.glob(f"{where.name}*")))
    out = where.parent / f"{where.name}{n}"
    build(cli, data, out, *args)
    return pages(out)


def assert_as_full(cli: Cli, data: Path, out: Path, tmp_path: Path, *args: str) -> None:
    """A rebuild of `out` gives what a full build gives."""
    build(cli, data, out, *args)
    expected = full(cli, data, tmp_path / "full", *args)
    got = pages(out)
    assert set(got) == set(expected), (sorted(set(got) - set(expected)), sorted(set(expected) - set(got)))
    assert [n for n in got if got[n] != expected[n]] == []
