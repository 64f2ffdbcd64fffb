"""registry.py: the registry files' models, and what other files may refer to: a name
written where a code belongs is answered with the code to write, a typo with the
closest codes; and a warm read, which only needs these, loads no other model."""

import subprocess
import sys

from tracker.registry import Registry


def _registry() -> Registry:
    return Registry({"NNMT", "XD", "TC"}, {"dat-dai"}, names={"so xay dung": "XD", "xd": "XD", "nnmt": "NNMT"})


def test_a_department_written_by_its_name_is_told_its_code() -> None:
    assert _registry().instead("Sở Xây dựng", {"NNMT", "XD", "TC"}).vi == ": viết XD"
    assert _registry().instead("Sở Xây dựng", {"NNMT", "XD", "TC"}).en == ": write XD"


def test_a_mistyped_code_is_told_the_closest_and_nothing_close_is_told_nothing() -> None:
    assert "NNMT" in _registry().instead("NNTM", {"NNMT", "XD", "TC"}).vi
    assert _registry().instead("Bộ Quốc phòng", {"NNMT", "XD", "TC"}).vi == ""


def test_the_registry_files_models_load_without_the_commune_files_models() -> None:
    probe = "import sys, tracker.registry; print('tracker.models' in sys.modules, 'tracker.validation' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
