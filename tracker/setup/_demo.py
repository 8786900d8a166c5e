"""The demo: a separate database in its own folder, filled with clearly synthetic figures."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from tracker.base import current_resolution, unit_of_work
from tracker.config import load_settings
from tracker.errors import TrackerError
from tracker.evaluate import shown_path
from tracker.files import cannot_write_to, check_output_folder
from tracker.i18n import N_, Lang, _
from tracker.records import FigureRequest, RatingRequest, rate_unit, record_figure
from tracker.reporting import make_report, report_request
from tracker.status import StatusView, build_status
from tracker.store import Resolution, Session

MARKER = "DEMO-SYNTHETIC-FIGURES.txt"
MARKER_TEXT = (
    "This folder holds the tracker demo. Its figures are synthetic (made up), not published.\n"
    "Thư mục này chứa bản demo; số liệu là giả định, không phải số liệu công bố.\n"
)
DEMO_BY = "demo (synthetic)"
SOURCE = "SYNTHETIC DEMO DATA / SỐ LIỆU MINH HỌA"
BANNER = N_("SYNTHETIC DEMO FIGURES (made up, not published results)")


def packaged_text(name: str) -> str:
    return files("tracker.data").joinpath(name).read_text(encoding="utf-8")


def demo_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(packaged_text("demo.yaml"))
    return data


def prepare_folder(folder: Path) -> Path:
    """Make (or reuse) a demo folder and write its config; refuse a folder that is not a demo's
    (and a name that is a file, a device or too long: one line, nothing written)."""
    check_output_folder(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TrackerError(cannot_write_to(folder, exc)) from None
    marker = folder / MARKER
    if any(folder.iterdir()) and not marker.exists():
        message = _("{folder} is not empty and is not a demo folder; choose another --dir")
        raise TrackerError(message.format(folder=shown_path(folder)))
    for old in folder.glob("tracker.db*"):
        old.unlink()
    config = yaml.safe_load(packaged_text("config.yaml"))
    data = demo_data()
    config["targets"] += data["extra_targets"]
    config["units"] = data["units"]
    config["database"] = {"url": "sqlite:///tracker.db"}
    header = (
        "# Demo config: the default resolution plus two illustrative targets (M1, M2)\n"
        "# and twelve illustrative units (minh họa: their figures are synthetic).\n"
    )
    text = header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
    (folder / "config.yaml").write_text(text, encoding="utf-8")
    marker.write_text(MARKER_TEXT, encoding="utf-8")
    return folder / "config.yaml"


def load_demo_figures(session: Session, resolution: Resolution) -> int:
    """Record the synthetic figures, the committee's then its units', and the units' ratings,
    through the same paths as `tracker record` (and `--unit`) and `tracker rate`."""
    data = demo_data()
    rows = data["figures"]
    for code, year, value, *rest in rows:
        _record(session, resolution, code, year, value, rest[0] if rest else {})
    for unit, code, year, value in data["unit_figures"]:
        _record(session, resolution, code, year, value, {"unit": unit})
    for unit, year, agency, party_org in data["ratings"]:
        for of, level in (("agency", agency), ("party_org", party_org)):
            rate_unit(session, resolution, RatingRequest(unit, year, level, DEMO_BY, of))
    return len(rows) + len(data["unit_figures"]) + 2 * len(data["ratings"])


def _record(
    session: Session, resolution: Resolution, code: str, year: int, value: str, options: dict[str, Any]
) -> None:
    record_figure(
        session,
        resolution,
        FigureRequest(
            code=code,
            year=year,
            value=value,
            recorded_by=DEMO_BY,
            note=options.get("note"),
            source_document=SOURCE,
            provisional=options.get("provisional", False),
            amend=options.get("amend", False),
            reason=options.get("reason"),
            unit=options.get("unit"),
        ),
    )


@dataclass(frozen=True)
class Demo:
    """The demo `tracker demo` made: its config, its status and its report."""

    config_file: Path
    view: StatusView
    report: Path


def make_demo(folder: Path, lang: Lang, notice: str) -> Demo:
    """A demo database in `folder` (a new one, or an earlier demo's, made again): the default
    resolution with synthetic figures, its status and its HTML report, which carries `notice`."""
    from tracker.setup._init import initialise

    config_file = prepare_folder(folder)
    settings = load_settings(config_file)
    initialise(settings)
    request = report_request(settings, formats=("html",), lang=lang, notice=notice)
    with unit_of_work(settings) as session:
        resolution = current_resolution(session, settings)
        load_demo_figures(session, resolution)
        view = build_status(session, resolution, lang=lang)
        report = make_report(session, resolution, request, ZoneInfo(settings.config.timezone))
    return Demo(config_file, view, report.paths[0])
