"""The registry files (departments.yaml, categories.yaml, followup.yaml) as models, and
what other files refer to, as validation and the cache check it (`Registry`): the
department and category codes, every known ID, and the names a code may be written
as. Apart from validation and the commune files' models, which a warm read never
loads."""

import difflib
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import Field, Strict

from tracker.fields import Code, Coded, Days, Email, Record, Text
from tracker.i18n import Said, meant, said


@dataclass
class Registry:
    """What other files refer to: department and category codes, every known ID."""

    departments: set[str]
    categories: set[str]
    ids: set[str] = field(default_factory=set)
    # folded code, name or alias → code: what to write instead of a name ("Sở Xây dựng": XD)
    names: dict[str, str] = field(default_factory=dict)

    def instead(self, value: str, codes: set[str]) -> Said:
        """What to write instead of `value`, which is not one of `codes`: the code it
        names ("viết XD"), or the closest codes ("có phải NNMT?"); empty if none."""
        from tracker.text import fold

        named = self.names.get(fold(value))
        if named in codes or (named is None and fold(value).upper() in codes):
            code = named or fold(value).upper()
            return said(f": viết {code}", f": write {code}")
        close = difflib.get_close_matches(value.upper(), sorted(codes), n=2, cutoff=0.6)
        near = difflib.get_close_matches(fold(value), sorted(self.names), n=4, cutoff=0.75)
        close = close or list(dict.fromkeys(self.names[k] for k in near if self.names[k] in codes))[:2]
        if close:
            return said(" (", " (") + meant(close) + ")"
        return said("")


# ------------------------------------------------------------- the registry files
# departments.yaml, categories.yaml and followup.yaml, as models. Apart from the
# commune files' (models.py): a warm read makes these, from what the cache kept,
# and loads none of the others.


class Department(Coded):
    email: Email | None = None  # where reminders (đôn đốc) are sent
    head: Text | None = None  # whom a letter is addressed to, e.g. "Giám đốc Sở Nội vụ"


class Category(Coded):
    pass


class Departments(Record):
    departments: list[Department]

    def entries(self) -> list[Coded]:
        return list(self.departments)


class Categories(Record):
    categories: list[Category]

    def entries(self) -> list[Coded]:
        return list(self.categories)


class Recipient(Record):
    """Someone a reminder can be copied to besides the departments: the office of
    the vice-chair who leads the working group, say."""

    code: Code
    name: Text
    email: Email | None = None


class Step(Record):
    """A rung of the escalation ladder: an item reminded this many times, or overdue
    this many days, escalates, and its letter is copied to these recipients."""

    after_reminders: Annotated[int, Strict(), Field(ge=1)] | None = None
    after_days_overdue: Annotated[int, Strict(), Field(ge=1)] | None = None
    copy_to: list[Code] = Field(min_length=1)  # department or recipient codes
    label: Text | None = None  # what the letter says of it, e.g. "báo cáo UBND tỉnh"
    # A step that asks the unit for a written explanation (yêu cầu giải trình), due
    # this many days after the letter.
    explain_within_days: Annotated[int, Strict(), Field(ge=1, le=365)] | None = None


class Letter(Record):
    """How reminder letters are numbered and signed."""

    number: Text = "…/TCT2-ĐĐ"  # the "Số:" line; `…` is left for the office to fill in
    signer: Text | None = None  # the full name under the signature
    signer_code: Code | None = None  # who signs, as a recipient or department code: never copied "for report"


class Bands(Record):
    """The on-time rate (in %) at or above which a unit is "good", or "fair"; below, "slow"."""

    good: Annotated[int, Strict(), Field(ge=0, le=100)] = 90
    fair: Annotated[int, Strict(), Field(ge=0, le=100)] = 70


class Reporting(Record):
    """The reporting regime (Decree 09/2019/NĐ-CP): the day of the month data is cut off."""

    cutoff_day: Annotated[int, Strict(), Field(ge=1, le=28)] = 14


class FollowUp(Record):
    """data/followup.yaml: when items escalate, to whom, the letters' form, and how
    deadlines are judged."""

    recipients: list[Recipient] = Field(default_factory=list)
    ladder: list[Step] = Field(default_factory=list)
    letter: Letter = Field(default_factory=Letter)
    # An item with no deadline raised more than this many days ago is reported apart,
    # and its lead is asked to propose one.
    undated_after_days: Days = 90
    # The bounds of the overdue items' ages: [30, 90] is "up to 30", "31 to 90", "over 90" days.
    overdue_ages: list[Days] = Field(default_factory=lambda: [30, 90], min_length=1, max_length=6)
    on_time_bands: Bands = Field(default_factory=Bands)
    reporting: Reporting = Field(default_factory=Reporting)
