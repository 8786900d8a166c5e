"""What the tests of every folder share besides fixtures: the default config's text and its
variants, and the result of a command run in-process. `printed` reads a printed report back,
`smtp_server` is a real SMTP server on loopback."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files


@dataclass
class Result:
    code: int
    out: str
    err: str


def default_config_text() -> str:
    return files("tracker.data").joinpath("config.yaml").read_text(encoding="utf-8")


def unlinked_config_text() -> str:
    """The default config without its links between targets (T02 `part_of: T01`, T04
    `part_of: T03`, T08 `figures_from: T07`): for the tests of the entry paths that fill every
    target with made-up figures, or need two count targets of their own figures."""
    text = default_config_text().replace("figures_from: T07", "# figures_from: T07")
    return text.replace("part_of: T01", "# part_of: T01").replace("part_of: T03", "# part_of: T03")


UNITS = """
units:
  - {code: SYT, name: Đảng bộ Sở Y tế, kind: dang-bo-co-so, agency: Sở Y tế}
  - {code: SGD, name: Đảng bộ Sở Giáo dục, kind: dang-bo-co-so, from_year: 2022}
  - {code: CBX, name: Chi bộ Công ty X, kind: chi-bo-co-so, to_year: 2023}
"""
