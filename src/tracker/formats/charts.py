"""The site's charts: SVG drawn by pygal, with its JavaScript off, made byte for byte
the same from the same figures (pygal names a chart by a random UUID and dates its
output: both are replaced), and inlined in the page (nothing fetched)."""

import re
from typing import Any

_SCRIPT = re.compile(r"<script.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# The report's colours for the grid's columns: done (greens), not done (ambers, red), dropped (grey).
COLOURS = ("#2e7d32", "#81c784", "#ffb300", "#c62828", "#6d4c41", "#9e9e9e")
NOT_DONE, OVERDUE = COLOURS[2], COLOURS[3]  # the other charts count these: never in a "done" green


def _style(colours: tuple[str, ...]) -> Any:
    from pygal.style import Style

    font = '"Times New Roman", Times, "Liberation Serif", serif'
    return Style(background="white", plot_background="white", colors=colours, font_family=font,
                 label_font_size=13, major_label_font_size=13, legend_font_size=13, title_font_size=15,
                 value_font_size=12, tooltip_font_size=12)  # fmt: skip


def _counts(chart: Any, most: int) -> None:
    """Whole numbers on the value axis, about eight of them, from 0."""
    step = max(1, -(-most // 8))
    chart.y_labels = list(range(0, max(most, 1) + step, step))
    chart.value_formatter = lambda value: f"{value:.0f}"


def _svg(chart: Any, name: str) -> str:
    chart.uuid = name  # pygal's own id would be random: the page would change on every build
    text: str = chart.render(is_unicode=True)
    return _COMMENT.sub("", _SCRIPT.sub("", text))


def _base(kind: str, title: str, labels: list[str], colours: tuple[str, ...] = COLOURS, **options: Any) -> Any:
    import pygal

    settings: dict[str, Any] = {
        "width": 760,
        "height": 320,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "truncate_legend": -1,
        "truncate_label": -1,
        **options,
    }
    chart = getattr(pygal, kind)(js=[], disable_xml_declaration=True, style=_style(colours), title=title, **settings)
    chart.x_labels = labels
    return chart


def stacked(name: str, title: str, labels: list[str], series: list[tuple[str, list[int]]]) -> str:
    """Horizontal stacked bars: one bar a label, one colour a series."""
    chart = _base("HorizontalStackedBar", title, labels, height=max(220, 120 + 30 * len(labels)))
    for legend, values in series:
        chart.add(legend, values)
    _counts(chart, max((sum(column) for column in zip(*(v for _, v in series), strict=True)), default=0))
    return _svg(chart, name)


def bars(name: str, title: str, labels: list[str], legend: str, values: list[int]) -> str:
    """One bar a label, in the colour of overdue items (what the site counts this way)."""
    chart = _base("Bar", title, labels, (OVERDUE,), show_legend=False)
    chart.add(legend, values)
    _counts(chart, max(values, default=0))
    return _svg(chart, name)


def lines(name: str, title: str, labels: list[str], series: list[tuple[str, list[int]]]) -> str:
    """One line a series, a point a label (months): not done, then overdue."""
    chart = _base("Line", title, labels, (NOT_DONE, OVERDUE), x_label_rotation=30,
                  show_minor_x_labels=len(labels) <= 12, x_labels_major_every=max(1, len(labels) // 12))  # fmt: skip
    for legend, values in series:
        chart.add(legend, values)
    _counts(chart, max((max(values, default=0) for _, values in series), default=0))
    return _svg(chart, name)
