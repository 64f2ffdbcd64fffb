"""The files other tools read: pre-commit hooks, CI samples, JSON Schemas."""

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, Cli
from tracker.schema import DATA_SCHEMAS


def test_pre_commit_hooks_run_real_commands() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert {h["id"]: h["entry"] for h in hooks} == {"tracker-validate": "tracker validate",
                                                     "tracker-fmt": "tracker fmt --check"}  # fmt: skip
    assert all(h["language"] == "python" and h["pass_filenames"] is False for h in hooks)
    # A commit that deletes data/departments.yaml or adds data/communes/notes.txt is checked too.
    assert all(h.get("always_run") is True and "files" not in h for h in hooks)


def test_the_rollup_ci_samples_keep_tokens_as_secrets() -> None:
    """The roll-up's jobs fetch, count and report; a token is a CI secret git is given,
    never written in a URL."""
    github = (REPO / "docs" / "ci" / "github-rollup.yml").read_text("utf-8")
    gitlab = yaml.safe_load((REPO / "docs" / "ci" / "gitlab-ci.yml").read_text("utf-8"))["tracker-rollup"]
    assert "schedule" in yaml.safe_load(github)[True]  # YAML 1.1 reads `on:` as true
    assert any(r["if"] == '$CI_PIPELINE_SOURCE == "schedule"' for r in gitlab["rules"])
    steps = " ".join(gitlab["script"])
    for text in (github, steps):
        for step in ("tracker rollup fetch", "tracker rollup stats --format json", "tracker rollup report",
                     "tracker rollup clusters", "tracker rollup site --output"):  # fmt: skip
            assert step in text, step
    assert "actions/deploy-pages" in github and "pages: write" in github  # the site published
    assert gitlab["pages"] is True and "tracker rollup site --output public/" in steps
    assert "${{ secrets.NGHE_AN_TOKEN }}" in github and "credential." in github
    assert "credential." in " ".join(gitlab["before_script"])
    assert "@github.com" not in github and "token@" not in github


def test_ci_samples_validate_and_attach_the_report() -> None:
    import re
    import subprocess

    for name in ("github-actions.yml", "gitlab-ci.yml"):
        text = (REPO / "docs" / "ci" / name).read_text("utf-8")
        yaml.safe_load(text)
        refs = re.findall(r"^\s+TRACKER_REF: (\S+)$", text, re.M)
        assert refs, name
        for ref in refs:  # the branch the project publishes; a clone need not have it (CI checks out one commit)
            assert ref == "main", (name, ref)
            subprocess.run(["git", "check-ref-format", "--branch", ref], check=True, capture_output=True)
        for step in ("tracker validate", "tracker fmt --check", "tracker report --format html --output bao-cao.html"):
            assert step in text, (name, step)


def test_schemas_written_are_current_and_name_the_data_folders_codes(cli: Cli, data: Path) -> None:
    """What `init` writes is what `schema` prints (data/'s own are checked by `fmt --check`
    in the test that checks data/)."""
    for name in DATA_SCHEMAS:  # rollup.yaml's is a roll-up's, not a data folder's (tests/cli/test_rollup.py)
        stored = json.loads((data / "schemas" / f"{name}.schema.json").read_text("utf-8"))
        assert stored == json.loads(cli("schema", name))
    commune = json.loads(cli("schema", "commune"))
    assert commune["additionalProperties"] is False
    issue = commune["$defs"]["Issue"]
    assert issue["additionalProperties"] is False and "stauts" not in issue["properties"]
    assert set(issue["properties"]["status"]["$ref"].split("/")[-1:]) == {"IssueStatus"}
    first_line = (data / "communes" / "van-an.yaml").read_text("utf-8").split("\n", 1)[0]
    assert first_line == "# yaml-language-server: $schema=../schemas/commune.schema.json"


def test_schema_write_and_fmt_check_notice_a_stale_schema(cli: Cli, data: Path) -> None:
    stale = data / "schemas" / "commune.schema.json"
    stale.write_text("{}\n", "utf-8")
    assert cli.result("fmt", "--check").stdout.strip() == "data/schemas/commune.schema.json"
    assert cli("schema", "--write").strip() == "data/schemas/commune.schema.json"
    assert cli("fmt", "--check") == ""
    assert cli.result("schema", "nope").exit_code == 2


# How a YAML 1.2 editor (VS Code's YAML extension) reads each line, and whether
# `tracker validate` accepts the same line: the schema must say the same.
AGREE = [
    ("due: '2025-12-31'", {"due": "2025-12-31"}, True),
    ("due: 31/12/2025", {"due": "31/12/2025"}, True),
    ("due: 2025-02-30", {"due": "2025-02-30"}, False),
    ("title: on", {"title": "on"}, False),
    ("dept: SO-LA", {"dept": "SO-LA"}, False),
    ("category: dat-dai", {"category": "dat-dai"}, True),
    ("category: dat dai", {"category": "dat dai"}, False),
]


@pytest.mark.parametrize(("line", "fields", "valid"), AGREE, ids=[a[0] for a in AGREE])
def test_the_schema_and_validate_agree(cli: Cli, data: Path, line: str, fields: dict[str, str], valid: bool) -> None:
    import jsonschema

    record = {"id": "VA-1", "title": "Chậm cấp GCNQSD đất", "dept": "NNMT", **fields}
    instance = {"commune": {"code": "17950", "name": "Vạn An", "kind": "xa", "prefix": "VA"}, "issues": [record]}
    schema = json.loads((data / "schemas" / "commune.schema.json").read_text("utf-8"))
    checker = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    assert checker.is_valid(instance) is valid, list(checker.iter_errors(instance))
    key = line.split(":")[0]
    text = (data / "communes" / "van-an.yaml").read_text("utf-8").replace("issues: []\n", "")
    body = "\n".join(f"  {k}: {v}" for k, v in record.items() if k not in ("id", key))
    (data / "communes" / "van-an.yaml").write_text(text + f"issues:\n- id: VA-1\n{body}\n  {line}\n", "utf-8")
    assert (cli.result("validate").exit_code == 0) is valid


def test_the_scheduled_reminder_jobs_send_and_record_every_monday() -> None:
    github = yaml.safe_load((REPO / "docs" / "ci" / "github-remind.yml").read_text("utf-8"))
    assert github[True]["schedule"] == [{"cron": "0 0 * * 1"}]  # YAML 1.1 reads the key `on` as True
    steps = " ".join(str(s.get("run", "")) for s in github["jobs"]["remind"]["steps"])
    assert "tracker remind --send --record" in steps and "git push" in steps
    gitlab = yaml.safe_load((REPO / "docs" / "ci" / "gitlab-ci.yml").read_text("utf-8"))
    job = gitlab["tracker-remind"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert any("tracker remind --send --record" in line for line in job["script"])
