"""The baseline: PyYAML's C loader on every commune file, nothing else."""

import sys
from pathlib import Path

import yaml

for path in sorted(Path(sys.argv[1], "communes").glob("*.yaml")):
    with path.open("rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
