"""The files other tools read: pre-commit hooks, CI samples, JSON Schemas."""

import json
from pathlib import Path

import yaml

from tests.conftest import REAL_DATA, REPO, Cli
from tracker.schema import MODELS


def test_pre_commit_hooks_run_real_commands() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {h["id"]: h["entry"] for h in hooks} == {"tracker-validate": "tracker validate",
                                                     "tracker-fmt": "tracker fmt --check"}  # fmt: skip
    assert all(h["language"] == "python" and h["pass_filenames"] is False for h in hooks)


def test_ci_samples_validate_and_attach_the_report() -> None:
    for name in ("github-actions.yml", "gitlab-ci.yml"):
        text = (REPO / "docs" / "ci" / name).read_text("utf-8")
        yaml.safe_load(text)
        for step in ("tracker validate", "tracker fmt --check", "tracker report --format html --output bao-cao.html"):
            assert step in text, (name, step)


def test_schemas_are_current_and_accept_the_real_data(cli: Cli) -> None:
    for name in MODELS:
        stored = json.loads((REAL_DATA / "schemas" / f"{name}.schema.json").read_text("utf-8"))
        assert stored == json.loads(cli("schema", name))
    commune = json.loads(cli("schema", "commune"))
    assert commune["additionalProperties"] is False
    issue = commune["$defs"]["Issue"]
    assert issue["additionalProperties"] is False and "stauts" not in issue["properties"]
    assert set(issue["properties"]["status"]["$ref"].split("/")[-1:]) == {"IssueStatus"}
    first_line = (REAL_DATA / "communes" / "van-an.yaml").read_text("utf-8").split("\n", 1)[0]
    assert first_line == "# yaml-language-server: $schema=../schemas/commune.schema.json"


def test_schema_write_and_fmt_check_notice_a_stale_schema(cli: Cli, data: Path) -> None:
    stale = data / "schemas" / "commune.schema.json"
    stale.write_text("{}\n", "utf-8")
    assert cli.result("fmt", "--check").stdout.strip() == "data/schemas/commune.schema.json"
    assert cli("schema", "--write").strip() == "data/schemas/commune.schema.json"
    assert cli("fmt", "--check") == ""
    assert cli.result("schema", "nope").exit_code == 2
