"""The language of messages and reports: Vietnamese by default, English on request.

Messages are written next to their use as ``tr("tiếng Việt", "English")`` so
that neither language can drift away from the code that raises it.
"""

import os

_lang = "en" if os.environ.get("TRACKER_LANG", "").lower().startswith("en") else "vi"


def set_lang(lang: str) -> None:
    global _lang
    _lang = "en" if lang.lower().startswith("en") else "vi"


def get_lang() -> str:
    return _lang


def tr(vi: str, en: str) -> str:
    """Pick the message in the current language."""
    return en if _lang == "en" else vi
