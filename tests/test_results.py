"""tracker.results: what a reminder letter and a cluster of alike issues say of their items."""

from datetime import date
from typing import Any

from tracker.cache.rows import CommuneRow
from tracker.results import Cluster, Contact, Digest, DigestItem, Kind, Match, Reminders

VAN_AN = CommuneRow("van-an", "17950", "Vạn An", "xa", "VA")
THIEN_NHAN = CommuneRow("thien-nhan", "17953", "Thiên Nhẫn", "xa", "TN")


def _item(ident: str, reason: str, **fields: Any) -> DigestItem:
    base: dict[str, Any] = dict(commune="Vạn An", slug="van-an", title="Vướng mắc", due=date(2025, 10, 1),
                                days_overdue=19, last_update=None, reminders=0, escalated=False)  # fmt: skip
    return DigestItem(ident, reason=reason, **(base | fields))


def test_a_letters_name_counts_and_escalated_items() -> None:
    items = [
        _item("VA-1", "overdue", escalated=True, explain_by=date(2025, 10, 30)),
        _item("VA-2", "overdue"),
        _item("VA-3", "due_soon", days_overdue=0),
    ]
    digest = Digest("dept", Contact("NNMT", "Sở Nông nghiệp và Môi trường"), items, [], date(2025, 10, 20), 7, 30,
                    "…/TCT2-ĐĐ")  # fmt: skip
    assert digest.ref == "dept-NNMT"
    assert (digest.count("overdue"), digest.count("due_soon"), digest.count("stale")) == (2, 1, 0)
    assert [i.id for i in digest.escalated] == ["VA-1"] == [i.id for i in digest.explain]
    assert (digest.kind, Reminders(date(2025, 10, 20), [digest]).kind) == (Kind.DIGEST, Kind.REMINDERS)


def test_a_cluster_names_its_communes_once_and_its_leads_most_first() -> None:
    members = [
        Match("VA-1", VAN_AN, "Thiếu giáo viên", "GDDT", "open", 1.0),
        Match("VA-4", VAN_AN, "Thiếu giáo viên mầm non", "NV", "resolved", 0.8),
        Match("TN-2", THIEN_NHAN, "Thiếu GV", "NV", "open", 0.7),
    ]
    cluster = Cluster("Thiếu giáo viên", members, linked=False)
    assert cluster.ids == ["VA-1", "VA-4", "TN-2"]
    assert [c.slug for c in cluster.communes] == ["van-an", "thien-nhan"]
    assert cluster.depts == ["NV", "GDDT"] and cluster.disputed
    assert cluster.statuses() == {"open": 2, "resolved": 1}


def test_a_cluster_with_one_lead_is_not_disputed() -> None:
    cluster = Cluster("x", [Match("VA-1", VAN_AN, "x", "NV", "open", 1.0)], linked=True)
    assert cluster.depts == ["NV"] and not cluster.disputed
