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

The package, lowest first: `config` (every tuning constant and word list, one frozen
value whose digest is the version the cache keys on), `vocabulary` (those lists made
ready for matching), `terms` (text read into weighted terms), `scoring` (rarity,
cosine, the score) and `grouping` (groups of one obstacle).
"""

from tracker.similarity.config import CONFIG, Config, active
from tracker.similarity.grouping import Item, Model, centre
from tracker.similarity.scoring import Compact, Corpus, compact, cosine, score
from tracker.similarity.terms import Analysed, analyse, concepts, fuzzy_text, syllables, terms

# The default configuration's values, for those who read one constant. What runs
# reads `config.CONFIG` when it runs (a test may put another in its place).
THRESHOLD = CONFIG.threshold


def version(config: Config | None = None) -> str:
    """What kept terms and groups depend on: the configuration's digest."""
    return active(config).digest


__all__ = [
    "CONFIG",
    "THRESHOLD",
    "Analysed",
    "Compact",
    "Config",
    "Corpus",
    "Item",
    "Model",
    "active",
    "analyse",
    "centre",
    "compact",
    "concepts",
    "cosine",
    "fuzzy_text",
    "score",
    "syllables",
    "terms",
    "version",
]
