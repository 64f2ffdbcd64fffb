"""Every tuning constant and word list of similarity, in one frozen value.

What a score or a group comes out as depends on this value and on the code; its
`digest` is the version the cache keys its kept terms and groups on, so a change of
one word here works every issue's terms out again on the next command that compares
issues. A change of the code that changes a score or a group bumps `revision`.

The word lists are as commune reports write them; the weights were chosen on
tests/similar/groups.yaml and checked on tests/similar/held_out.yaml
(benchmarks/similar_eval.py).
"""

import hashlib
import json
from dataclasses import dataclass, fields
from functools import cached_property


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class Config:
    """How alike two obstacles are and how they are grouped: see the package's docstring."""

    # Bump when the code (not this value) changes what a score or a group comes out as.
    revision: int = 1

    # ------------------------------------------------------------ vocabulary
    # Abbreviations commune reports use (folded, as typed) and what they stand for.
    abbreviations: tuple[tuple[str, str], ...] = (
        ("gcnqsd", "giấy chứng nhận quyền sử dụng"),
        ("gcnqsdd", "giấy chứng nhận quyền sử dụng đất"),
        ("gcn", "giấy chứng nhận"),
        ("qsd", "quyền sử dụng"),
        ("qsdd", "quyền sử dụng đất"),
        ("tthc", "thủ tục hành chính"),
        ("cbcc", "cán bộ công chức"),
        ("cbccvc", "cán bộ công chức viên chức"),
        ("cntt", "công nghệ thông tin"),
        ("ubnd", "ủy ban nhân dân"),
        ("hdnd", "hội đồng nhân dân"),
        ("xdcb", "xây dựng cơ bản"),
        ("gpmb", "giải phóng mặt bằng"),
        ("gpxd", "giấy phép xây dựng"),
        ("ntm", "nông thôn mới"),
        ("dvc", "dịch vụ công"),
        ("dvctt", "dịch vụ công trực tuyến"),
        ("csvc", "cơ sở vật chất"),
        ("qh", "quy hoạch"),
        ("nsnn", "ngân sách nhà nước"),
        ("mttq", "mặt trận tổ quốc"),
        ("bhxh", "bảo hiểm xã hội"),
        ("bhyt", "bảo hiểm y tế"),
        ("tnmt", "tài nguyên môi trường"),
        ("nnmt", "nông nghiệp môi trường"),
        ("pccc", "phòng cháy chữa cháy"),
        ("htx", "hợp tác xã"),
    )
    # Words nearly every record holds: they tell records apart no more than punctuation
    # does. Matched with their accents, since folded many are other words too ("tại"
    # and "tài", "số" and "sở", "do" and "đo"); in text typed without any, only those
    # that fold to no other word are dropped (`stop_plain`).
    stop: frozenset[str] = _words(
        """
        xã phường thôn các của và cho trong trên dưới nhiều một được bị có không đã đang sẽ còn là thì nên do vì về
        tại với theo những nhưng đến sau khi này kia nào đó hay phải cũng rất lại từ ra vào như nhất mọi mỗi chưa việc
        tỉnh huyện ở để
        """
    )
    stop_plain: frozenset[str] = _words(
        """
        xa cac va tren duoi nhieu mot duoc bi khong se la thi nen vi voi theo nhung den sau khi nay kia nao hay phai
        rat lai ra vao nhat chua viec huyen o
        """
    )
    stop_phrases: tuple[str, ...] = (
        "ủy ban nhân dân", "đề nghị", "công tác", "địa bàn", "địa phương", "thực hiện", "hiện nay", "hiện tại",
        "vấn đề", "một số", "trường hợp",
    )  # fmt: skip
    # Words that say what kind of trouble a record is (short of, unclear, worn out …)
    # rather than what it is about: they weigh `generic` of a word that names the
    # matter. Folded: a softer weight does little harm to the other words they fold to.
    generic_words: frozenset[str] = _words(
        """
        thieu kho khan vuong mac vuong chua co du ro cu the huong dan quy dinh van ban chinh sach che do kinh phi nguon
        can bo cong chuc vien chuc nhan vien nguoi luc luong chuyen mon linh vuc trach nhiem quan ly to chuc bo tri dap
        ung yeu cau phu hop kip thoi thuong xuyen cham tien do xu ly giai quyet thuc te sap xep sap nhap hop nhat cap de
        xuat bo sung ho tro can dau tu nang cap sua chua xuong cap hu hong lac hau cu dan thap kem yeu han che nhan dan
        nhieu it tang giam moi cao day du chat che lam tao lap thay doi dieu chinh ket hop phoi hop
        """
    )
    # Phrases of one meaning and the concept each counts as, besides its words. Matched
    # with their accents ("bão" is a storm, "báo" a report); in text typed without any,
    # only the phrases of more than one syllable. A phrase named by two concepts counts
    # as the later.
    concepts: tuple[tuple[str, str], ...] = (
        ("it equipment", "máy tính|máy vi tính|máy in|máy scan|tin học|thiết bị công nghệ thông tin|máy móc thiết bị"),
        ("network", "internet|mạng|đường truyền|kết nối mạng|wifi|băng thông|mất kết nối|kết nối"),
        ("one-stop system", "một cửa|một cửa điện tử|giải quyết thủ tục hành chính|hệ thống thông tin giải quyết"),
        ("disaster", "thiên tai|mưa lũ|bão lũ|lũ lụt|lũ|bão|sạt lở|ngập úng|mưa bão"),
        ("school", "trường học|phòng học|điểm trường|trường mầm non|mầm non|tiểu học|trung học cơ sở"),
        ("office", "trụ sở|phòng làm việc|nơi làm việc|chỗ làm việc|trụ sở làm việc"),
        ("cramped", "chật hẹp|chật|nhỏ hẹp|không đủ chỗ"),
        ("minerals", "khoáng sản|cát sỏi|cát|sỏi|khai thác"),
        ("survey", "đo đạc|đo vẽ|đo đạc lại"),
        ("livestock", "gia súc|gia cầm|vật nuôi|đàn vật nuôi|lợn|trâu bò|chăn nuôi"),
        ("epidemic", "dịch bệnh|dịch tả|vắc xin|tiêm phòng"),
        ("public investment", "đầu tư công|xây dựng cơ bản|vốn đầu tư"),
        ("digital signature", "chữ ký số|chứng thư số|ký số"),
        ("building permit", "giấy phép xây dựng|cấp phép xây dựng|cấp phép"),
        ("concurrent post", "kiêm nhiệm|kiêm nhiều việc|kiêm nhiều chức danh"),
        ("surplus staff", "dôi dư|tinh giản|nghỉ chế độ|nghỉ hưu trước tuổi"),
        ("allowance", "phụ cấp|chế độ|thù lao"),
        ("revenue", "nguồn thu|khoản thu|điều tiết|phân cấp nguồn thu|thu ngân sách"),
        ("running costs", "chi thường xuyên|kinh phí hoạt động|hoạt động thường xuyên|hoạt động bộ máy|dự toán chi"),
        ("teacher", "giáo viên|biên chế giáo viên"),
        ("public land", "đất công|đất công ích|quỹ đất công"),
        ("auction", "đấu giá|giá khởi điểm"),
        ("investor", "chủ đầu tư"),
    )

    # ------------------------------------------------------------ terms and their weights
    title: float = 1.0  # a title's term
    body: float = 0.35  # a description's term, against a title's
    body_syllables: int = 60  # what of a description counts: its beginning says what it is about
    pair: float = 1.0  # a syllable pair, against one syllable
    generic: float = 0.5  # a word of `generic_words`, against a word that names the matter
    concept: float = 1.5  # a concept, against one syllable
    accent: float = 0.3  # the accented syllable, besides its folded form
    rarity: float = 1.25  # how strongly rarity counts: the power of the IDF

    # ------------------------------------------------------------ scoring
    fuzz: float = 0.2  # the share of the score the typo-tolerant signal gives
    fuzz_from: float = 0.05  # the cosine below which the typo-tolerant signal is not asked
    threshold: float = 0.35  # the score from which two records are proposed as one obstacle
    floor: float = 0.1  # the score below which `similar` lists nothing: 0.01-0.03 share one common word
    common_share: int = 20  # a term held by one record in this many proposes no candidate...
    common_least: int = 50  # ...unless so few records hold it
    candidates: int = 400  # the issues a query to the cache scores at most: those sharing its rarest terms
    query_terms: int = 32  # the rarest terms of a query that find those candidates

    # ------------------------------------------------------------ grouping
    link: float = 0.3  # the average score two groups of records must have to join
    exact: int = 3000  # the most records grouped by comparing every pair that shares a rare term
    assign: float = 0.3  # how close (cosine) a record must be to a group's centre to join it
    centre: int = 40  # the terms a group's centre keeps
    probe: int = 12  # the heaviest terms of a record that find the centres it may join
    near: int = 5  # the centres then measured exactly
    cluster_terms: int = 40  # the heaviest terms of each issue that grouping compares (from the cache)
    # Beyond `exact` issues, a new or changed issue joins the kept groups (the cache's
    # `_regrouped`) until the issues added, changed or taken out since every issue was
    # last grouped are this share of them; then every issue is grouped again.
    regroup_share: float = 0.02
    neighbours: int = 20  # the issues most like a new one, whose groups it may join

    @cached_property
    def digest(self) -> str:
        """The version of everything above: the same value gives the same digest on
        every run and machine (sets sorted, numbers written as Python writes them)."""
        plain = {}
        for f in fields(self):
            value = getattr(self, f.name)
            plain[f.name] = sorted(value) if isinstance(value, frozenset) else value
        text = json.dumps(plain, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def concept_of(self) -> dict[str, str]:
        """Phrase → the concept it counts as."""
        return {p: c for c, phrases in self.concepts for p in phrases.split("|")}


# The configuration in use. A test may put another in its place (`monkeypatch`):
# everything that is not handed a configuration reads this one when it runs.
CONFIG = Config()


def active(config: "Config | None" = None) -> Config:
    """`config`, or the one in use."""
    return CONFIG if config is None else config
