"""The roll-up's operations called directly: members read in a pool of processes, and
its site laid out by headless Chromium in a phone's 400-px frame and a desktop's.
The members are git repositories on disk holding copies of the repository's data."""

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import REPO, Cli
from tests.ops.site.test_phone import CHROMIUM, _chromium, _wrapper, measure
from tracker.errors import DataError, Problem, UsageError
from tracker.ops import rollup


def _pid(n: int) -> tuple[int, int]:
    if n == -1:
        raise UsageError("âm")
    if n == -2:  # an error whose own arguments are not its message
        raise DataError([Problem("a.yaml", 3, "VA-1", "status", "sai")])
    return n * n, os.getpid()


def test_members_are_read_in_other_processes_in_order_and_one_failure_is_its_own() -> None:
    found = rollup.in_processes(_pid, [(3,), (-1,), (5,), (-2,)], processes=2)
    assert [f[0] for f in found if isinstance(f, tuple)] == [9, 25]
    assert found[1].message == "âm" and "a.yaml:3: VA-1: status: sai" in found[3].message
    assert {f[1] for f in found if isinstance(f, tuple)} - {os.getpid()}  # in the pool, not here
    alone = rollup.in_processes(_pid, [(4,)], processes=2)
    assert alone == [(16, os.getpid())]  # one job: no pool to start


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def country(tmp_path: Path, cli: Cli) -> Path:
    """Three provinces holding the repository's data, one with deadlines passed; the
    first gives its own site; the first two give their names, the third does not."""
    lines = ["members:"]
    for name, code, title in (("nghe-an", "NA", "Nghệ An"), ("ha-tinh", "HT", "Hà Tĩnh"), ("thanh-hoa", "TH", "")):
        work = tmp_path / "members" / name
        shutil.copytree(REPO / "data", work / "data")
        if code == "HT":
            for ident, due in (("VA-1", "2026-03-31"), ("VA-2", "2026-06-30"), ("TN-1", "2026-09-30")):
                cli("--data-dir", str(work / "data"), "update", ident, "--due", due)
        _git("init", "-q", "-b", "main", cwd=work)
        _git("add", "-A", cwd=work)
        _git("commit", "-qm", "dữ liệu", cwd=work)
        lines += [f"- name: {name}", f"  province: {code}", f"  url: '{work}'", "  ref: main"]
        lines += [f"  title: {title}"] if title else []
        if code == "NA":
            lines.append("  site: https://nghe-an.example.org/vuong-mac/")
    root = tmp_path / "national"
    cli("rollup", "init", str(root))
    example = (root / "rollup.yaml").read_text("utf-8")
    (root / "rollup.yaml").write_text("\n".join(lines) + "\n" + example[example.index("ministries:") :], "utf-8")
    return root / "rollup.yaml"


@pytest.mark.skipif(not CHROMIUM and not os.environ.get("CI"), reason="needs Chromium (CI installs it)")
def test_the_site_reads_in_a_400_px_frame_and_on_a_desktop(country: Path, tmp_path: Path) -> None:
    """Nothing runs off a phone's screen (a wide table scrolls in its own box) and a
    title is not one word a line. With UPDATE_SCREENSHOTS=1, the screenshots of
    docs/site/rollup-*.png are made again from this site."""
    states = rollup.fetch(country)
    assert all(s.ok for s in states), [s.reason for s in states]
    from tracker.cli.app import format_context

    out = tmp_path / "site"
    built = rollup.site(country, out, date(2026, 12, 1), format_context(None))
    assert built.pages == 6 and not built.warnings
    # A province is named as people read it where rollup.yaml gives its name, else by
    # its code; an ID in a group is never broken at its hyphen.
    assert "<h1>Hà Tĩnh <small>(HT)</small></h1>" in (out / "province" / "HT.html").read_text("utf-8")
    assert "<h1>Tỉnh TH <small>(thanh-hoa)</small></h1>" in (out / "province" / "TH.html").read_text("utf-8")
    index = (out / "index.html").read_text("utf-8")
    assert '>NA</a> <span class="nw">Nghệ An</span>' in index and '<span class="nw">HT:VA-1</span>' in index
    for name in ("index", "province/HT"):
        phone = measure(tmp_path, out / f"{name}.html", 400)
        assert phone["scroll"] <= 400 and phone["title"] >= 150, (name, phone)
        desk = measure(tmp_path, out / f"{name}.html", 1000)
        assert desk["scroll"] <= 1000, (name, desk)
    for name, width, shot in (("index", 1000, "rollup-index.png"), ("province/HT", 400, "rollup-province-phone.png")):
        made = tmp_path / shot
        _chromium(tmp_path, _wrapper(tmp_path, out / f"{name}.html", width, 1400), f"--screenshot={made}",
                  f"--window-size={max(width + 20, 800)},1400")  # fmt: skip
        assert made.stat().st_size > 10_000
        if os.environ.get("UPDATE_SCREENSHOTS"):
            shutil.copyfile(made, REPO / "docs" / "site" / shot)
