"""The site's charts: SVG drawn by pygal, with its JavaScript off, made byte for byte
the same from the same figures (pygal names a chart by a random UUID and dates its
output: both are replaced), and inlined in the page (nothing fetched).

Each chart is drawn twice: 760 px wide for a desktop, and 400 px wide (`phone`) for
a phone, where the wide one, shrunk to the screen, would print its labels at 5 px;
the page's stylesheet shows one of them (templates/site.css)."""

import re
from typing import Any

_SCRIPT = re.compile(r"<script.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
# The report's colours for the grid's columns (rules.PARTS): done on time and late (greens),
# not done within the deadline (amber), with none (brown), overdue (red), dropped (grey).
COLOURS = ("#2e7d32", "#81c784", "#ffb300", "#8d6e63", "#c62828", "#9e9e9e")
NOT_DONE, OVERDUE = COLOURS[2], COLOURS[4]  # the other charts count these: never in a "done" green


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


PHONE = 400  # px: a phone's chart is drawn at the width it is shown, its labels at their size
LEGEND_ROW = 22  # px a legend's line takes, below the chart


def _base(kind: str, title: str, labels: list[str], colours: tuple[str, ...] = COLOURS, phone: bool = False,
          **options: Any) -> Any:  # fmt: skip
    import pygal

    settings: dict[str, Any] = {
        "width": PHONE if phone else 760,
        "height": 320,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 1 if phone else 2,
        "truncate_legend": -1,
        "truncate_label": -1,
        **options,
    }
    chart = getattr(pygal, kind)(js=[], disable_xml_declaration=True, style=_style(colours), title=title, **settings)
    chart.x_labels = labels
    return chart


def stacked(name: str, title: str, labels: list[str], series: list[tuple[str, list[int]]], phone: bool = False) -> str:
    """Horizontal stacked bars: one bar a label, one colour a series."""
    height = max(220, 120 + 30 * len(labels)) + (LEGEND_ROW * len(series) + 40 if phone else 0)  # a legend a line
    chart = _base("HorizontalStackedBar", title, labels, phone=phone, height=height)
    for legend, values in series:
        chart.add(legend, values)
    _counts(chart, max((sum(column) for column in zip(*(v for _, v in series), strict=True)), default=0))
    return _svg(chart, name)


def bars(name: str, title: str, labels: list[str], legend: str, values: list[int], phone: bool = False) -> str:
    """One bar a label, in the colour of overdue items (what the site counts this way);
    on a phone, the labels slanted (each is a few words: "Quá hạn từ 31 đến 90 ngày")."""
    slant = {"x_label_rotation": 35, "height": 380} if phone else {}
    chart = _base("Bar", title, labels, (OVERDUE,), phone=phone, show_legend=False, **slant)
    chart.add(legend, values)
    _counts(chart, max(values, default=0))
    return _svg(chart, name)


def lines(name: str, title: str, labels: list[str], series: list[tuple[str, list[int]]], phone: bool = False) -> str:
    """One line a series, a point a label (months): not done, then overdue. On a
    phone, a month label in six at most."""
    most = 6 if phone else 12
    every = max(1, -(-len(labels) // most))
    chart = _base("Line", title, labels, (NOT_DONE, OVERDUE), phone=phone, x_label_rotation=30,
                  show_minor_x_labels=len(labels) <= most, x_labels_major_every=every)  # fmt: skip
    for legend, values in series:
        chart.add(legend, values)
    _counts(chart, max((max(values, default=0) for _, values in series), default=0))
    return _svg(chart, name)
