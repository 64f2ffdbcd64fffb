"""tracker.reference: the official list of Nghệ An's communes, found as users type them."""

import pytest

from tracker.errors import UsageError
from tracker.reference import by_code, lookup, official_communes, strip_title


def test_the_list_has_the_130_communes_with_their_kind() -> None:
    communes = official_communes()
    assert len(communes) == 130
    assert len({c.code for c in communes}) == 130
    van_an = by_code("17950")
    assert van_an is not None and (van_an.name, van_an.kind) == ("Vạn An", "xa")
    assert by_code("99999") is None


def test_a_name_is_found_with_or_without_title_diacritics_or_case() -> None:
    for typed in ("Vạn An", "Xã Vạn An", "van an", "XA VAN AN"):
        found = lookup(typed)
        assert found is not None and (found.code, found.kind) == ("17950", "xa"), typed
    assert strip_title("Phường Vinh Hưng") == "Vinh Hưng"


def test_a_whole_name_wins_over_a_longer_one() -> None:
    found = lookup("Anh Sơn")
    assert found is not None and found.name == "Anh Sơn"


def test_several_matches_are_listed_and_nothing_matches_none() -> None:
    with pytest.raises(UsageError) as caught:
        lookup("nghi")
    assert "khớp nhiều xã" in caught.value.message and "Nghi Lộc (17827)" in caught.value.message
    assert lookup("Hà Nội") is None
