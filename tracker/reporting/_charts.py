"""The geometry of the small per-target charts; the template only draws what is computed here.

Yearly rules get one bar per year against a horizontal threshold line. A term total gets its
cumulative figure per year against the pace line the resolution requires (T·i/n).
"""

from __future__ import annotations

from dataclasses import dataclass, field

WIDTH, HEIGHT = 240, 110
LEFT, RIGHT, TOP, BOTTOM = 6, 6, 14, 18


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    year: int
    label: str
    passes: bool


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    width: int = WIDTH
    height: int = HEIGHT
    threshold_y: float | None = None
    threshold_label: str = ""
    pace_points: str = ""
    year_labels: list[tuple[float, int]] = field(default_factory=list)


def _scale(top_value: float) -> float:
    plot = HEIGHT - TOP - BOTTOM
    return plot / top_value if top_value > 0 else 0.0


def _y(value: float, per_unit: float) -> float:
    return round(HEIGHT - BOTTOM - value * per_unit, 2)


def bar_chart(
    title: str,
    years: list[int],
    values: dict[int, float],
    labels: dict[int, str],
    passes: dict[int, bool],
    threshold: float,
    threshold_label: str,
    pace: dict[int, float] | None = None,
) -> Chart:
    """Bars for `values` by year, a threshold line, and (for totals) the pace polyline."""
    highest = max([threshold, *values.values(), *(pace or {}).values()]) * 1.1
    per_unit = _scale(highest)
    slot = (WIDTH - LEFT - RIGHT) / max(len(years), 1)
    bars, ticks = [], []
    for index, year in enumerate(years):
        x = LEFT + index * slot
        ticks.append((round(x + slot / 2, 2), year))
        if year in values:
            top = _y(values[year], per_unit)
            bars.append(
                Bar(round(x + slot * 0.15, 2), top, round(slot * 0.7, 2),
                    round(HEIGHT - BOTTOM - top, 2), year, labels[year], passes[year])
            )  # fmt: skip
    points = ""
    if pace:
        points = " ".join(f"{x},{_y(pace[year], per_unit)}" for x, year in ticks)
    return Chart(
        title=title,
        bars=bars,
        threshold_y=None if pace else _y(threshold, per_unit),
        threshold_label=threshold_label,
        pace_points=points,
        year_labels=ticks,
    )
