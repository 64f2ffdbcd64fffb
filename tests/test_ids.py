"""tracker.ids: an ID's shape, its prefix and the next free number."""

from tracker import ids


def test_an_id_as_typed_is_stored_upper_case_and_trimmed() -> None:
    assert ids.normalise(" va-2 ") == "VA-2"
    assert ids.prefix_of("VA-KH3") == "VA"


def test_the_next_id_follows_the_highest_number_not_the_count() -> None:
    assert ids.next_free("VA", "issues", ["VA-1", "VA-9", "VA-3"]) == "VA-10"
    assert ids.next_free("VA", "action_plan", ["VA-KH2", "VA-KH11"]) == "VA-KH12"
    assert ids.next_free("TN", "issues", []) == "TN-1"


def test_an_issue_id_is_not_a_plan_id_nor_another_communes() -> None:
    assert ids.matches("VA-7", "VA", "issues")
    assert not ids.matches("VA-KH7", "VA", "issues")
    assert ids.matches("VA-KH7", "VA", "action_plan")
    assert not ids.matches("TN-7", "VA", "issues")
    assert not ids.matches("VA-07", "VA", "issues")  # no leading zero
    assert ids.shape("VA", "action_plan") == "VA-KH<n>"


def test_a_taken_prefix_gets_a_number() -> None:
    assert ids.free_prefix("VA", {"TN"}) == "VA"
    assert ids.free_prefix("VA", {"VA", "VA2", None}) == "VA3"
