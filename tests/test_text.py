import unicodedata

from tracker.text import by_natural_id, fold, initials, natural_key, nfc, one_line, slugify, vi_sort_key


def test_fold_ignores_diacritics_case_and_spaces() -> None:
    assert fold("Vạn  An") == fold("van an") == "van an"
    assert fold("Đô Lương") == "do luong"
    assert fold("Hòa") == fold("Hoà")  # tone placement differs; folding unifies


def test_nfc_composes_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Thiên Nhẫn")
    assert decomposed != "Thiên Nhẫn"
    assert nfc(decomposed) == "Thiên Nhẫn"


def test_slug_is_ascii() -> None:
    assert slugify("Thiên Nhẫn") == "thien-nhan"
    assert slugify("Đông Hiếu") == "dong-hieu"
    assert slugify("../../etc") == "etc"


def test_vietnamese_dictionary_order() -> None:
    names = ["Đô Lương", "Diễn Châu", "Anh Sơn Đông", "Bà Rịa", "Ba Vì", "Anh Sơn", "Ân Thi", "Yên Thành"]
    assert sorted(names, key=vi_sort_key) == [
        "Anh Sơn",
        "Anh Sơn Đông",
        "Ân Thi",
        "Ba Vì",
        "Bà Rịa",
        "Diễn Châu",
        "Đô Lương",
        "Yên Thành",
    ]


def test_tones_break_ties_in_order() -> None:
    tones = ["má", "mà", "mạ", "ma", "mã", "mả"]
    assert sorted(tones, key=vi_sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_sort_key_is_the_same_for_nfd_input() -> None:
    assert vi_sort_key(unicodedata.normalize("NFD", "Đô Lương")) == vi_sort_key("Đô Lương")


def test_natural_id_order() -> None:
    assert sorted(["VA-10", "VA-2", "VA-1"], key=natural_key) == ["VA-1", "VA-2", "VA-10"]


def test_initials() -> None:
    assert initials("Vạn An") == "VA"
    assert initials("Đông Hiếu") == "DH"


def test_one_line_keeps_a_title_from_starting_a_line_of_its_own() -> None:
    """A title in a plain-text letter or a name in a mail header: line breaks and runs
    of spaces read as one space."""
    assert one_line("Sở Tài chính\r\nKính gửi:  UBND\t xã") == "Sở Tài chính Kính gửi: UBND xã"
    assert one_line("  ") == ""


def test_items_by_natural_id_are_sorted_as_the_natural_key_sorts_them_ties_in_order() -> None:
    """The numbers alone order one prefix's IDs; any other shape, the whole key."""
    for ids in (["VA-10", "VA-2", "VA-1", "VA-100"], ["VA-KH10", "VA-KH2"], ["VA-3", "VB-1", "VA-KH1", "VA-20"], []):
        items = [(ident, n) for n, ident in enumerate(ids)]
        assert by_natural_id(items, lambda item: item[0]) == sorted(items, key=lambda item: natural_key(item[0]))
    ties = [("VA-02", "a"), ("VA-2", "b"), ("VA-1", "c")]
    assert by_natural_id(ties, lambda item: item[0]) == [("VA-1", "c"), ("VA-02", "a"), ("VA-2", "b")]
