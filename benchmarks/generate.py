"""Generate realistic synthetic data in the tracker's own format, for benchmarks.

    python benchmarks/generate.py S /tmp/bench-S     # 130 communes x 50 issues
    python benchmarks/generate.py L /tmp/bench-L     # 3,321 communes x 30 issues
    python benchmarks/generate.py P /tmp/member-7 7  # a roll-up's province, 100 x 30, seeded by "7"

Deterministic (seeded): the same size always gives the same files.
"""

import random
import sys
from datetime import date, timedelta
from pathlib import Path

from tracker import layout, reference, seed, store
from tracker.models import CommuneFile, CommuneInfo, HistoryEntry, Issue, PlanItem
from tracker.ops.communes import init_data_dir
from tracker.text import initials, slugify

# P: one province of a roll-up (benchmarks/rollup_scale.py); N: 34 of them in one repository
SIZES = {"S": (130, 50), "L": (3321, 30), "P": (100, 30), "N": (3400, 30)}
SUBJECTS = [
    "hồ sơ cấp đổi Giấy chứng nhận quyền sử dụng đất",
    "bản đồ địa chính sai lệch",
    "kinh phí đo đạc chỉnh lý",
    "công chức chuyên môn lĩnh vực đất đai",
    "chế độ phụ cấp cán bộ kiêm nhiệm",
    "trụ sở làm việc chật hẹp",
    "thiết bị công nghệ thông tin lạc hậu",
    "phần mềm chuyên ngành chưa liên thông",
    "dịch vụ công trực tuyến",
    "phân cấp nguồn thu ngân sách",
    "điều chỉnh chủ đầu tư dự án",
    "giải ngân vốn đầu tư công",
    "kinh phí khắc phục hậu quả thiên tai",
    "sửa chữa trường học",
    "trạm y tế xuống cấp",
    "thiếu giáo viên",
    "cán bộ thú y",
    "phòng chống dịch bệnh gia súc",
    "hỗ trợ sản xuất nông nghiệp",
    "quy hoạch chung xã",
]
PROBLEMS = ["Chậm", "Vướng mắc về", "Chưa có hướng dẫn về", "Thiếu", "Khó khăn trong", "Chưa bố trí"]
SYLLABLES = [
    "An",
    "Bình",
    "Châu",
    "Diễn",
    "Đông",
    "Giang",
    "Hòa",
    "Hưng",
    "Khánh",
    "Lâm",
    "Lộc",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phú",
    "Quang",
    "Sơn",
    "Tân",
    "Thành",
    "Thủy",
    "Tiến",
    "Trung",
    "Vĩnh",
    "Xuân",
    "Yên",
]
PEOPLE = ["Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Văn Đức", "Phạm Thị Hoa", "Hoàng Văn Nam", "Vương Hồng Thái"]
STATUSES = ["open"] * 5 + ["in_progress"] * 3 + ["escalated"] + ["resolved"] * 3 + ["dropped"]


def communes(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(code, name): the real 130 of Nghệ An first, then made-up names with codes of 5 digits."""
    real = [(c.code, c.name) for c in reference.official_communes()]
    names = {n for _, n in real}
    out = real[:count]
    code = 40000
    while len(out) < count:
        name = " ".join(rng.sample(SYLLABLES, 2)) + ("" if rng.random() < 0.7 else " " + rng.choice(SYLLABLES))
        if name in names:
            continue
        names.add(name)
        code += 1
        out.append((f"{code:05d}", name))
    return out


def issue(prefix: str, n: int, rng: random.Random, depts: list[str], cats: list[str]) -> Issue:
    raised = date(2025, 9, 17) + timedelta(days=rng.randrange(60))
    status = rng.choice(STATUSES)
    due = raised + timedelta(days=rng.choice([30, 45, 60, 90, 120])) if rng.random() < 0.85 else None
    lead = rng.choice(depts)
    history = [HistoryEntry(date=raised, by=rng.choice(PEOPLE), status="open", note="Tạo mới")]
    for step in range(rng.randrange(4)):
        history.append(HistoryEntry(date=raised + timedelta(days=7 * (step + 1)), by=rng.choice(PEOPLE),
                                    status="in_progress", was={"status": "open"} if step == 0 else None,
                                    note=f"Đã làm việc với xã về {rng.choice(SUBJECTS)}; "
                                         f"{rng.choice(PROBLEMS).lower()} {rng.choice(SUBJECTS)}"))  # fmt: skip
    resolved = status == "resolved"
    return Issue(
        id=f"{prefix}-{n}", title=f"{rng.choice(PROBLEMS)} {rng.choice(SUBJECTS)}",
        description="\n".join(
            f"{rng.choice(PROBLEMS)} {rng.choice(SUBJECTS)} tại thôn {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}; "
            f"đề nghị Sở {rng.choice(depts)} hướng dẫn, tháo gỡ trong quý {rng.randrange(1, 5)}."
            for _ in range(rng.randrange(1, 4))
        ),
        category=rng.choice(cats), dept=lead, support=rng.sample([d for d in depts if d != lead], rng.randrange(3)),
        status=status, priority=rng.choice(["high", "normal", "normal", "low"]), raised_on=raised, due=due,
        owner=rng.choice(PEOPLE), source=f"Buổi làm việc của Tổ công tác số {rng.randrange(1, 5)} với lãnh đạo các xã, "
        f"biên bản ngày {raised.day:02d}/{raised.month:02d}/{raised.year}",
        resolution="Đã giải quyết xong" if resolved else None,
        resolved_on=(due or raised) + timedelta(days=rng.randrange(-10, 15)) if resolved else None,
        history=history,
    )  # fmt: skip


def main(size: str, target: Path, variant: str = "") -> None:
    n_communes, n_issues = SIZES[size]
    rng = random.Random(f"tracker-{size}{variant}")
    init_data_dir(target)
    depts = [d.code for d in seed.departments().departments]
    cats = [c.code for c in seed.categories().categories]
    used: set[str] = set()
    for code, name in communes(n_communes, rng):
        prefix = initials(name) or "X"
        prefix = (
            prefix
            if prefix not in used
            else next(f"{prefix}{i}" for i in range(2, 10**4) if f"{prefix}{i}" not in used)
        )
        used.add(prefix)
        issues = [issue(prefix, n, rng, depts, cats) for n in range(1, n_issues + 1)]
        for it in issues:
            if it.resolved_on and it.raised_on and it.resolved_on < it.raised_on:
                it.resolved_on = it.raised_on
        plans = [PlanItem(id=f"{prefix}-KH{k}", title=f"Kế hoạch xử lý {rng.choice(SUBJECTS)}",
                          owner=rng.choice(PEOPLE),
                          due=date(2026, 1, 31), issues=[f"{prefix}-{k}"]) for k in range(1, 4)]  # fmt: skip
        cf = CommuneFile(commune=CommuneInfo(code=code, name=name, prefix=prefix), issues=issues, action_plan=plans)
        path = target / "communes" / f"{slugify(name)}-{code}.yaml"
        path.write_text(layout.render(store.plain(cf), store.schema_ref(path)), "utf-8")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), *sys.argv[3:4])
