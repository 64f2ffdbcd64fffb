"""No data file, template or override is read through a link leading out of its
folder (issue #28, point 3); links that stay inside are followed."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import Cli
from tracker import store
from tracker.errors import DataError, TrackerError
from tracker.wording import labels

SECRET = "TRACKER_SMTP_PASSWORD=hunter2"


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder out of the repository the data folder is in (as /etc or /proc is)."""
    return tmp_path_factory.mktemp("elsewhere")


def secret(folder: Path, text: str = SECRET + "\n") -> Path:
    path = folder / "shadow"
    path.write_text(text, "utf-8")
    return path


def test_a_registry_linked_out_of_the_data_folder_is_refused_unread(
    cli: Cli, filled: Path, tmp_path: Path, outside: Path
) -> None:
    path = filled / "categories.yaml"
    path.unlink()
    path.symlink_to(secret(outside, "categories:\n- code: x\n  name: " + SECRET + "\n  bad: [\n"))
    for lang, words in (("vi", "ra ngoài thư mục dữ liệu"), ("en", "leading out of the data folder")):
        result = cli.result("--lang", lang, "validate")
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "categories.yaml" in result.stdout and words in result.stdout
        assert "hunter2" not in result.output
    with pytest.raises(DataError):
        store.read_bytes(path)


def test_a_commune_file_linked_out_is_a_stray_never_read(cli: Cli, filled: Path, tmp_path: Path, outside: Path) -> None:
    outside = secret(outside).with_name("xa.yaml")
    shutil.copy(filled / "communes" / "thien-nhan.yaml", outside)
    (filled / "communes" / "thien-nhan.yaml").unlink()
    (filled / "communes" / "thien-nhan.yaml").symlink_to(outside)
    assert "TN-1" not in cli("list")
    result = cli.result("validate")
    assert result.exit_code == 1 and "thien-nhan.yaml" in result.stdout and "ra ngoài" in result.stdout
    assert store.header(filled / "communes" / "thien-nhan.yaml") == {}


def test_a_communes_folder_linked_out_is_not_read(cli: Cli, filled: Path, tmp_path: Path, outside: Path) -> None:
    moved = outside / "communes"
    shutil.move(filled / "communes", moved)
    (filled / "communes").symlink_to(moved)
    assert "VA-1" not in cli("list")
    assert cli.result("validate").exit_code == 1


def test_a_link_inside_the_data_folder_is_followed(cli: Cli, filled: Path) -> None:
    real = filled / "departments-real.yaml"
    shutil.move(filled / "departments.yaml", real)
    (filled / "departments.yaml").symlink_to(real.name)
    assert cli("validate").startswith("hợp lệ")


def test_an_override_including_a_link_out_is_refused(cli: Cli, filled: Path, tmp_path: Path, outside: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "leak.j2").symlink_to(secret(outside))
    (tmp_path / "templates" / "report.md.j2").write_text("{% include 'leak.j2' %}\n", "utf-8")
    result = cli.result("report")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "leak.j2" in result.stderr and "hunter2" not in result.output
    (tmp_path / "templates" / "report.md.j2").unlink()
    (tmp_path / "templates" / "report.md.j2").symlink_to(secret(outside))
    result = cli.result("report")
    assert result.exit_code == 1 and "report.md.j2" in result.stderr and "hunter2" not in result.output


def test_a_wording_override_linked_out_is_refused(tmp_path: Path, outside: Path) -> None:
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang" / "vi.j2").symlink_to(secret(outside, '{% set group = "' + SECRET + '" %}\n'))
    with pytest.raises(TrackerError, match=r"vi\.j2"):
        labels("vi", [tmp_path])
    (tmp_path / "lang" / "vi.j2").unlink()
    (tmp_path / "lang" / "base.j2").symlink_to(secret(outside, '{% set group = "' + SECRET + '" %}\n'))
    (tmp_path / "lang" / "vi.j2").write_text("{% from 'lang/base.j2' import group %}\n", "utf-8")
    with pytest.raises(TrackerError, match=r"base\.j2"):
        labels("vi", [tmp_path])


def test_a_templates_folder_linked_out_is_refused(cli: Cli, filled: Path, tmp_path: Path, outside: Path) -> None:
    elsewhere = outside / "t"
    elsewhere.mkdir()
    (elsewhere / "report.md.j2").write_text(SECRET + "\n", "utf-8")
    (tmp_path / "templates").symlink_to(elsewhere)
    result = cli.result("report")
    assert result.exit_code == 1 and "templates" in result.stderr and "hunter2" not in result.output
