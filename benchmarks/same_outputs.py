"""Are a refactoring's outputs byte for byte what they were? Run the read commands
people run (list, show, JSON, reports in Markdown, HTML and Word, stats, exports in
CSV, JSON and Excel, changes, reminders in every format, similar, clusters, the site)
on the benchmark's S data, in a git repository with a few recorded edits, and
write each output to a folder; then compare two such folders.

    python benchmarks/same_outputs.py run OUT [--tracker CMD] [--work DIR]
    python benchmarks/same_outputs.py compare OLD NEW

CMD is the tracker to run (default: this Python's `-m tracker`), for example the
`tracker` of a virtual environment holding the code before a change. Everything
is fixed (today, the as-of date, git's dates and names), so two runs of the same
code give the same bytes, and git's commit hashes are the same too.
"""

import argparse
import email
import email.policy
import filecmp
import hashlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_OF = ["--as-of", "2025-12-31"]
READS = {
    "list.txt": ["list", *AS_OF],
    "list-nnmt-support.txt": ["list", "--dept", "NNMT", "--with-support", *AS_OF],
    "list.json": ["list", "--format", "json", *AS_OF],
    "list.csv": ["list", "--format", "csv", *AS_OF],
    "plan-list.txt": ["plan", "list", *AS_OF],
    "report.md": ["report", *AS_OF],
    "report-nnmt.md": ["report", "--dept", "NNMT", *AS_OF],
    "report-nnmt.en.md": ["report", "--dept", "NNMT", "--lang", "en", *AS_OF],
    "report.html": ["report", "--format", "html", *AS_OF],
    "report-since.md": ["report", "--dept", "NNMT", "--since", "hop-thang-10", *AS_OF],
    "stats.txt": ["stats", *AS_OF],
    "stats.json": ["stats", "--format", "json", *AS_OF],
    "changes.md": ["changes", "--since", "hop-thang-10"],
    "changes.json": ["changes", "--since", "hop-thang-10", "--format", "json"],
    "show.txt": ["show", "{first}-1"],
    "show.json": ["show", "{first}-1", "--format", "json"],
    "plan-list.json": ["plan", "list", "--format", "json", *AS_OF],
    "plan-list.csv": ["plan", "list", "--format", "csv", *AS_OF],
    "stats-commune.txt": ["stats", "--by", "commune", *AS_OF],
    "remind.md": ["remind", *AS_OF],
    "remind.json": ["remind", "--format", "json", *AS_OF],
    "similar.txt": ["similar", "{first}-1"],
    "similar.json": ["similar", "{first}-1", "--format", "json"],
    "clusters.txt": ["clusters"],
    "clusters.json": ["clusters", "--format", "json"],
}
# Outputs only a file takes: {out} is the output folder. Word, Excel and e-mail files
# carry the time they were made (and an e-mail a random boundary and Message-ID):
# they are kept as a listing of what is in them without those (see `canonical`).
WRITES = {
    "report.docx": ["report", "--dept", "NNMT", "--format", "docx", "--output", "{out}/report.docx", *AS_OF],
    "export.xlsx": ["export", "--format", "xlsx", "--output", "{out}/export.xlsx", *AS_OF],
    "export.json": ["export", "--format", "json", "--output", "{out}/export.json", *AS_OF],
    "remind-html": ["remind", "--format", "html", "--output", "{out}/remind-html", *AS_OF],
    "remind-docx": ["remind", "--format", "docx", "--output", "{out}/remind-docx", *AS_OF],
    "remind-eml": ["remind", "--format", "eml", "--output", "{out}/remind-eml", *AS_OF],
    "site": ["site", "--output", "{out}/site", "--since", "hop-thang-10", *AS_OF],
}
# The site's manifest holds the digest of the code and templates, which any change of
# the code changes on purpose: it is left out of the comparison.
SITE_MANIFEST = ".tracker-site.json"
EDITS = [
    ["update", "{first}-1", "--status", "in_progress", "--note", "Sở đã có văn bản hướng dẫn"],
    ["close", "{first}-2", "--resolution", "Đã cấp 35 GCNQSD", "--on", "2025-11-20"],
    ["add-issue", "--commune", "{code}", "--dept", "NNMT", "--title", "Vướng mắc mới sau cuộc họp", "--support",
     "TC", "--due", "2026-01-15"],
    ["plan", "update", "{first}-KH1", "--status", "in_progress", "--note", "Đã bắt đầu"],
]  # fmt: skip


def git(work: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Thư Ký",
        "GIT_AUTHOR_EMAIL": "tk@example.vn",
        "GIT_COMMITTER_NAME": "Thư Ký",
        "GIT_COMMITTER_EMAIL": "tk@example.vn",
        "GIT_AUTHOR_DATE": "2025-11-25T09:00:00+07:00",
        "GIT_COMMITTER_DATE": "2025-11-25T09:00:00+07:00",
    }
    subprocess.run(["git", *args], cwd=work, env=env, check=True, capture_output=True)  # fmt: skip


def run(out: Path, tracker: list[str], work: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    data = work / "data"
    subprocess.run([sys.executable, str(HERE / "generate.py"), "S", str(data)], check=True)
    env = {**os.environ, "TRACKER_TODAY": "2025-11-24", "TRACKER_LANG": "vi", "TRACKER_CACHE_DIR": str(work / "c"),
           "GIT_CONFIG_GLOBAL": str(work / "gitconfig"), "GIT_CONFIG_NOSYSTEM": "1"}  # fmt: skip
    (work / "gitconfig").write_text("[user]\n\tname = Thư Ký\n\temail = tk@example.vn\n", "utf-8")
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    git(work, "commit", "-qm", "Họp tháng 10")
    git(work, "tag", "hop-thang-10")
    first = sorted((data / "communes").glob("*.yaml"))[0].read_text("utf-8")
    code = first.split("code: '")[1].split("'")[0]
    prefix = first.split("prefix: ")[1].split("\n")[0].strip()
    fill = {"first": prefix, "code": code}
    base = [*tracker, "--data-dir", str(data)]
    for edit in EDITS:
        subprocess.run([*base, *(a.format(**fill) for a in edit)], env=env, check=True, capture_output=True)
    git(work, "commit", "-qam", "Cập nhật sau họp")
    # What the edits wrote, as a reviewer sees it: writes must not change either.
    diff = subprocess.run(["git", "diff", "hop-thang-10", "HEAD"], cwd=work, capture_output=True, check=True)
    (out / "edits.diff").write_bytes(diff.stdout)
    for name, args in READS.items():
        result = subprocess.run([*base, *(a.format(**fill) for a in args)], env=env, capture_output=True, cwd=work)
        (out / name).write_bytes(result.stdout)
        (out / f"{name}.exit").write_text(f"{result.returncode}\n", "utf-8")
    export = out / "export.csv"
    export.unlink(missing_ok=True)
    subprocess.run([*base, "export", "--format", "csv", "--output", str(export), *AS_OF], env=env, check=True,
                   capture_output=True)  # fmt: skip
    for name, args in WRITES.items():
        target = out / name
        shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(missing_ok=True)
        if "." not in name:
            target.mkdir()
        made = [a.format(out=out, **fill) for a in args]
        subprocess.run([*base, *made], env=env, check=True, capture_output=True, cwd=work)
        (target / SITE_MANIFEST).unlink(missing_ok=True) if target.is_dir() else None
        for path in [target] if target.is_file() else sorted(target.iterdir()):
            canonical(path)


def canonical(path: Path) -> None:
    """A Word or Excel file as the SHA-256 of each part (their times left out), an
    e-mail as its headers and parts without its date, Message-ID and boundary (its
    attached Word and Excel files as their parts)."""
    if path.suffix in (".docx", ".xlsx"):
        path.with_name(path.name + ".parts").write_text(zip_parts(path.read_bytes()), "utf-8")
        path.unlink()
    elif path.suffix == ".eml":
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        text = io.StringIO()
        for part in msg.walk():
            for key, value in part.items():
                if key not in ("Date", "Message-ID") and "boundary=" not in value:
                    text.write(f"{key}: {value}\n")
            if not part.is_multipart():
                content = part.get_content()
                if isinstance(content, bytes):  # an attached Word or Excel file
                    content = zip_parts(content)
                text.write(content + "\n")
        path.with_name(path.name + ".txt").write_text(text.getvalue(), "utf-8")
        path.unlink()


def zip_parts(data: bytes) -> str:
    """A Word or Excel file as the SHA-256 of each part, its times left out."""
    lines = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in sorted(z.infolist(), key=lambda i: i.filename):
            part = z.read(info)
            if info.filename == "docProps/core.xml":
                part = re.sub(rb"<dcterms:(created|modified)[^<]*</dcterms:\1>", b"", part)
            lines.append(f"{info.filename} {hashlib.sha256(part).hexdigest()}\n")
    return "".join(lines)


def compare(old: Path, new: Path) -> int:
    files = {str(p.relative_to(folder)) for folder in (old, new) for p in folder.rglob("*") if p.is_file()}
    names = sorted(files)
    differ = [n for n in names if not (old / n).exists() or not (new / n).exists()
              or not filecmp.cmp(old / n, new / n, shallow=False)]  # fmt: skip
    for name in names:
        print(f"{'DIFFERS' if name in differ else 'same   '}  {name}")
    return 1 if differ else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="what", required=True)
    r = sub.add_parser("run")
    r.add_argument("out", type=Path)
    r.add_argument("--tracker", default=f"{shlex.quote(sys.executable)} -m tracker")
    r.add_argument("--work", type=Path, default=Path("/tmp/tracker-same-outputs"))
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.what == "run":
        run(args.out, shlex.split(args.tracker), args.work)
    else:
        raise SystemExit(compare(args.old, args.new))


if __name__ == "__main__":
    main()
