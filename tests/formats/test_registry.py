"""The formats registry: one list of which command takes which format, and each of
those formats presents what that command produces."""

import pytest

from tracker import formats
from tracker.errors import FieldError

PAIRS = [(command, name) for command, names in formats.COMMANDS.items() for name in names]


@pytest.mark.parametrize(("command", "name"), PAIRS, ids=[f"{c}:{n}" for c, n in PAIRS])
def test_each_format_a_command_takes_presents_its_result(command: str, name: str) -> None:
    assert formats.get(name).supports(formats.PRODUCES[command])


def test_a_format_a_command_does_not_take_is_a_field_error_listing_the_choices() -> None:
    with pytest.raises(FieldError) as info:
        formats.check("stats", "csv")
    assert info.value.problems == [("format", "chọn một trong table, json")]


def test_every_registered_format_is_used_by_some_command() -> None:
    used = {name for names in formats.COMMANDS.values() for name in names}
    assert used == set(formats.MODULES)


def test_only_files_take_binary_formats() -> None:
    assert {n for n in formats.MODULES if formats.get(n).binary} == {"docx", "xlsx", "eml"}
