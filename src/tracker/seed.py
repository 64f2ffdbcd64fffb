"""What `tracker init` writes: the province's departments and the obstacle groups."""

from tracker.registry import Categories, Category, Department, Departments, FollowUp, Letter, Recipient, Step

# The 14 specialised agencies of Nghệ An since 1 March 2025 (domain.md).
_DEPARTMENTS = [
    ("NV", "Sở Nội vụ", []),
    ("TP", "Sở Tư pháp", []),
    ("TC", "Sở Tài chính", []),
    ("CT", "Sở Công Thương", []),
    ("NNMT", "Sở Nông nghiệp và Môi trường", ["Sở NN&MT", "NN&MT"]),
    ("XD", "Sở Xây dựng", []),
    ("KHCN", "Sở Khoa học và Công nghệ", ["Sở KH&CN", "KH&CN"]),
    ("VHTTDL", "Sở Văn hóa, Thể thao và Du lịch", ["Sở VHTT&DL"]),
    ("GDDT", "Sở Giáo dục và Đào tạo", ["Sở GD&ĐT", "GD&ĐT"]),
    ("YT", "Sở Y tế", []),
    ("TTR", "Thanh tra tỉnh", []),
    ("VPUB", "Văn phòng UBND tỉnh", ["VP UBND tỉnh"]),
    ("NGV", "Sở Ngoại vụ", []),
    ("DTTG", "Sở Dân tộc và Tôn giáo", ["Sở DT&TG"]),
]

# Obstacle groups (nhóm vướng mắc), from what the communes raised in the article.
_CATEGORIES = [
    ("dat-dai", "Đất đai, cấp giấy chứng nhận, hồ sơ địa chính"),
    ("nhan-su", "Tổ chức bộ máy, biên chế, cán bộ chuyên môn"),
    ("che-do", "Chế độ, chính sách, phụ cấp cho cán bộ"),
    ("tai-chinh", "Tài chính, ngân sách, phân cấp nguồn thu"),
    ("dau-tu-cong", "Đầu tư công, giải ngân"),
    ("co-so-vat-chat", "Cơ sở vật chất, trụ sở làm việc"),
    ("cntt", "Công nghệ thông tin, chuyển đổi số, dịch vụ công trực tuyến"),
    ("giao-duc", "Giáo dục"),
    ("y-te", "Y tế"),
    ("nong-nghiep", "Nông nghiệp, thú y, phòng chống dịch bệnh"),
    ("thien-tai", "Phòng chống và khắc phục thiên tai"),
    ("quy-hoach-xay-dung", "Quy hoạch, xây dựng"),
    ("khac", "Khác"),
]


def departments() -> Departments:
    return Departments(
        departments=[
            Department(code=code, name=name, **({"aliases": aliases} if aliases else {}))
            for code, name, aliases in _DEPARTMENTS
        ]
    )


def categories() -> Categories:
    return Categories(categories=[Category(code=code, name=name) for code, name in _CATEGORIES])


def followup() -> FollowUp:
    """The escalation ladder: an item reminded twice, or a month overdue, is reported
    to the UBND tỉnh through its Văn phòng (domain.md). The letters are signed by the
    Tổ trưởng, the vice-chair who leads the working group (`signer_code` PCT): he is
    never copied "for report" on a letter he signs, so the ladder has no rung that
    reports to him (a rung copying PCT would add nobody)."""
    return FollowUp(
        recipients=[Recipient(code="PCT", name="Phó Chủ tịch UBND tỉnh, Tổ trưởng Tổ công tác số 2")],
        ladder=[
            Step(after_reminders=2, after_days_overdue=30, copy_to=["VPUB"],
                 label="báo cáo UBND tỉnh (qua Văn phòng UBND tỉnh)"),
        ],
        letter=Letter(number="…/TCT2-ĐĐ", signer="Nguyễn Văn Đệ", signer_code="PCT"),
    )  # fmt: skip
