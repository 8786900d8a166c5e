"""config.yaml: the shipped default, and every problem reported at once with its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import default_config_text
from tracker.config import load_settings
from tracker.config._load import DATABASE_ENV
from tracker.config._parse import parse_config
from tracker.errors import ConfigError
from tracker.evaluate import Comparator, Measure, Rule


def problems_of(text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        parse_config(text)
    return caught.value.problems


def test_the_default_resolution_has_the_eleven_targets_of_domain_md() -> None:
    config = parse_config(default_config_text())
    assert [t.code for t in config.targets] == [f"T{i:02d}" for i in range(1, 12)]
    assert config.years == (2021, 2022, 2023, 2024, 2025)
    assert config.language == "vi" and config.timezone == "Asia/Ho_Chi_Minh"
    t03, t07, t08, t11 = (config.target(c) for c in ("T03", "T07", "T08", "T11"))
    assert t03 is not None and t03.comparator is Comparator.MORE_THAN and t03.threshold == 85
    assert t07 is not None and (t07.rule, t07.measure, t07.threshold) == (Rule.TERM_TOTAL, Measure.COUNT, 750)
    assert t08 is not None and (t08.rule, t08.threshold) == (Rule.YEARLY_AVERAGE, 150)
    assert t11 is not None and t11.source.kind == "inferred" and t11.source.why
    quoted = [t for t in config.targets if t.code != "T11"]
    assert all(t.source.kind == "quoted" and t.source.wording for t in quoted)


def test_repository_config_is_the_shipped_default(repo_root: Path) -> None:
    assert parse_config((repo_root / "config.yaml").read_text(encoding="utf-8")) == parse_config(
        default_config_text()
    )


def test_every_problem_is_reported_at_once_with_line_and_path() -> None:
    text = (
        default_config_text()
        .replace("threshold: 20\n", "threshold: 120\n", 1)
        .replace("    rule: term_total", "    rule: term_total\n    thresold: 1", 1)
        .replace("code: T09", "code: T08")
        .replace("reporting_years: [2021, 2022, 2023, 2024, 2025]", "reporting_years: []")
    )
    problems = problems_of(text)
    assert len(problems) == 4
    joined = "\n".join(problems)
    assert "targets[1].threshold: a share is a percentage from 0 to 100" in joined
    assert "targets[6].thresold: unknown key (did you mean 'threshold'?)" in joined
    assert "targets[8].code: duplicate target code T08 (also targets[7])" in joined
    assert "resolution.reporting_years: list at least one reporting year" in joined
    line_of_120 = text.splitlines().index("    threshold: 120") + 1
    assert f"config.yaml:{line_of_120}: targets[1].threshold" in joined


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            "threshold: 750",
            "threshold: 750.5",
            "targets[6].threshold: a count threshold must be a whole number",
        ),
        ("threshold: 750", "threshold: -1", "targets[6].threshold: a threshold cannot be negative"),
        (
            "measure: count",
            "measure: number",
            "targets[6].measure: 'number' is not accepted; accepted: 'share', 'count' or 'rating_share'",
        ),
        (
            "rule: term_total",
            "rule: total",
            "targets[6].rule: 'total' is not accepted; accepted: 'each_year'",
        ),
        (
            'comparator: ">="',
            'comparator: "=>"',
            "targets[0].comparator: '=>' is not accepted; accepted: '>='",
        ),
        ("kind: inferred", "kind: guessed", "targets[10].source.kind"),
        ("timezone: Asia/Ho_Chi_Minh", "timezone: Asia/Hanoi_City", "unknown time zone"),
        ("language: vi", "language: fr", "language: 'fr' is not accepted; accepted: 'vi' or 'en'"),
        ("[2021, 2022, 2023, 2024, 2025]", "[2021, 2023]", "reporting years must follow each other"),
        ("congress_date: 2020-08-18", "congress_date: 18/8/2020", "resolution.congress_date"),
        (
            "  # template: mau-bao-cao.docx",
            "  template: mau-bao-cao.pdf",
            "document.template: 'mau-bao-cao.pdf' is not accepted: a Word file (.docx)",
        ),
        (
            "  # pdf: plain",
            "  pdf: pdf/a",
            "document.pdf: 'pdf/a' is not accepted; accepted: 'pdf/a-2b' or 'plain'",
        ),
        ("  place: Điện Biên", "  place: [Điện Biên]", "document.place: "),
        ("  place: Điện Biên", "  plase: Điện Biên", "document.plase: unknown key (did you mean 'place'?)"),
        ("    - Lưu Văn phòng Đảng ủy", "    - 12", "document.recipients[3]: "),
    ],
)
def test_a_bad_value_names_its_place(old: str, new: str, says: str) -> None:
    text = default_config_text()
    assert old in text
    assert any(says in p for p in problems_of(text.replace(old, new, 1)))


def test_yaml_syntax_error_gives_the_line() -> None:
    problems = problems_of("resolution:\n  code: [unclosed\ntargets: []\n")
    assert len(problems) == 1 and "line 3" in problems[0] and "YAML syntax error" in problems[0]


def test_a_config_that_is_not_a_mapping() -> None:
    assert "must be a mapping" in problems_of("- just\n- a list\n")[0]


def test_database_url_defaults_beside_the_config_and_env_overrides(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(config_file)
    assert settings.database_url == f"sqlite:///{config_file.parent.resolve() / 'tracker.db'}"
    monkeypatch.setenv(DATABASE_ENV, "postgresql+psycopg://u@db.example:5432/t")
    assert load_settings(config_file).database_url == "postgresql+psycopg://u@db.example:5432/t"


def test_relative_sqlite_url_is_read_beside_the_config(config_file: Path) -> None:
    config_file.write_text(
        "database:\n  url: sqlite:///data/figures.db\n" + default_config_text(), encoding="utf-8"
    )
    assert load_settings(config_file).database_url.endswith(str(config_file.parent / "data" / "figures.db"))


def test_tracker_config_env_picks_the_file(config_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_CONFIG", str(config_file))
    assert load_settings().path == config_file


@pytest.mark.parametrize(
    ("lang", "says"),
    [
        (
            "vi",
            "resolution.code: không nhận 'ĐHIX-ĐUK-ĐB': mã bắt đầu bằng chữ cái không dấu (A-Z, a-z) "
            "hoặc chữ số, sau đó là chữ cái không dấu, chữ số,",
        ),
        (
            "en",
            "resolution.code: 'ĐHIX-ĐUK-ĐB' is not accepted: a code starts with a letter without accents "
            "(A-Z, a-z) or a digit, then such letters, digits,",
        ),
    ],
)
def test_a_code_with_vietnamese_letters_is_told_which_letters_a_code_takes(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, lang: str, says: str
) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(
        default_config_text().replace("code: DHIX-DUK-DB", "code: ĐHIX-ĐUK-ĐB"), encoding="utf-8"
    )
    result = run("--lang", lang, "--config", str(config), "status")
    assert result.code == 2 and says in result.err, result.err
    assert ("(Đ viết thành D)" if lang == "vi" else "(Đ is written D)") in result.err
