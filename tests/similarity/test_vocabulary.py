"""tracker.similarity.vocabulary: syllables with their tone however it was placed, abbreviations, word weights."""

from dataclasses import replace

from tracker.similarity import vocabulary
from tracker.similarity.config import CONFIG
from tracker.similarity.vocabulary import accented


def test_a_syllable_is_the_same_however_its_tone_was_placed() -> None:
    assert accented("hòa") == accented("hoà") == "hoa1"
    assert accented("thủy") == accented("thuỷ")
    assert accented("Thie\u0302\u0301u") == accented("Thiếu")  # decomposed as some keyboards type it
    assert accented("tài") != accented("tại") and accented("đất") == "đât2"


def test_a_word_is_its_folded_and_accented_syllables_an_abbreviation_spelt_out() -> None:
    vocab = vocabulary.of(CONFIG)
    assert vocab.word("đất") == (("dat", "đât2"),)
    assert [f for f, _ in vocab.word("gcnqsd")] == ["giay", "chung", "nhan", "quyen", "su", "dung"]
    assert vocab.word("—") == ()  # not a word


def test_a_word_that_only_says_what_kind_of_trouble_weighs_less() -> None:
    vocab = vocabulary.of(CONFIG)
    assert "thieu" in CONFIG.generic_words
    assert vocab.weight("thieu") == CONFIG.generic < vocab.weight("giao") == 1.0


def test_a_vocabulary_is_made_once_per_configuration() -> None:
    assert vocabulary.of(CONFIG) is vocabulary.of(CONFIG)
    other = replace(CONFIG, abbreviations=(("gv", "giáo viên"),))
    assert vocabulary.of(other) is not vocabulary.of(CONFIG)
    assert [f for f, _ in vocabulary.of(other).word("GV".casefold())] == ["giao", "vien"]
