"""tracker.similarity.config: every constant and word list in one value, and its digest the cache keys on."""

from dataclasses import replace

import pytest

from tracker.similarity import config
from tracker.similarity.config import CONFIG, Config, active


def test_the_digest_is_the_same_for_the_same_value_and_changes_with_one_word() -> None:
    assert Config().digest == CONFIG.digest and len(CONFIG.digest) == 16
    assert replace(CONFIG, stop=CONFIG.stop | {"them"}).digest != CONFIG.digest
    assert replace(CONFIG, threshold=0.4).digest != CONFIG.digest
    assert replace(CONFIG, revision=CONFIG.revision + 1).digest != CONFIG.digest


def test_each_phrase_of_a_concept_names_it() -> None:
    concept_of = CONFIG.concept_of()
    assert concept_of["một cửa điện tử"] == concept_of["một cửa"] == "one-stop system"
    assert all(phrase and "|" not in phrase for phrase in concept_of)


def test_the_active_configuration_is_the_one_in_use_unless_one_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    other = replace(CONFIG, threshold=0.5)
    assert active(other) is other
    assert active() is CONFIG
    monkeypatch.setattr(config, "CONFIG", other)
    assert active() is other
