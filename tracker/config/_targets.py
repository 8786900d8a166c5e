"""What a resolution asks: the resolution and its targets, as config.yaml or a file of its own
holds them (`resolution:` and `targets:`). Types are strict and every number checked, so that a
definition that loads is one the evaluation can judge."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from tracker.config._choices import RATED_AS_ACCEPTED, config_choice, rated_as_of
from tracker.config._schedules import Strict
from tracker.config._units import UNIT_CODE_PATTERN, UnitConfig, UnitsFile
from tracker.evaluate import MAX_COUNT, Comparator, Goal, Measure, Rule, count_limit, level_of, unknown_level
from tracker.i18n import _

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$"
# Words of the config that name a member of an enumeration: read from their text.
Named = Field(strict=False)


class SourceConfig(Strict):
    """Where a target comes from: quoted (with the published wording) or inferred (with why)."""

    kind: Literal["quoted", "inferred"]
    wording: str | None = None
    why: str | None = None
    why_en: str | None = None
    reference: str | None = None

    @field_validator("why")
    @classmethod
    def _inferred_says_why(cls, why: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("kind") == "inferred" and not (why or "").strip():
            raise ValueError(_("an inferred target must say why it was inferred"))
        return why

    @field_validator("wording")
    @classmethod
    def _quoted_has_wording(cls, wording: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("kind") == "quoted" and not (wording or "").strip():
            raise ValueError(_("a quoted target must give the published wording"))
        return wording


RATING_SHARE = "rating_share"


class RatingConfig(Strict):
    """Which ratings a `measure: rating_share` target counts: of which kind, from which level."""

    of: Literal["agency", "party_org"]
    at_least: str

    @field_validator("of", mode="before")
    @classmethod
    def _known_of(cls, text: object) -> object:
        """`of:` in either language, as `tracker rate --of` reads it: "to-chuc-dang", "Cơ quan"."""
        return config_choice(text, rated_as_of, RATED_AS_ACCEPTED)

    @field_validator("at_least")
    @classmethod
    def _known_level(cls, text: str) -> str:
        level = level_of(text)
        if level is None:
            raise ValueError(unknown_level(text))
        return level


class TargetConfig(Strict):
    code: str = Field(pattern=CODE_PATTERN)
    title: str = Field(min_length=1)
    title_en: str = Field(min_length=1)
    short_title: str | None = None
    short_title_en: str | None = None
    # share, count, or rating_share: a share counted from the units' ratings (see `rating:`)
    measure: Literal["share", "count", "rating_share"]
    rule: Annotated[Rule, Named]
    comparator: Annotated[Comparator, Named]
    threshold: float
    unit: str = ""
    unit_en: str = ""
    source: SourceConfig
    part_of: str | None = Field(default=None, pattern=CODE_PATTERN)  # a "trong đó" target
    figures_from: str | None = Field(default=None, pattern=CODE_PATTERN)  # judged on another's figures
    rating: RatingConfig | None = None

    @property
    def measured(self) -> Measure:
        """What the figures are: a rating target's are shares."""
        return Measure.COUNT if self.measure == "count" else Measure.SHARE

    @model_validator(mode="after")
    def _rating_with_rating_share(self) -> TargetConfig:
        if self.measure == RATING_SHARE and self.rating is None:
            raise ValueError(
                _(
                    "measure: rating_share needs rating: with of (agency or party_org) and at_least "
                    "(xuat-sac, tot, hoan-thanh or khong-hoan-thanh)"
                )
            )
        if self.measure != RATING_SHARE and self.rating is not None:
            raise ValueError(_("rating: goes only with measure: rating_share"))
        return self

    @field_validator("threshold")
    @classmethod
    def _threshold_fits_measure(cls, threshold: float, info: ValidationInfo) -> float:
        raw = info.data.get("measure")
        measure = Measure.COUNT if raw == "count" else Measure.SHARE if raw else None
        if threshold < 0:
            raise ValueError(_("a threshold cannot be negative"))
        if measure is Measure.SHARE and threshold > 100:
            raise ValueError(_("a share is a percentage from 0 to 100"))
        if threshold > MAX_COUNT:
            raise ValueError(
                _("a threshold is at most {limit} (the largest count a figure can hold)").format(
                    limit=count_limit()
                )
            )
        whole_needed = measure is Measure.COUNT and info.data.get("rule") is not Rule.YEARLY_AVERAGE
        if whole_needed and threshold != int(threshold):
            raise ValueError(_("a count threshold must be a whole number"))
        return threshold

    def goal(self, years: tuple[int, ...]) -> Goal:
        return Goal(self.rule, self.comparator, self.threshold, years)


class ResolutionConfig(Strict):
    code: str = Field(pattern=CODE_PATTERN)
    title: str = Field(min_length=1)
    title_en: str | None = None
    body: str = Field(min_length=1)
    superior_body: str | None = None
    congress_date: Annotated[date, Field(strict=False)]  # YYYY-MM-DD, read from its text
    reporting_years: list[int]

    @field_validator("reporting_years")
    @classmethod
    def _years_make_a_term(cls, years: list[int]) -> list[int]:
        if not years:
            raise ValueError(_("list at least one reporting year, e.g. [2021, 2022, 2023, 2024, 2025]"))
        if not all(1900 <= y <= 2200 for y in years):
            raise ValueError(_("reporting years must be calendar years from 1900 to 2200, e.g. 2021"))
        ordered = sorted(set(years))
        if len(ordered) != len(years):
            raise ValueError(_("a reporting year is listed twice"))
        if ordered != list(range(ordered[0], ordered[-1] + 1)):
            raise ValueError(_("reporting years must follow each other (no gaps)"))
        return ordered

    @field_validator("congress_date")
    @classmethod
    def _date_in_range(cls, day: date) -> date:
        if not 1900 <= day.year <= 2200:
            raise ValueError(_("the congress date must be a day from 1900 to 2200, e.g. 2020-08-18"))
        return day


class ResolutionDefinition(Strict):
    """One resolution and its targets: what `tracker init` loads into the database."""

    resolution: ResolutionConfig
    targets: list[TargetConfig] = Field(min_length=1)
    units: list[UnitConfig] = Field(default_factory=list)
    units_file: UnitsFile = None
    unit_kinds: list[Annotated[str, Field(pattern=UNIT_CODE_PATTERN)]] = Field(default_factory=list)

    @property
    def code(self) -> str:
        return self.resolution.code
