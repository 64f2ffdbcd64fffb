"""init, add-commune, and finding the data directory."""

from pathlib import Path

import yaml

from tests.conftest import Cli


def test_init_creates_registries_and_refuses_to_overwrite(cli: Cli, tmp_path: Path) -> None:
    assert "data" in cli("init")
    depts = yaml.safe_load((tmp_path / "data" / "departments.yaml").read_text("utf-8"))
    codes = [d["code"] for d in depts["departments"]]
    assert codes == ["NV", "TP", "TC", "CT", "NNMT", "XD", "KHCN", "VHTTDL", "GDDT", "YT", "TTR", "VPUB", "NGV", "DTTG"]
    cats = yaml.safe_load((tmp_path / "data" / "categories.yaml").read_text("utf-8"))["categories"]
    assert {"dat-dai", "nhan-su", "tai-chinh", "cntt"} <= {c["code"] for c in cats}
    before = (tmp_path / "data" / "departments.yaml").read_bytes()
    result = cli.result("init")
    assert result.exit_code == 2
    assert "không ghi đè" in result.stderr
    assert (tmp_path / "data" / "departments.yaml").read_bytes() == before


def test_add_commune_matches_without_diacritics(cli: Cli, tmp_path: Path) -> None:
    cli("init")
    assert cli("add-commune", "van an").strip() == str(Path("data/communes/van-an.yaml"))
    text = (tmp_path / "data/communes/van-an.yaml").read_text("utf-8")
    assert text == (
        "# yaml-language-server: $schema=../schemas/commune.schema.json\n"
        "commune:\n  code: '17950'\n  name: Vạn An\n  kind: xa\n  prefix: VA\n\nissues: []\n\naction_plan: []\n"
    )


def test_exact_name_wins_over_a_longer_one(cli: Cli, tmp_path: Path) -> None:
    cli("init")
    cli("add-commune", "Anh Sơn")
    cli("add-commune", "anh son dong")
    first = yaml.safe_load((tmp_path / "data/communes/anh-son.yaml").read_text("utf-8"))["commune"]
    second = yaml.safe_load((tmp_path / "data/communes/anh-son-dong.yaml").read_text("utf-8"))["commune"]
    assert (first["code"], first["name"]) == ("17329", "Anh Sơn")
    assert (second["code"], second["name"], second["prefix"]) == ("17365", "Anh Sơn Đông", "ASD")


def test_unknown_name_needs_a_code(cli: Cli, tmp_path: Path) -> None:
    cli("init")
    result = cli.result("add-commune", "Hà Nội")
    assert result.exit_code == 2
    assert "--code" in result.stderr
    assert "Traceback" not in result.output
    cli("add-commune", "Xã Mới", "--code", "99999", "--prefix", "xm")
    header = yaml.safe_load((tmp_path / "data/communes/moi.yaml").read_text("utf-8"))["commune"]
    assert header == {"code": "99999", "name": "Mới", "kind": "xa", "prefix": "XM"}


def test_same_commune_twice_and_taken_prefix_are_refused(cli: Cli) -> None:
    cli("init")
    cli("add-commune", "Vạn An")
    assert cli.result("add-commune", "van an").exit_code == 2
    assert "VA" in cli.result("add-commune", "Thiên Nhẫn", "--prefix", "VA").stderr


def test_a_prefix_taken_by_initials_gets_a_number(cli: Cli, tmp_path: Path) -> None:
    cli("init")
    cli("add-commune", "Vạn An")
    cli("add-commune", "Văn Hiến")
    header = yaml.safe_load((tmp_path / "data/communes/van-hien.yaml").read_text("utf-8"))["commune"]
    assert header["prefix"] == "VH"
    cli("add-commune", "Vân Du")
    header = yaml.safe_load((tmp_path / "data/communes/van-du.yaml").read_text("utf-8"))["commune"]
    assert header["prefix"] == "VD"


def test_data_dir_is_found_from_a_subfolder_and_can_be_overridden(
    cli: Cli, data: Path, tmp_path: Path, tmp_path_factory, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    sub = tmp_path / "notes" / "deep"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert "VA-1" in cli("add-issue", "--commune", "van-an", "--dept", "TC", "--title", "x")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    assert cli.result("list").exit_code == 2
    assert "VA-1" in cli("--data-dir", str(data), "list")
    monkeypatch.setenv("TRACKER_DATA_DIR", str(data))
    assert "VA-1" in cli("list")


def test_messages_in_english_on_request(cli: Cli, data: Path) -> None:
    result = cli.result("--lang", "en", "show", "VA-99")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: no record 'VA-99'"
    assert cli.result("show", "VA-99").stderr.strip() == "lỗi: không có mục 'VA-99'"


def test_version(cli: Cli) -> None:
    from tracker import __version__

    assert cli("--version") == f"tracker {__version__}\n"


def test_a_near_miss_of_an_official_name_is_answered_with_the_closest(cli: Cli, data: Path) -> None:
    """#33.6: "Thiên Nhẫm" is not a new commune to add: "có phải Thiên Nhẫn?"."""
    said = cli.result("add-commune", "Thiên Nhẫm")
    assert said.exit_code == 2 and "có phải Thiên Nhẫn?" in said.stderr and "mã 5 chữ số" not in said.stderr
    assert not (data / "communes" / "thien-nham.yaml").exists()
    far = cli.result("add-commune", "Xã Mới Lạ Hoàn Toàn")
    assert far.exit_code == 2 and "mã 5 chữ số" in far.stderr  # close to nothing: a new one needs its code
