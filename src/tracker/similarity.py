"""How alike two obstacles are, for short Vietnamese administrative text.

The same obstacle comes from many communes in other words: "Luật Đất đai 2024 chưa
được hướng dẫn; hồ sơ cấp GCNQSD còn vướng" and "Chưa có văn bản hướng dẫn Luật Đất
đai năm 2024 nên hồ sơ cấp giấy chứng nhận quyền sử dụng đất bị ách tắc". So:

- text is NFC, folded (no diacritics, đ → d, lower case), split into syllables;
  the usual abbreviations are spelt out (GCNQSD, TTHC, CBCC, CNTT …); the accented
  syllable counts a little too, where the writer typed it;
- the words every record holds ("xã", "đề nghị", "chưa", "các", "việc" …) are
  dropped, and the words that say what kind of trouble it is rather than what it is
  about ("thiếu", "cán bộ", "kinh phí", "hướng dẫn" …) weigh less: "thiếu giáo viên"
  and "thiếu cán bộ thú y" are other obstacles;
- syllable pairs stand in for words (most Vietnamese words are two syllables);
- words of one meaning count as one concept too ("máy tính", "tin học" → IT
  equipment; "mưa lũ", "bão lũ" → natural disaster);
- each term weighs by its rarity in the data (IDF); the title weighs more than the
  description;
- a typo-tolerant second signal (rapidfuzz's token-set ratio of the folded titles)
  catches "cap GNCQSD" for "cấp GCNQSD".

The score is in [0, 1]. Nothing is downloaded, nothing needs a network.
"""

import heapq
import math
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from tracker.text import fold, nfc

# Abbreviations commune reports use (folded, as typed) and what they stand for.
ABBREVIATIONS = {
    "gcnqsd": "giấy chứng nhận quyền sử dụng",
    "gcnqsdd": "giấy chứng nhận quyền sử dụng đất",
    "gcn": "giấy chứng nhận",
    "qsd": "quyền sử dụng",
    "qsdd": "quyền sử dụng đất",
    "tthc": "thủ tục hành chính",
    "cbcc": "cán bộ công chức",
    "cbccvc": "cán bộ công chức viên chức",
    "cntt": "công nghệ thông tin",
    "ubnd": "ủy ban nhân dân",
    "hdnd": "hội đồng nhân dân",
    "xdcb": "xây dựng cơ bản",
    "gpmb": "giải phóng mặt bằng",
    "gpxd": "giấy phép xây dựng",
    "ntm": "nông thôn mới",
    "dvc": "dịch vụ công",
    "dvctt": "dịch vụ công trực tuyến",
    "csvc": "cơ sở vật chất",
    "qh": "quy hoạch",
    "nsnn": "ngân sách nhà nước",
    "mttq": "mặt trận tổ quốc",
    "bhxh": "bảo hiểm xã hội",
    "bhyt": "bảo hiểm y tế",
    "tnmt": "tài nguyên môi trường",
    "nnmt": "nông nghiệp môi trường",
    "pccc": "phòng cháy chữa cháy",
    "htx": "hợp tác xã",
}
# Words nearly every record holds: they tell records apart no more than punctuation
# does. Matched with their accents, since folded many are other words too ("tại"
# and "tài", "số" and "sở", "do" and "đo"); in text typed without any, only those
# that fold to no other word are dropped (STOP_PLAIN).
STOP = set(
    """
    xã phường thôn các của và cho trong trên dưới nhiều một được bị có không đã đang sẽ còn là thì nên do vì về
    tại với theo những nhưng đến sau khi này kia nào đó hay phải cũng rất lại từ ra vào như nhất mọi mỗi chưa việc
    tỉnh huyện ở để
    """.split()  # noqa: SIM905
)
STOP_PLAIN = set(
    """
    xa cac va tren duoi nhieu mot duoc bi khong se la thi nen vi voi theo nhung den sau khi nay kia nao hay phai
    rat lai ra vao nhat chua viec huyen o
    """.split()  # noqa: SIM905
)
STOP_PHRASES = [
    "ủy ban nhân dân", "đề nghị", "công tác", "địa bàn", "địa phương", "thực hiện", "hiện nay", "hiện tại",
    "vấn đề", "một số", "trường hợp",
]  # fmt: skip
# Words that say what kind of trouble a record is (short of, unclear, worn out …)
# rather than what it is about: they weigh GENERIC of a word that names the matter.
# Folded: a softer weight does little harm to the other words they fold to.
GENERIC_WORDS = set(
    """
    thieu kho khan vuong mac vuong chua co du ro cu the huong dan quy dinh van ban chinh sach che do kinh phi nguon
    can bo cong chuc vien chuc nhan vien nguoi luc luong chuyen mon linh vuc trach nhiem quan ly to chuc bo tri dap
    ung yeu cau phu hop kip thoi thuong xuyen cham tien do xu ly giai quyet thuc te sap xep sap nhap hop nhat cap de
    xuat bo sung ho tro can dau tu nang cap sua chua xuong cap hu hong lac hau cu dan thap kem yeu han che nhan dan
    nhieu it tang giam moi cao day du chat che lam tao lap thay doi dieu chinh ket hop phoi hop
    """.split()  # noqa: SIM905
)
# Phrases of one meaning and the concept each counts as, besides its words. Matched
# with their accents ("bão" is a storm, "báo" a report); in text typed without any,
# only the phrases of more than one syllable.
CONCEPTS = {
    "it equipment": "máy tính|máy vi tính|máy in|máy scan|tin học|thiết bị công nghệ thông tin|máy móc thiết bị",
    "network": "internet|mạng|đường truyền|kết nối mạng|wifi|băng thông|mất kết nối|kết nối",
    "one-stop system": "một cửa|một cửa điện tử|giải quyết thủ tục hành chính|hệ thống thông tin giải quyết",
    "disaster": "thiên tai|mưa lũ|bão lũ|lũ lụt|lũ|bão|sạt lở|ngập úng|mưa bão",
    "school": "trường học|phòng học|điểm trường|trường mầm non|mầm non|tiểu học|trung học cơ sở",
    "office": "trụ sở|phòng làm việc|nơi làm việc|chỗ làm việc|trụ sở làm việc",
    "cramped": "chật hẹp|chật|nhỏ hẹp|không đủ chỗ",
    "minerals": "khoáng sản|cát sỏi|cát|sỏi|khai thác",
    "survey": "đo đạc|đo vẽ|đo đạc lại",
    "livestock": "gia súc|gia cầm|vật nuôi|đàn vật nuôi|lợn|trâu bò|chăn nuôi",
    "epidemic": "dịch bệnh|dịch tả|vắc xin|tiêm phòng",
    "public investment": "đầu tư công|xây dựng cơ bản|vốn đầu tư",
    "digital signature": "chữ ký số|chứng thư số|ký số",
    "building permit": "giấy phép xây dựng|cấp phép xây dựng|cấp phép",
    "concurrent post": "kiêm nhiệm|kiêm nhiều việc|kiêm nhiều chức danh",
    "surplus staff": "dôi dư|tinh giản|nghỉ chế độ|nghỉ hưu trước tuổi",
    "allowance": "phụ cấp|chế độ|thù lao",
    "revenue": "nguồn thu|khoản thu|điều tiết|phân cấp nguồn thu|thu ngân sách",
    "running costs": "chi thường xuyên|kinh phí hoạt động|hoạt động thường xuyên|hoạt động bộ máy|dự toán chi",
    "teacher": "giáo viên|biên chế giáo viên",
    "public land": "đất công|đất công ích|quỹ đất công",
    "auction": "đấu giá|giá khởi điểm",
    "investor": "chủ đầu tư",
}
_WORD = re.compile(r"\w+")
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng


@lru_cache(maxsize=1 << 16)
def _accented(word: str) -> str:
    """A syllable with its accents, the same however the tone was placed ("hòa" and
    "hoà", "thủy" and "thuỷ" alike): its letters, then its tone."""
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d\u0335"))
    tone = next((c for c in decomposed if c in _TONES), "")
    letters = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return letters.replace("d\u0335", "đ") + (str(_TONES.index(tone) + 1) if tone else "")


def _phrases(table: dict[str, str], plain: bool) -> dict[tuple[str, ...], str]:
    """Phrase → what it names, keyed by syllables with accents or, `plain`, folded
    (then only phrases of more than one syllable, or written without accents)."""
    out: dict[tuple[str, ...], str] = {}
    for phrase, value in table.items():
        words = phrase.split()
        if plain:
            if len(words) > 1 or phrase.isascii():
                out[tuple(fold(w) for w in words)] = value
        else:
            out[tuple(_accented(w) for w in words)] = value
    return out


_CONCEPT_OF = {p: c for c, phrases in CONCEPTS.items() for p in phrases.split("|")}
_STOPPED = {p: "" for p in STOP_PHRASES}
_TABLES = {plain: (_phrases(_CONCEPT_OF, plain), _phrases(_STOPPED, plain)) for plain in (False, True)}
_STARTS = {plain: {p[0] for table in _TABLES[plain] for p in table} for plain in (False, True)}
_STOP_ACCENTED = {_accented(w) for w in STOP}
_LONGEST = max(len(p.split()) for p in [*_CONCEPT_OF, *STOP_PHRASES])
TITLE, BODY = 1.0, 0.35  # weights: a title's term, a description's
PAIR = 1.0  # a syllable pair, against one syllable
GENERIC = 0.5  # a word of GENERIC_WORDS, against a word that names the matter
CONCEPT = 1.5  # a concept, against one syllable
ACCENT = 0.3  # the accented syllable, besides its folded form
RARITY = 1.25  # how strongly rarity counts: the power of the IDF


@lru_cache(maxsize=1 << 16)
def _word(word: str) -> tuple[tuple[str, str], ...]:
    """(folded, accented) syllables of one word, an abbreviation spelt out: a
    language has few words, so they are kept."""
    folded = fold(word)
    spelt = ABBREVIATIONS.get(folded)
    if spelt:
        return tuple((fold(s), _accented(s)) for s in spelt.split())
    if folded.isalnum() and folded.isascii():
        return ((folded, _accented(word)),)
    return ()


@dataclass
class _Read:
    """A text read for comparing: its kept syllables and the concepts it names."""

    kept: list[tuple[str, str]]  # (folded, accented), stop words gone
    concepts: list[str]


def _read(text: str) -> _Read:
    words: list[tuple[str, str]] = []
    for word in _WORD.findall(nfc(text).casefold()):
        words += _word(word)
    plain = all(a == f for f, a in words)  # typed without any accent
    keys = [f if plain else a for f, a in words]
    concepts_of, stopped = _TABLES[plain]
    starts = _STARTS[plain]
    stop = STOP_PLAIN if plain else _STOP_ACCENTED
    kept: list[tuple[str, str]] = []
    found: list[str] = []
    n = 0
    while n < len(words):
        if keys[n] not in starts:  # most words begin no phrase
            if keys[n] not in stop:
                kept.append(words[n])
            n += 1
            continue
        for size in range(min(_LONGEST, len(words) - n), 0, -1):
            key = tuple(keys[n : n + size])
            concept = concepts_of.get(key)
            if concept is not None:
                found.append(concept)
            if key in stopped:
                n += size
                break
            if concept is not None:
                kept += words[n : n + size]
                n += size
                break
        else:
            if keys[n] not in stop:
                kept.append(words[n])
            n += 1
    return _Read(kept, found)


def syllables(text: str) -> list[str]:
    """The folded syllables of `text`, abbreviations spelt out, stop words gone."""
    return [f for f, _ in _read(text).kept]


def concepts(text: str) -> list[str]:
    """The concepts `text` names, longest phrase first."""
    return _read(text).concepts


def _weight(syllable: str) -> float:
    return GENERIC if syllable in GENERIC_WORDS else 1.0


def _add(weights: dict[str, float], read: _Read, weight: float, accents: bool) -> None:
    for concept in read.concepts:
        weights["=" + concept] += weight * CONCEPT
    for f, a in read.kept:
        weights[f] += weight * _weight(f)
        if accents and a != f:
            weights["'" + a] += weight * ACCENT * _weight(f)
    for (a, _), (b, _) in pairwise(read.kept):
        weights[f"{a} {b}"] += weight * PAIR * max(_weight(a), _weight(b))


BODY_SYLLABLES = 60  # what of a description counts: its beginning says what it is about


@dataclass
class Analysed:
    """What a record is compared by: all its terms, those of its title alone (which
    propose candidates), and its title as the typo-tolerant signal reads it."""

    terms: dict[str, float]
    title_terms: dict[str, float]
    fuzzy: str


def analyse(title: str, description: str | None = None) -> Analysed:
    """A record's terms and their weights: syllables, syllable pairs, accented
    syllables and concepts of the title; less of the description's beginning."""
    read = _read(title)
    weights: dict[str, float] = defaultdict(float)
    _add(weights, read, TITLE, True)
    own = dict(weights)
    if description:
        body = _read(description)
        body.kept = body.kept[:BODY_SYLLABLES]
        _add(weights, body, BODY, False)
    return Analysed(dict(weights), own, " ".join(f for f, _ in read.kept))


def terms(title: str, description: str | None = None) -> dict[str, float]:
    """A record's terms and their weights (see `analyse`)."""
    return analyse(title, description).terms


def fuzzy_text(title: str) -> str:
    """The title as the typo-tolerant signal compares it."""
    return " ".join(syllables(title))


@dataclass
class Corpus:
    """The records compared, with how many hold each term (for the rarity weights)."""

    df: Counter[str] = field(default_factory=Counter)
    size: int = 0

    known: dict[str, float] = field(default_factory=dict)  # the IDF of terms asked for

    @classmethod
    def known_counts(cls, counts: dict[str, int], size: int) -> "Corpus":
        """A corpus known by how many of its `size` records hold each term."""
        return cls(Counter(counts), size)

    def add(self, found: dict[str, float]) -> None:
        self.df.update(found.keys())
        self.size += 1
        if self.known:
            self.known.clear()

    def idf(self, term: str) -> float:
        weight = self.known.get(term)
        if weight is None:
            weight = (math.log((self.size + 1) / (self.df.get(term, 0) + 1)) + 1.0) ** RARITY
            if term in self.df:
                self.known[term] = weight
        return weight

    def vector(self, found: dict[str, float]) -> dict[str, float]:
        """Terms weighed by rarity, to length 1."""
        idf = self.idf
        raw = {t: w * idf(t) for t, w in found.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {t: v / norm for t, v in raw.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(a[t] * b[t] for t in a.keys() & b.keys())


FUZZ = 0.2  # the share of the score the typo-tolerant signal gives


def score(va: dict[str, float], vb: dict[str, float], fa: str, fb: str) -> float:
    """How alike two records are, in [0, 1], from their rarity-weighed vectors and
    their folded titles."""
    alike = cosine(va, vb)
    if alike <= 0.05:
        return alike * (1 - FUZZ)
    from rapidfuzz.fuzz import token_set_ratio

    return (1 - FUZZ) * alike + FUZZ * token_set_ratio(fa, fb) / 100.0


@dataclass
class Item:
    key: str
    title: str
    description: str | None = None


def _weight_of(item: tuple[str, float]) -> tuple[float, str]:
    return item[1], item[0]


def _stable(key: str) -> int:
    """A number for `key` that is the same on every run (Python's hash is not)."""
    return zlib.crc32(key.encode())


class Model:
    """Records held in memory and compared with one another: the labelled set, or
    the issues of a data folder for `clusters`."""

    def __init__(self, keys: list[str], raw: list[dict[str, float]], fuzzy: list[str]) -> None:
        self.keys = keys
        self.corpus = Corpus()
        for found in raw:
            self.corpus.add(found)
        self.vectors = [self.corpus.vector(found) for found in raw]
        self.fuzzy = fuzzy
        self.postings: dict[str, list[int]] = {}
        for n, found in enumerate(raw):
            for term in found:
                self.postings.setdefault(term, []).append(n)

    @classmethod
    def of(cls, items: Iterable[Item]) -> "Model":
        listed = list(items)
        return cls([i.key for i in listed], [terms(i.title, i.description) for i in listed],
                   [fuzzy_text(i.title) for i in listed])  # fmt: skip

    def candidates(self, vector: dict[str, float], postings: dict[str, list[int]] | None = None,
                   skip: int = -1, among: int = 0) -> list[int]:  # fmt: skip
        """Records that share a term with `vector`; a term that a twentieth of the
        records (of `among` records, when `postings` holds those) hold proposes nothing."""
        postings = self.postings if postings is None else postings
        common = max(50, (among or self.corpus.size) // 20)
        out: dict[int, None] = {}
        for term in vector:
            found = postings.get(term, ())
            if len(found) <= common:
                out.update(dict.fromkeys(found))
        out.pop(skip, None)
        return list(out)

    def similar(self, title: str, description: str | None = None, limit: int = 5,
                skip: int | None = None) -> list[tuple[int, float]]:  # fmt: skip
        """(index, score) of the records most like a text, best first."""
        vector = self.corpus.vector(terms(title, description))
        text = fuzzy_text(title)
        scored = [(n, score(vector, self.vectors[n], text, self.fuzzy[n]))
                  for n in self.candidates(vector, skip=-1 if skip is None else skip)]  # fmt: skip
        return sorted(scored, key=lambda x: (-x[1], x[0]))[:limit]

    def pair(self, n: int, m: int) -> float:
        return score(self.vectors[n], self.vectors[m], self.fuzzy[n], self.fuzzy[m])

    def clusters(self, threshold: float | None = None, link: float | None = None) -> list[list[int]]:
        """Groups of records that are one obstacle, largest first, each in the order of
        the records; the same groups on every run."""
        threshold = THRESHOLD if threshold is None else threshold
        link = LINK if link is None else link
        found = self._cluster(list(range(len(self.vectors))), threshold, link)
        return sorted((sorted(g) for g in found if len(g) > 1), key=lambda g: (-len(g), g[0]))

    def _cluster(self, members: list[int], threshold: float, link: float) -> list[list[int]]:
        """All pairs of up to EXACT records; of more, those of a sample, and the others
        joined to the group whose centre they are closest to, if close enough; what
        joins none is grouped the same way, among itself."""
        if len(members) <= EXACT:
            return self._exact(members, threshold, link)
        ranked = sorted(members, key=lambda n: (_stable(self.keys[n]), n))
        groups = self._exact(sorted(ranked[:EXACT]), threshold, link)
        centres = [self._centre(g) for g in groups]
        postings: dict[str, list[tuple[int, float]]] = {}
        for k, centre in enumerate(centres):
            for term, weight in centre.items():
                postings.setdefault(term, []).append((k, weight))
        rest = []
        for n in sorted(ranked[EXACT:]):
            # The centres its heaviest terms point to, roughly ranked term by term; the
            # closest few then measured exactly.
            vector = self.vectors[n]
            close: dict[int, float] = {}
            heaviest = vector.items() if len(vector) <= PROBE else heapq.nlargest(PROBE, vector.items(), key=_weight_of)
            for term, weight in heaviest:
                for k, theirs in postings.get(term, ()):
                    close[k] = close.get(k, 0.0) + weight * theirs
            near = heapq.nlargest(NEAR, close, key=lambda k: (close[k], -k))
            best = max(((cosine(vector, centres[k]), -k) for k in near), default=(0.0, 0))
            if best[0] >= ASSIGN:
                groups[-best[1]].append(n)
            else:
                rest.append(n)
        return groups + self._cluster(rest, threshold, link)

    def representative(self, group: list[int]) -> int:
        """The record of a group closest to what they all say (its centre); the first
        of those, in a tie."""
        centre = self._centre(group)
        return max(group, key=lambda n: (cosine(self.vectors[n], centre), -n))

    def _centre(self, group: list[int]) -> dict[str, float]:
        """The mean of a group's vectors, its CENTRE heaviest terms, to length 1."""
        total: Counter[str] = Counter()
        for n in group:
            total.update(self.vectors[n])
        kept = dict(sorted(total.items(), key=lambda tv: (-tv[1], tv[0]))[:CENTRE])
        norm = math.sqrt(sum(v * v for v in kept.values())) or 1.0
        return {t: v / norm for t, v in kept.items()}

    def _exact(self, members: list[int], threshold: float, link: float) -> list[list[int]]:
        """Average linkage over the pairs of `members` that share a rare term: the
        closest pairs join first, and two groups join only while their records are, on
        the average, alike (a pair never scored counts as 0), so that a chain of records
        each a little like the next does not make one group of everything. Every
        member is in one group (many alone)."""
        postings: dict[str, list[int]] = {}
        for n in members:
            for term in self.vectors[n]:
                postings.setdefault(term, []).append(n)
        edges = []
        # between[g][h] = [sum, count] of the scored pairs between groups g and h
        between: dict[int, dict[int, list[float]]] = {n: {} for n in members}
        for n in members:
            for m in self.candidates(self.vectors[n], postings, skip=n, among=len(members)):
                if m < n:
                    continue
                alike = self.pair(n, m)
                between[n][m] = between[m][n] = [alike, 1.0]
                if alike >= threshold:
                    edges.append((alike, n, m))
        edges.sort(key=lambda e: (-e[0], e[1], e[2]))
        leader = {n: n for n in members}
        groups = {n: [n] for n in members}

        def find(n: int) -> int:
            while leader[n] != n:
                leader[n] = leader[leader[n]]
                n = leader[n]
            return n

        for _, n, m in edges:
            a, b = find(n), find(m)
            if a == b or between[a].get(b, (0.0,))[0] / (len(groups[a]) * len(groups[b])) < link:
                continue
            if len(groups[a]) < len(groups[b]):
                a, b = b, a
            leader[b] = a
            groups[a] += groups.pop(b)
            for h, (total, count) in between.pop(b).items():
                if h != a:
                    ours = between[a].setdefault(h, [0.0, 0.0])
                    ours[0] += total
                    ours[1] += count
                    del between[h][b]
                    between[h][a] = ours
            between[a].pop(b, None)
        return [sorted(g) for g in groups.values()]


# Changes whenever what a score or a cluster comes out as does: kept clusters are then
# worked out again.
VERSION = "1"
THRESHOLD = 0.35  # the score from which two records are proposed as one obstacle
LINK = 0.3  # the average score two groups of records must have to join
EXACT = 3000  # the most records grouped by comparing every pair that shares a rare term
ASSIGN = 0.3  # how close (cosine) a record must be to a group's centre to join it
CENTRE = 40  # the terms a group's centre keeps
PROBE = 12  # the heaviest terms of a record that find the centres it may join
NEAR = 5  # the centres then measured exactly
