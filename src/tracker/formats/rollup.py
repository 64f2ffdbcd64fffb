"""A national roll-up presented: the grid per province and per lead department in a
terminal, and the roll-up's Markdown report. It presents the figures `ops/rollup.py`
computed (a plain dict, `National.as_json()`, and each province's overdue items) and
knows nothing of the members' files. Every ID is shown as `<province>:<ID>`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from tracker.formats.base import Context
from tracker.formats.markdown import md_row, md_rule, md_text
from tracker.formats.parts import percent
from tracker.rules import GRID_KEYS
from tracker.wording import COMMON_SHOWN, Labels, date_label, fill


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _words(L: Labels) -> list[str]:
    return [L.total if key == "total" else L.grid[key] for key in GRID_KEYS]


def _aligned(heads: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[n]) for r in rows)) if rows else len(h) for n, h in enumerate(heads)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if n == 0 else c.rjust(w) for n, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    return "\n".join([line(heads), "  ".join("─" * w for w in widths), *(line(r) for r in rows)]) + "\n"


def table(data: dict[str, Any], L: Labels) -> str:
    """Two grids, the provinces' and the lead departments', their columns numbered
    (1) … (9) with their words in a key under them (nine columns of words would not
    fit 80 columns), then the total for the country."""
    numbered = [f"({n})" for n in range(1, len(GRID_KEYS) + 1)]
    out = []
    R = L.rollup
    parts = [("provinces", R["by_province"], R["province"]), ("departments", R["by_dept"], L.dept)]
    for part, title, head in parts:
        rows = [[code, *(str(cells[k]) for k in GRID_KEYS), percent(cells["on_time_rate"], L.lang)]
                for code, cells in data[part].items()]  # fmt: skip
        rows.append(
            [L.sum, *(str(data["total"][k]) for k in GRID_KEYS), percent(data["total"]["on_time_rate"], L.lang)]
        )
        out.append(f"{title}:\n" + _aligned([head, *numbered, L.on_time_rate], rows))
    key = "".join(f" {n} {w}\n" for n, w in zip(numbered, _words(L), strict=True))
    return "\n".join(out) + "\n" + key


def markdown(data: dict[str, Any], overdue: dict[str, list[dict[str, Any]]], L: Labels) -> str:
    """The roll-up's report: the grid per province, per lead department (with the
    ministry that answers for it), each province's overdue counts and items, and the
    members as fetched."""
    R = L.rollup
    when = date_label(_day(data["as_of"]), L.lang)
    words = _words(L)
    lines = [
        "# " + R["report_title"],
        "",
        fill(R["report_intro"], date=when, n=len(data["provinces"])),
        "",
        "## I. " + R["results_by_province"],
        "",
        md_row(R["province"], *words, L.on_time_rate),
        md_rule("l" + "r" * (len(words) + 1)),
    ]
    for code, cells in data["provinces"].items():
        lines.append(md_row(code, *(cells[k] for k in GRID_KEYS), percent(cells["on_time_rate"], L.lang)))
    total = data["total"]
    lines.append(md_row(L.sum, *(total[k] for k in GRID_KEYS), percent(total["on_time_rate"], L.lang), strong=True))
    lines += ["", "## II. " + R["results_by_dept"], "", md_row(L.dept, R["ministry"], *words, L.on_time_rate),
              md_rule("ll" + "r" * (len(words) + 1))]  # fmt: skip
    for code, cells in data["departments"].items():
        ministry = data["ministries"].get(code) or R["none"]
        lines.append(md_row(code, ministry, *(cells[k] for k in GRID_KEYS), percent(cells["on_time_rate"], L.lang)))
    lines.append(md_row(L.sum, "", *(total[k] for k in GRID_KEYS), percent(total["on_time_rate"], L.lang),
                        strong=True))  # fmt: skip
    lines += ["", "## III. " + R["overdue_by_province"]]
    for code, cells in data["provinces"].items():
        ages = ", ".join(f"{k}: {v}" for k, v in cells["overdue_by_age"].items())
        lines += ["", f"### {md_text(code)}", "", fill(R["overdue_count"], n=cells["open_overdue"])
                  + (f" ({ages} {R['days_unit']})" if ages else "") + "."]  # fmt: skip
        items = overdue.get(code, [])
        if items:
            lines += ["", md_row(L.id, L.commune, L.dept, R["ministry"], R["due"], R["days"], R["title"]),
                      md_rule("lllllrl")]  # fmt: skip
            for item in sorted(items, key=lambda i: (i["due"] or "", i["id"])):
                ministry = data["ministries"].get(item["dept"]) or ""
                lines.append(md_row(item["id"], item["commune"], item["dept"], ministry,
                                    date_label(_day(item["due"]), L.lang), item["days"], item["title"]))  # fmt: skip
    lines += ["", "## " + R["members"], "", md_row(R["member"], R["province"], R["commit"], R["records"], R["state"]),
              md_rule("lllrl")]  # fmt: skip
    for name, m in data["members"].items():
        lines.append(md_row(name, m["province"], (m["commit"] or "")[:12], m["records"], member_state(m, R)))
    return "\n".join(str(line) for line in lines) + "\n"


def member_state(member: dict[str, Any], R: dict[str, str]) -> str:
    """A member's state in the members' table (`National.as_json()["members"][name]`):
    included; included at an older commit, its last fetch having failed; or why not."""
    if not member["included"]:
        return str(member["reason"] or "")
    if member.get("stale"):
        return fill(R["stale"], commit=(member["commit"] or "")[:12])
    return R["included"]


# ---------------------------------------------------------------- groups across provinces


def _shown_ids(ids: list[str], R: dict[str, Any], each: Callable[[str], str] = str) -> str:
    """The first COMMON_SHOWN IDs of a group, each as `each` shows it, then how many more."""
    first = ", ".join(each(i) for i in ids[:COMMON_SHOWN])
    more = fill(R["more_ids"], n=len(ids) - COMMON_SHOWN) if len(ids) > COMMON_SHOWN else ""
    return first + (" " + each(more) if more else "")


def _ministries(group: dict[str, Any], R: dict[str, Any]) -> str:
    return "; ".join(f"{d}: {m or R['none']}" for d, m in group["ministries"].items())


def _group_cells(group: dict[str, Any], L: Labels) -> list[str]:
    """A group's cells, as every format of `rollup clusters` shows them."""
    R = L.rollup
    basis = L.common_basis["linked" if group["linked"] else "alike"]
    return [group["title"], ", ".join(group["provinces"]), str(group["communes"]), str(group["size"]),
            ", ".join(group["depts"]), _ministries(group, R), _shown_ids(group["ids"], R), basis]  # fmt: skip


def _group_heads(L: Labels) -> list[str]:
    R = L.rollup
    return ["#", R["title"], R["provinces"], R["communes"], R["size"], R["lead"], R["ministry"], R["ids"], L.basis]


def clusters_markdown(data: dict[str, Any], L: Labels) -> str:
    """The groups of one obstacle across provinces, largest first, as a Markdown table."""
    R = L.rollup
    n = data["min_provinces"]
    lines = [f"# {R['clusters']}", "", fill(R["as_of"], date=date_label(_day(data["as_of"]), L.lang)), ""]
    if not data["clusters"]:
        return "\n".join([*lines, fill(R["no_clusters"], n=n)]) + "\n"
    lines += [fill(R["clusters_intro"], n=n), "", md_row(*_group_heads(L)), md_rule("rllrrllll")]
    lines += [md_row(k, *_group_cells(g, L)) for k, g in enumerate(data["clusters"], 1)]
    return "\n".join(str(line) for line in lines) + "\n"


def clusters_table(data: dict[str, Any], L: Labels) -> str:
    """The groups in a terminal: one block a group, its words on lines of their own
    (eight columns of long text would not fit 80 columns)."""
    R = L.rollup
    if not data["clusters"]:
        return fill(R["no_clusters"], n=data["min_provinces"]) + "\n"
    heads = _group_heads(L)[2:]
    out = []
    for k, group in enumerate(data["clusters"], 1):
        cells = _group_cells(group, L)
        out.append(f"{k}. {cells[0]}\n" + "".join(f"   {h}: {c}\n" for h, c in zip(heads, cells[1:], strict=True)))
    return "\n".join(out)


def clusters_csv(data: dict[str, Any], L: Labels) -> str:
    """One row a group, every ID in its cell (a sheet is for counting, not for reading)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_group_heads(L)[1:])
    for group in data["clusters"]:
        cells = _group_cells(group, L)
        writer.writerow([*cells[:6], "; ".join(group["ids"]), cells[7]])
    return buffer.getvalue()


# ---------------------------------------------------------------- the roll-up's site


def province_page(code: str) -> str:
    """`province/<CODE>.html`: a province's page of the roll-up's site."""
    return f"province/{code}.html"


def site_pages(data: dict[str, Any], groups: dict[str, Any], provinces: dict[str, dict[str, Any]],
               ministries: dict[str, str], ctx: Context) -> list[tuple[str, str]]:  # fmt: skip
    """The roll-up's site, (name, text) a page: its stylesheet and script (the site's
    own), the national overview (`index.html`) and a page a province. `data` is
    `National.as_json()`, `groups` `NationalGroups.as_json()`; `provinces` gives each
    province's member name, own site, stats, overdue items and why it is left out;
    `ministries`, rollup.yaml's map."""
    from markupsafe import Markup, escape

    from tracker.formats.site import assets, href
    from tracker.formats.templates import environment

    def unbroken(text: str) -> str:  # an ID never broken at its hyphen (HT:TN-|3)
        return f'<span class="nw">{escape(text)}</span>'

    L = ctx.labels
    env = environment("html", ctx)
    env.globals.update(site=L.site, R=L.rollup, as_of=_day(data["as_of"]), words=_words(L), KEYS=GRID_KEYS,
                       rate=lambda r: percent(r, L.lang), day=_day, state=lambda m: member_state(m, L.rollup),
                       ids=lambda ids: Markup(_shown_ids(list(ids), L.rollup, unbroken)))  # fmt: skip
    codes = list(provinces)
    out = list(assets())
    index = env.get_template("rollup-index.html.j2")
    titles = {code: about.get("title") for code, about in provinces.items()}
    out.append(("index.html", index.render(root="", data=data, groups=groups, titles=titles,
                                           pages={c: href(province_page(c)) for c in codes})))  # fmt: skip
    page = env.get_template("rollup-province.html.j2")
    for code, about in provinces.items():
        shared = [{**g, "own": [i for i in g["ids"] if i.startswith(f"{code}:")]} for g in groups["clusters"]
                  if code in g["provinces"]]  # fmt: skip
        out.append((province_page(code), page.render(
            root="../", code=code, name=about["name"], title=about.get("title"), own=about["site"],
            reason=about["reason"],
            stats=about["stats"], overdue=sorted(about["overdue"], key=lambda i: (i["due"] or "", i["id"])),
            shared=shared, groups=groups, ministries=ministries,
            pages={c: href(f"{c}.html") for c in codes})))  # fmt: skip
    return out
