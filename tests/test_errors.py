"""tracker.errors: each expected failure's exit code and the one line the user reads."""

from tracker.errors import (
    EXIT_DATA,
    EXIT_USAGE,
    DataError,
    FieldError,
    Problem,
    TrackerError,
    UsageError,
    WrongKind,
)
from tracker.i18n import said, set_lang


def test_exit_codes_tell_bad_data_from_a_bad_argument() -> None:
    assert TrackerError("x").exit_code == EXIT_DATA == 1
    assert UsageError("x").exit_code == EXIT_USAGE == 2
    assert FieldError.one("due", "không phải ngày").exit_code == EXIT_USAGE
    assert DataError([]).exit_code == EXIT_DATA


def test_a_field_error_names_fields_the_callers_way() -> None:
    error = FieldError([("due", "trước {raised_on}"), ("dept", "không có sở 'ABC'")])
    assert error.message == "due: trước raised_on; dept: không có sở 'ABC'"
    as_options = error.worded(lambda name: "--" + name.replace("_", "-"))
    assert as_options == "--due: trước --raised-on; --dept: không có sở 'ABC'"


def test_wrong_kind_says_what_the_id_is_in_the_users_language() -> None:
    assert WrongKind("VA-KH1", "action_plan").message == "VA-KH1 là mục kế hoạch"
    set_lang("en")
    assert WrongKind("VA-1", "issues").message == "VA-1 is an issue"


def test_data_problems_are_sorted_by_file_and_line_and_located() -> None:
    late = Problem("communes/van-an.yaml", 12, "VA-2", "due", said("không phải ngày"))
    early = Problem("communes/van-an.yaml", 3, "VA-1", "", said("thiếu tiêu đề"))
    whole = Problem("departments.yaml", 0, "", "", said("trống"))
    error = DataError([whole, late, early])
    assert error.message.splitlines() == [
        "communes/van-an.yaml:3: VA-1: thiếu tiêu đề",
        "communes/van-an.yaml:12: VA-2: due: không phải ngày",
        "departments.yaml: trống",
    ]
