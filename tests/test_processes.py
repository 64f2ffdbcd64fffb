"""tracker.processes: when a pool may fork, and how many processes share the work."""

import multiprocessing
import sys
import threading

from tracker import processes


def test_cores_are_those_this_process_may_run_on_at_most_as_many_as_asked() -> None:
    assert 1 <= processes.cores() <= (multiprocessing.cpu_count() or 1)
    assert processes.cores(1) == 1
    assert processes.cores(10_000) == processes.cores()


def _forkable_in_worker() -> bool:
    return processes.forkable()


def test_no_fork_with_another_thread_running_nor_inside_a_pools_worker() -> None:
    assert processes.forkable() is (sys.platform == "linux")
    held, stop = threading.Event(), threading.Event()
    other = threading.Thread(target=lambda: (held.set(), stop.wait()))
    other.start()
    held.wait()
    try:
        assert not processes.forkable()  # a fork would copy the locks that thread holds
        assert processes.context().get_start_method() == "spawn"
    finally:
        stop.set()
        other.join()
    if sys.platform == "linux":
        assert processes.context().get_start_method() == "fork"
        with multiprocessing.get_context("fork").Pool(1) as pool:
            assert pool.apply(_forkable_in_worker) is False  # a daemonic worker may not have children
