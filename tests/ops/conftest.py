"""Operations called directly, without the command line."""

from pathlib import Path

import pytest

from tracker.ops.workspace import Workspace


@pytest.fixture
def ws(data: Path) -> Workspace:
    return Workspace(data)


@pytest.fixture
def filled_ws(filled: Path) -> Workspace:
    return Workspace(filled)
