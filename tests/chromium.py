"""Headless Chromium for the tests that lay a page out as a reader's screen would: a
page in a frame of a given width, and what a script measured in it."""

import html
import re
import shutil
import subprocess
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def measured(tmp_path: Path, wrapper: str, page: str, width: int, pattern: str) -> re.Match[str]:
    """`wrapper` (with `{width}` and `{page}`, the page escaped for `srcdoc`) laid out by
    Chromium; the match of `pattern` in the DOM its script left."""
    assert CHROMIUM, "CI must install Chromium"
    path = tmp_path / f"wrapper-{width}.html"
    path.write_text(wrapper.format(width=width, page=html.escape(page, quote=True)), "utf-8")
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000", "--dump-dom",
               path.as_uri()]  # fmt: skip
    dom = subprocess.run(command, check=True, capture_output=True, text=True, timeout=120).stdout
    found = re.search(pattern, dom)
    assert found, dom[-2000:]
    return found
