"""A table of values each made once from its key, the first time it is asked for.

Reads of a hundred thousand rows meet the same few hundred values again and again (a
day, a department, a commune's cell text, a rung of the reminders' ladder): a `Memo`
makes each once, and a lookup is a dict's, with no Python call when the value is known
(`dict.__getitem__` still calls `__missing__` for what is new)."""

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    def __init__(self, make: Callable[[K], V]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: K) -> V:
        made = self[key] = self.make(key)
        return made
