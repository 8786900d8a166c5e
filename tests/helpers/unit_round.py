"""A collection round of a real committee's size: 26 grassroots organisations and the
committee's own office branch (27 units, as the Điện Biên bloc handed over in 2025), with long
names as real ones are. Shared by the CLI tests of the units' annex and the printed ones."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import default_config_text

NAMES = (
    "Đảng bộ Sở Y tế",
    "Đảng bộ Sở Giáo dục và Đào tạo",
    "Đảng bộ Sở Nông nghiệp và Phát triển nông thôn",
    "Đảng bộ Sở Tài chính",
    "Đảng bộ Sở Kế hoạch và Đầu tư",
    "Đảng bộ Sở Giao thông vận tải",
    "Đảng bộ Sở Tài nguyên và Môi trường",
    "Đảng bộ Sở Lao động - Thương binh và Xã hội",
    "Đảng bộ Sở Văn hóa, Thể thao và Du lịch",
    "Đảng bộ Bảo hiểm xã hội tỉnh",
    "Đảng bộ Công ty Điện lực Điện Biên",
    "Đảng bộ Ngân hàng Nông nghiệp và Phát triển nông thôn chi nhánh tỉnh Điện Biên",
    "Chi bộ Sở Xây dựng",
    "Chi bộ Sở Công Thương",
    "Chi bộ Sở Tư pháp",
    "Chi bộ Sở Nội vụ",
    "Chi bộ Sở Khoa học và Công nghệ",
    "Chi bộ Sở Thông tin và Truyền thông",
    "Chi bộ Thanh tra tỉnh",
    "Chi bộ Ban Dân tộc tỉnh",
    "Chi bộ Báo Điện Biên Phủ",
    "Chi bộ Đài Phát thanh và Truyền hình tỉnh",
    "Chi bộ Ngân hàng Nhà nước chi nhánh tỉnh Điện Biên",
    "Chi bộ Cục Thống kê tỉnh",
    "Chi bộ Kho bạc Nhà nước tỉnh",
    "Chi bộ Công ty Cổ phần Cấp nước Điện Biên",
)
COMMITTEE = ("CQDU", "Chi bộ Cơ quan Đảng ủy Khối")
UNITS = [(f"DV{i:02d}", name) for i, name in enumerate(NAMES, start=1)] + [COMMITTEE]


def round_config(folder: Path, to_year: int | None = None) -> Path:
    """The default config with the 27 units (all ending in `to_year` when given)."""
    ending = f", to_year: {to_year}" if to_year else ""
    lines = [f'  - {{code: {code}, name: "{name}", kind: dang-bo-co-so{ending}}}' for code, name in UNITS]
    config = folder / "config.yaml"
    config.write_text(default_config_text() + "\nunits:\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return config


def name_of(code: str) -> str:
    return dict(UNITS)[code]


def committee_config(folder: Path, count: int = 130) -> Path:
    """The default config with `count` units named "Đảng bộ cơ sở số 001" ... (three digits: no
    name is a part of another); codes CS001 ..."""
    lines = [
        f'  - {{code: CS{i:03d}, name: "Đảng bộ cơ sở số {i:03d}", kind: dang-bo-co-so}}'
        for i in range(1, count + 1)
    ]
    config = folder / "config.yaml"
    config.write_text(default_config_text() + "\nunits:\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return config
