"""What the site takes from the data and from its own folder is not trusted: values
from the data are escaped (issue #28, point 5), no page is written outside the
output folder whatever a code, slug or ID says (point 2), and the manifest in the
folder never makes a build remove or write anything outside it (point 7)."""

import json
import re
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.ops.site.conftest import AS_OF, assert_as_full, build
from tracker.errors import FieldError
from tracker.ops.site import manifest
from tracker.ops.site.folder import Folder

SCRIPT = 'X"><script>alert(1)</script>'
SVG = 'x"><svg onload=alert(3)>'
LINK = re.compile(r'(?:href|src)="([^"]*)"')


def _dept(data: Path, code: str, issue: str = "VA-1") -> None:
    """Department `code` in the registry, and the lead of `issue` (written as a pull request would)."""
    registry = data / "departments.yaml"
    registry.write_text(registry.read_text("utf-8") + f"- code: {json.dumps(code)}\n  name: Sở lạ\n", "utf-8")
    commune = data / "communes" / "van-an.yaml"
    text = commune.read_text("utf-8")
    at = text.index(f"id: {issue}\n")
    head, tail = text[:at], text[at:]
    commune.write_text(head + tail.replace("dept: NNMT", f"dept: {json.dumps(code)}", 1), "utf-8")


def test_codes_and_slugs_that_could_carry_markup_are_refused_before_a_page_is_written(
    cli: Cli, filled: Path, tmp_path: Path
) -> None:
    """A department code `X"><script>…` (and a commune file named with `"<>`) is no
    code: validate names it, and the site writes nothing (#28.2, #28.5)."""
    _dept(filled, SCRIPT)
    out = tmp_path / "site"
    result = cli.result("--data-dir", str(filled), "site", "--output", str(out))
    assert result.exit_code != 0 and "departments.yaml" in result.stderr
    assert not out.exists() or not any(out.rglob("*.html"))
    assert "departments.yaml" in cli.result("--data-dir", str(filled), "validate").stdout


def test_the_renderer_escapes_codes_and_slugs_whatever_reaches_it() -> None:
    """Defence in depth: were such a code or slug ever to reach the renderer, it is text
    in a cell and a quoted address in a link, never markup."""
    from datetime import date

    from tracker.cache import CommuneRow, IssueRow
    from tracker.enums import IssueStatus, Priority
    from tracker.formats.base import Context
    from tracker.formats.site import Site
    from tracker.wording import labels

    commune = CommuneRow(SVG, "99999", "Xã lạ", "xa", "TX")
    row = IssueRow(commune, "TX-1", "Tiêu đề", None, SCRIPT, (SCRIPT,), IssueStatus.OPEN, Priority.NORMAL,
                   date(2025, 9, 1), date(2025, 9, 30), None, None, None, None)  # fmt: skip
    site = Site(Context("vi", labels("vi")), date(2025, 10, 20), lambda: [row], lambda: [], {SCRIPT: "Sở lạ"}, {})
    html = str(site.rows([row], "../", late=True)) + str(site.rows([row], "../"))
    assert "<script>alert" not in html and "<svg onload" not in html
    assert "X&#34;&gt;&lt;script&gt;" in html or "X&quot;&gt;&lt;script&gt;" in html  # the text, escaped
    assert "%22%3E%3Csvg" in html  # the commune's link, URL-quoted


@pytest.mark.parametrize("code", ["../../escaped", "../../../../../../../../tmp/escaped-site-test/x"])
def test_a_department_code_cannot_write_outside_the_folder(cli: Cli, filled: Path, tmp_path: Path, code: str) -> None:
    _dept(filled, code)
    out = tmp_path / "site"
    result = cli.result("--data-dir", str(filled), "site", "--output", str(out), "--as-of", AS_OF)
    assert not (tmp_path / "escaped.html").exists() and not Path("/tmp/escaped-site-test").exists()
    outside = [p for p in tmp_path.rglob("*.html") if not p.is_relative_to(out)]
    assert outside == []
    # refused by the site, or before it when read (a safe character set for codes)
    assert result.exit_code != 0, result.stderr


def test_an_id_prefix_cannot_write_outside_the_folder(cli: Cli, filled: Path, tmp_path: Path) -> None:
    commune = filled / "communes" / "thien-nhan.yaml"
    commune.write_text(commune.read_text("utf-8").replace("TN-1", "../../../pwn-1").replace("prefix: TN",
                       "prefix: ../../../pwn"), "utf-8")  # fmt: skip
    out = tmp_path / "site"
    cli.result("--data-dir", str(filled), "site", "--output", str(out), "--as-of", AS_OF)
    assert [p for p in tmp_path.rglob("*pwn*") if not p.is_relative_to(out)] == []


def test_no_page_name_leaves_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "site"
    (out / "dept").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (out / "issue").symlink_to(tmp_path / "elsewhere")  # a folder of the site that links out
    folder = Folder(out)
    for name in ("../x.html", "dept/../../x.html", "/tmp/x.html", str(tmp_path / "x.html"), "issue/VA-1.html",
                 "dept/..", "dept/"):  # fmt: skip
        with pytest.raises(FieldError):
            folder.put(name, "x")
    folder.put("dept/NNMT.html", "ok")
    folder.put("dept/a/../NNMT-2.html", "ok")  # inside, however spelt
    assert sorted(p.name for p in tmp_path.rglob("*.html")) == ["NNMT-2.html", "NNMT.html"]


@pytest.mark.parametrize("where", ["communes", "lists"])
def test_a_manifest_naming_pages_outside_the_folder_removes_nothing_there(
    cli: Cli, filled: Path, tmp_path: Path, where: str
) -> None:
    out = tmp_path / "site"
    build(cli, filled, out)
    victims = [tmp_path / "victim.html", tmp_path / "data" / "victim.html", tmp_path / "nested" / "victim.html"]
    for victim in victims:
        victim.parent.mkdir(exist_ok=True)
        victim.write_text("keep me", "utf-8")
    data = json.loads((out / manifest.NAME).read_text("utf-8"))
    entry = next(iter(data[where].values()))
    entry["pages"] += [str(victims[0]), "../data/victim.html", "commune/../../nested/victim.html"]
    (out / manifest.NAME).write_text(json.dumps(data), "utf-8")
    assert manifest.read(out) is None  # it does not validate: a full build follows
    assert_as_full(cli, filled, out, tmp_path)
    assert all(v.read_text("utf-8") == "keep me" for v in victims)


@pytest.mark.parametrize(
    "spoil",
    [
        lambda m: m.update(version=1),
        lambda m: m.pop("head"),
        lambda m: m["head"].update(as_of=5),
        lambda m: m.update(communes=[]),
        lambda m: next(iter(m["communes"].values())).update(sha=3),
        lambda m: next(iter(m["communes"].values())).update(extra=1),
        lambda m: next(iter(m["communes"].values())).update(pages="index.html"),
        lambda m: next(iter(m["communes"].values())).update(pages=[".hidden.html"]),
        lambda m: next(iter(m["communes"].values())).update(pages=["a\\..\\..\\x.html"]),
        lambda m: next(iter(m["communes"].values()))["shown"].update(x=["d"]),
        lambda m: next(iter(m["communes"].values())).update(late="VA-1"),
        lambda m: next(iter(m["communes"].values()))["depts"].update(NNMT=[["VA-1"]]),
        lambda m: next(iter(m["communes"].values()))["addresses"].update(x=None),
        lambda m: next(iter(m["communes"].values())).update(pages=["issue/VA-1.html\nindex.html"]),
        lambda m: next(iter(m["communes"].values())).update(pages=[""]),
        lambda m: m["lists"].update({"index": {"pages": [], "shown": {}}}),
        lambda m: m["lists"][":index"]["shown"].update({"other.html": "x"}),
    ],
)
def test_a_manifest_that_does_not_validate_means_a_full_build(cli: Cli, filled: Path, tmp_path: Path, spoil) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    build(cli, filled, out)
    data = json.loads((out / manifest.NAME).read_text("utf-8"))
    assert manifest.parse(data) == manifest.read(out)
    spoil(data)
    with pytest.raises(manifest.Invalid):
        manifest.parse(data)
    (out / manifest.NAME).write_text(json.dumps(data), "utf-8")
    (out / "index.html").write_text("edited by hand", "utf-8")
    assert "dựng lại 2 xã" in build(cli, filled, out)  # every commune: a full build
    assert_as_full(cli, filled, out, tmp_path)


def test_the_manifest_reads_back_as_written(cli: Cli, filled: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(cli, filled, out)
    read = manifest.read(out)
    assert read is not None and manifest.text(read) == (out / manifest.NAME).read_text("utf-8")
    assert read.communes["van-an.yaml"].briefs()["VA-1"].depts == ("NNMT", "TC")
    for raw in (b"", b"\xff", b"[]", b"null", b'{"version": 2}'):
        (out / manifest.NAME).write_bytes(raw)
        assert manifest.read(out) is None
