"""A fuzzing harness for the loader: whatever bytes a file holds, reading it either
succeeds or raises one DataError naming the file. Runs briefly in CI; longer by hand:

    FUZZ_EXAMPLES=50000 python -m pytest tests/test_fuzz.py
"""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO, SESSION_DATA
from tracker import store
from tracker.errors import DataError
from tracker.models import CommuneFile

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
SEEDS = [p.read_bytes() for p in sorted((REPO / "tests" / "corpus").iterdir()) if p.stat().st_size < 20_000]
SEEDS += [(SESSION_DATA / "communes" / "van-an.yaml").read_bytes()]  # a whole file, fixed: not data/


def read(raw: bytes) -> None:
    try:
        text = store.decode(raw, "fuzz.yaml")[0]
        store.parse(text, "fuzz.yaml", CommuneFile)
    except DataError as exc:
        assert exc.problems and all(p.path == "fuzz.yaml" for p in exc.problems)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["flip", "insert", "delete", "dup"]))
        if op == "flip":
            data[at] = draw(st.integers(0, 255))
        elif op == "insert":
            data[at:at] = draw(st.sampled_from([b":", b"- ", b"[", b"{", b"&a ", b"*a", b"!!", b'"', b"\t", b"\n  ",
                                                b"\xe1\xba", b"\x00", b"<<<<<<< x\n", b"\xef\xbb\xbf"]))  # fmt: skip
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        else:
            data[at:at] = data[at : at + draw(st.integers(1, 64))]
    return bytes(data)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes(raw: bytes) -> None:
    read(raw)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_data_files(raw: bytes) -> None:
    read(raw)
