"""tracker.similarity.terms: text read for comparing (folded, stop words gone,
abbreviations spelt out, concepts named) and a record's weighted terms."""

from tracker.similarity import concepts, syllables, terms
from tracker.similarity.terms import analyse, fuzzy_text


def test_text_is_folded_and_the_words_every_record_holds_are_dropped() -> None:
    assert syllables("Xã Đông Hiếu ĐỀ NGHỊ các Sở hướng dẫn") == ["dong", "hieu", "so", "huong", "dan"]
    # decomposed input (macOS, some keyboards) folds as the composed form does
    assert syllables("Thie\u0302\u0301u ca\u0301n bo\u0323\u0302 thú y") == syllables("Thiếu cán bộ thú y")


def test_stop_words_are_matched_with_their_accents() -> None:
    # "tại" is a stop word, "tài" (tài chính) is not; "số" (chữ ký số) is kept
    assert syllables("tại xã thiếu cán bộ tài chính") == ["thieu", "can", "bo", "tai", "chinh"]
    assert syllables("chưa cấp chữ ký số") == ["cap", "chu", "ky", "so"]
    assert syllables("máy tính của tỉnh") == ["may", "tinh"]  # "tỉnh" goes, "tính" stays
    assert syllables("UBND xã đề nghị") == []  # phrases too
    # typed without accents, only what folds to no other word goes
    assert syllables("chua co chu ky so tai xa") == ["co", "chu", "ky", "so", "tai"]


def test_concepts_are_matched_with_their_accents() -> None:
    assert concepts("Mưa bão làm sạt lở") == ["disaster", "disaster"]
    assert concepts("Chưa có báo cáo") == []  # "báo" is not "bão"
    assert concepts("Cơ sở vật chất xuống cấp") == []  # "chất" is not "chật"
    assert concepts("thiet bi cong nghe thong tin lac hau") == ["it equipment"]  # folded, several syllables


def test_abbreviations_are_spelt_out() -> None:
    assert syllables("cấp GCNQSD") == syllables("cấp giấy chứng nhận quyền sử dụng")
    assert syllables("TTHC") == ["thu", "tuc", "hanh", "chinh"]
    assert syllables("CBCC") == ["can", "bo", "cong", "chuc"]


def test_terms_hold_pairs_accents_and_concepts() -> None:
    found = terms("Máy tính hỏng")
    assert {"may", "tinh", "may tinh", "'may2", "'tinh2", "=it equipment"} <= set(found)
    assert not any(t.startswith("'") for t in terms("May tinh hong"))  # typed without diacritics
    assert terms("hoà bình") == terms("hòa bình")  # the tone placed the old way or the new
    # what kind of trouble weighs less than what it is about
    assert terms("thiếu giáo viên")["thieu"] < terms("thiếu giáo viên")["giao"]
    # the description counts less than the title
    assert terms("x", "giáo viên")["giao"] < terms("giáo viên")["giao"]


def test_the_title_alone_proposes_and_reads_typos_folded() -> None:
    found = analyse("Thiếu giáo viên", "Trường mầm non thiếu giáo viên dạy")
    assert set(found.title_terms) < set(found.terms)  # the description adds terms, never to the title's
    assert found.fuzzy == fuzzy_text("Thiếu giáo viên") == "thieu giao vien"
