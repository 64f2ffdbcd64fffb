"""Both languages of a message; the one wording of a near miss."""

from tracker.i18n import either, get_lang, meant, said, set_lang


def test_a_near_miss_is_asked_about_in_one_wording_in_either_language() -> None:
    assert meant(["Vạn An"]) == said("có phải Vạn An?", "did you mean Vạn An?")
    assert meant(["NNMT", "TC"]) == said("có phải NNMT hoặc TC?", "did you mean NNMT or TC?")
    assert either(["A", "B", "C"], "vi") == "A, B hoặc C" and either(["A", "B", "C"], "en") == "A, B or C"
    assert meant("--status").vi == "có phải --status?"


def test_a_message_in_both_languages_reads_in_the_current_one() -> None:
    message = said("không có lệnh", "no such command") + meant(["list"])
    before = get_lang()
    try:
        set_lang("en")
        assert str(message) == "no such commanddid you mean list?"
        set_lang("vi")
        assert str(message) == "không có lệnhcó phải list?"
    finally:
        set_lang(before)
