"""The small state every operation works on: a data folder, its registry of codes,
and its cache, brought up to date once per command."""

from dataclasses import dataclass, field
from pathlib import Path

from tracker import rules, store
from tracker.cache import Index, registries
from tracker.errors import DataError, FieldError, Problem
from tracker.i18n import tr
from tracker.registry import Categories, Departments, FollowUp, Registry


@dataclass
class Workspace:
    root: Path
    data: store.DataDir = field(init=False)
    _departments: Departments | None = field(default=None, init=False, repr=False)
    _categories: Categories | None = field(default=None, init=False, repr=False)
    _index: Index | None = field(default=None, init=False, repr=False)
    _problems: list[Problem] = field(default_factory=list, init=False, repr=False)
    # Files a read went on without, and why: the command says so (none is skipped silently).
    skipped: list[Problem] = field(default_factory=list, init=False, repr=False)
    # What the command says on stderr once it is done (no user.name in git: whose name it wrote).
    notices: list[str] = field(default_factory=list, init=False, repr=False)

    def __post_init__(self) -> None:
        self.data = store.DataDir(self.root)
        # A write of several files that a crash cut short is finished (or refused)
        # before anything is read: no command sees half of one.
        store.finish_interrupted(self.root)

    # ------------------------------------------------------------ registries

    # The registries come from the cache when their files have not changed (registries.py).

    def departments(self) -> Departments:
        if self._departments is None:
            self._departments = registries.read(self.root, self.root / store.DEPARTMENTS, Departments)
        return self._departments

    def categories(self) -> Categories:
        if self._categories is None:
            path = self.root / store.CATEGORIES
            exists = path.exists()
            self._categories = registries.read(self.root, path, Categories) if exists else Categories(categories=[])
        return self._categories

    def followup(self) -> FollowUp:
        """data/followup.yaml; without one, no ladder (nothing escalates by reminders)."""
        path = self.root / store.FOLLOWUP
        return registries.read(self.root, path, FollowUp) if path.exists() else FollowUp()

    def policy(self) -> rules.Policy:
        """How deadlines are judged (followup.yaml's undated_after_days, overdue_ages, on_time_bands)."""
        f = self.followup()
        return rules.Policy(f.undated_after_days, tuple(f.overdue_ages), f.on_time_bands.good, f.on_time_bands.fair)

    def department_names(self) -> dict[str, str]:
        """Code → name, in the registry's order (the order reports list them in)."""
        return {d.code: d.name for d in self.departments().departments}

    def category_names(self) -> dict[str, str]:
        return {c.code: c.name for c in self.categories().categories}

    def registry(self) -> Registry:
        return Registry(set(self.department_names()), set(self.category_names()), names=self.names())

    def names(self) -> dict[str, str]:
        """Folded code, name or alias of each department and obstacle group → its code."""
        return self.dept_keys() | self.category_keys()

    def dept_keys(self) -> dict[str, str]:
        """Folded code, name or alias ("NN&MT", "Sở Nội vụ") → department code."""
        from tracker.text import fold

        table: dict[str, str] = {}
        for dept in self.departments().departments:
            aliases = (dept.model_extra or {}).get("aliases") or []
            for key in (dept.code, dept.name, *(aliases if isinstance(aliases, list) else [aliases])):
                table.setdefault(fold(str(key)), dept.code)
        return table

    def category_keys(self) -> dict[str, str]:
        """Folded code or name → category code ("dat dai" and "Đất đai" find `dat-dai`)."""
        from tracker.text import fold

        table: dict[str, str] = {}
        for c in self.categories().categories:
            for key in (c.code, c.code.replace("-", " "), c.name):
                table.setdefault(fold(key), c.code)
        return table

    # ------------------------------------------------------------ the cache

    def index(self) -> Index:
        """The cache, brought up to date once per command (a report reads it twice)."""
        if self._index is None:
            self._index = Index(self.data, self.registry())
            self._problems = self._index.refresh().problems
        return self._index

    def readable(self, file: str | None = None) -> Index:
        """The cache, to read what can be read of the files it answers for (`file`, or
        all): a file that cannot be read is left out and listed in `skipped`, for
        the command to say so."""
        index = self.index()
        problems = self._problems
        if file is not None:
            shown = store.display(self.data.communes_dir / file)
            problems = [p for p in problems if p.path == shown]
        self.skipped += [p for p in problems if p not in self.skipped]
        return index

    def whole(self) -> Index:
        """The cache, when every file can be read: what rewrites every file (`fmt`)
        stops on one it cannot read."""
        index = self.index()
        if self._problems:
            raise DataError(self._problems)
        return index

    def user(self, by: str | None = None) -> str:
        """Who makes a change: `by`, else git's user.name, else the login name (said once,
        with how to set a name). A name is one line: a line break (stored as a block) or
        another control character is refused."""
        if by is not None and any(c < " " or "\x7f" <= c <= "\x9f" for c in by):
            raise FieldError.one("by", tr("tên phải nằm trên một dòng, không có ký tự điều khiển",
                                          "a name is one line, without control characters"))  # fmt: skip
        if by:
            return by
        from tracker import gitio  # git runs only for a command that writes

        name = gitio.git_user(self.root)
        if name:
            return name
        login = gitio.user_name(self.root)
        notice = tr(f"cảnh báo: git chưa có user.name, lịch sử ghi 'by: {login}' (tên đăng nhập); đặt tên bằng "
                    'git config --global user.name "Họ Tên", hoặc ghi --by',
                    f"warning: git has no user.name, the history says 'by: {login}' (the login name); set one with "
                    'git config --global user.name "Full Name", or pass --by')  # fmt: skip
        if notice not in self.notices:  # said once
            self.notices.append(notice)
        return login
