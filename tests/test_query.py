"""tracker.query: the filters of `list` and the order lists come in."""

import dataclasses
from datetime import date
from typing import Any

from tracker.cache import IssueRow, PlanRow
from tracker.cache.rows import CommuneRow
from tracker.models import Issue, PlanItem
from tracker.query import Filter, select

VAN_AN = CommuneRow("van-an", "17950", "Vạn An", "xa", "VA")
ANH_SON = CommuneRow("anh-son", "17329", "Anh Sơn", "xa", "AS")
DIEN_CHAU = CommuneRow("dien-chau", "17000", "Diễn Châu", "xa", "DC")
AS_OF = date(2025, 10, 20)


def _issue(commune: CommuneRow, ident: str, **fields: Any) -> IssueRow:
    base = {"id": ident, "title": "Vướng mắc", "dept": "NV", "raised_on": "2025-09-01"}
    return IssueRow.of(commune, Issue.model_validate(base | fields))


def test_rows_come_by_commune_in_vietnamese_order_then_by_natural_id() -> None:
    rows = [_issue(VAN_AN, "VA-10"), _issue(DIEN_CHAU, "DC-1"), _issue(VAN_AN, "VA-2"), _issue(ANH_SON, "AS-1")]
    # Vietnamese order: A < D < Đ < V; VA-2 before VA-10.
    assert [r.id for r in select(rows, Filter(as_of=AS_OF))] == ["AS-1", "DC-1", "VA-2", "VA-10"]


def test_a_communes_ids_come_in_natural_order_whatever_their_shape() -> None:
    """Most communes' IDs are its prefix, a dash and a number (sorted by the number
    alone); any other shape in the commune sorts the whole commune by the natural key."""
    from tracker.text import natural_key

    plain = ["VA-10", "VA-2", "VA-1", "VA-02", "VA-100", "VA-9"]
    plans = ["VA-KH10", "VA-KH2", "VA-KH1"]
    mixed = [*plain, "VB-3", "VA-KH1"]  # another prefix, a plan's shape
    for ids in (plain, plans, mixed, ["VA-5"], []):
        rows = [_issue(VAN_AN, "VA-1") for _ in ids]
        rows = [dataclasses.replace(r, id=ident) for r, ident in zip(rows, ids, strict=True)]
        got = [r.id for r in select(rows, Filter(as_of=AS_OF))]
        assert got == sorted(ids, key=natural_key)
    # Equal numbers keep the order they came in, as the natural key's stable sort does.
    assert [r.id for r in select([dataclasses.replace(_issue(VAN_AN, "VA-1"), id=i) for i in ("VA-02", "VA-2")],
                                 Filter(as_of=AS_OF))] == ["VA-02", "VA-2"]  # fmt: skip


def test_overdue_is_past_the_deadline_and_not_done() -> None:
    rows = [
        _issue(VAN_AN, "VA-1", due="2025-10-15"),
        _issue(VAN_AN, "VA-2", due="2025-10-15", status="resolved", resolved_on="2025-10-16"),
        _issue(VAN_AN, "VA-3", due="2025-10-25"),
        _issue(VAN_AN, "VA-4"),
    ]
    assert [r.id for r in select(rows, Filter(overdue=True, as_of=AS_OF))] == ["VA-1"]
    assert [r.id for r in select(rows, Filter(undated=True, as_of=AS_OF))] == ["VA-4"]


def test_a_department_with_support_also_finds_the_issues_it_supports() -> None:
    rows = [_issue(VAN_AN, "VA-1", dept="NNMT", support=["TC"]), _issue(VAN_AN, "VA-2", dept="TC")]
    assert [r.id for r in select(rows, Filter(depts=["TC"], as_of=AS_OF))] == ["VA-2"]
    assert [r.id for r in select(rows, Filter(depts=["TC"], with_support=True, as_of=AS_OF))] == ["VA-1", "VA-2"]


def test_status_filters_plan_items_and_department_does_not_apply_to_them() -> None:
    plans = [
        PlanRow.of(VAN_AN, PlanItem.model_validate({"id": "VA-KH1", "title": "Rà soát", "status": "done"})),
        PlanRow.of(VAN_AN, PlanItem.model_validate({"id": "VA-KH2", "title": "Lập danh sách"})),
    ]
    assert [r.id for r in select(plans, Filter(statuses=["planned"], as_of=AS_OF))] == ["VA-KH2"]
    assert len(select(plans, Filter(depts=["NV"], as_of=AS_OF))) == 2
