"""The report templates, installed as the package `tracker.templates` (see pyproject.toml)."""
