"""tracker.memo: each value made once from its key, however it is looked up."""

from tracker.memo import Memo


def test_each_value_is_made_once_and_then_read_however_it_is_looked_up() -> None:
    made: list[str] = []

    def upper(key: str) -> str:
        made.append(key)
        return key.upper()

    memo = Memo(upper)
    assert [memo["vạn an"], memo["vạn an"], dict.__getitem__(memo, "thiên nhẫn"), memo["thiên nhẫn"]] == [
        "VẠN AN", "VẠN AN", "THIÊN NHẪN", "THIÊN NHẪN"]  # fmt: skip
    assert made == ["vạn an", "thiên nhẫn"]
    assert list(map(dict.__getitem__, [memo, memo], ["vạn an", "x"])) == ["VẠN AN", "X"]  # as the rows' writers read
    assert made == ["vạn an", "thiên nhẫn", "x"]
