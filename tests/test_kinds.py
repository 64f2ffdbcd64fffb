"""kinds: each kind of result is the kind of exactly one result type."""

import dataclasses

from tracker import reporting, results
from tracker.kinds import Kind


def test_each_kind_is_the_kind_of_one_result_type() -> None:
    types = [t for t in vars(results).values() if dataclasses.is_dataclass(t) and isinstance(vars(t).get("kind"), Kind)]
    made = [t.kind for t in [*types, reporting.Report]]
    assert sorted(made) == sorted(Kind)  # one result type a kind, none without
