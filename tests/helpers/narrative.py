"""Every kind of CommonMark block and inline, each with a word of its own, for the tests that
check no word of the office's narrative is dropped (tests/cli/test_narrative_words.py, and
tests/render/test_narrative_words.py for the Word file, the PDF and the HTML)."""

from __future__ import annotations

HEAD = "# I. Kết quả đạt được\n\n"  # the narrative's first section; a kind's text follows it

# kind -> (its Markdown, the word of it the report must show). Each word is found nowhere else
# in a report.
KEPT: dict[str, tuple[str, str]] = {
    "paragraph": ("Đoạn văn có từ quokkapara.", "quokkapara"),
    "emphasis": ("Chữ *quokkaem* nghiêng.", "quokkaem"),
    "strong": ("Chữ **quokkastrong** đậm.", "quokkastrong"),
    "inline code": ("Mã `quokkacode` trong dòng.", "quokkacode"),
    "link text": ("Xem [quokkalink](https://example.org/a) nhé.", "quokkalink"),
    "javascript link": ("Bấm [quokkajs](javascript:alert(1)) nhé.", "quokkajs"),
    "autolink": ("Trang <https://quokkaauto.example.org> nhé.", "quokkaauto"),
    "image alt text": ("Ảnh ![quokkaimage](anh.png) nhé.", "quokkaimage"),
    "inline HTML": ("Chữ <span class='x'>quokkaspan</span> nhé.", "quokkaspan"),
    "entity": ("Từ quokka&#101;ntity và &copy; nhé.", "quokkaentity"),
    "backslash escape": ("Dấu \\*quokkaescape\\* nhé.", "quokkaescape"),
    "soft break": ("Dòng một\nquokkasoft dòng hai.", "quokkasoft"),
    "hard break": ("Dòng một\\\nquokkahard dòng hai.", "quokkahard"),
    "sub-heading ###": ("### quokkasub", "quokkasub"),
    "sub-heading ######": ("###### quokkasix", "quokkasix"),
    "block quote": ("> Trích quokkaquote.", "quokkaquote"),
    "bullet list": ("- Mục quokkabullet;", "quokkabullet"),
    "ordered list": ("1. Mục quokkaordered;", "quokkaordered"),
    "nested list": ("- Mục ngoài\n  - Mục quokkanested;", "quokkanested"),
    "loose list": ("- Mục một\n\n- Mục quokkaloose;", "quokkaloose"),
    "list item's second paragraph": ("- Mục một\n\n  Đoạn quokkasecond.", "quokkasecond"),
    "indented code (pasted from Word)": ("    Đoạn thụt lề quokkaindent.", "quokkaindent"),
    "fenced code": ("```\nĐoạn rào quokkafence.\n```", "quokkafence"),
    "fenced code's info string": ("```quokkainfo\nĐoạn.\n```", "quokkainfo"),
    "HTML block": ("<div class='x'>\nKhối quokkadiv.\n</div>", "quokkadiv"),
    "HTML list": ("<ul><li>Mục quokkahtmlli</li></ul>", "quokkahtmlli"),
    "HTML image alt": ('<img src="a.png" alt="quokkaimgalt">', "quokkaimgalt"),
    "table": ("| Cột quokkatable | B |\n|---|---|\n| C | D |", "quokkatable"),
    "after a thematic break": ("Trước.\n\n***\n\nSau quokkarule.", "quokkarule"),
}
OPENING = ("Mở đầu quokkaopening.\n\n", "quokkaopening")  # before the first heading

# kind -> (its Markdown after HEAD, what the one-line refusal says, in Vietnamese)
REFUSED: dict[str, tuple[str, str]] = {
    "unknown heading #": ("# Không rõ quokka\n", "không có tiêu đề 'Không rõ quokka'"),
    "unknown heading ##": ("## Không rõ quokka\n", "tiêu đề cấp ### được giữ như đoạn văn"),
    "underlined line (setext heading)": ("Dòng quokka\n---\n", "dòng kẻ ('---' hoặc '===') ngay dưới"),
    "link reference definition": (
        '[a]: https://example.org "quokka"\n',
        "định nghĩa liên kết tham chiếu ('[...]: địa chỉ') không được in",
    ),
    "HTML comment": ("<!-- quokka -->\n", "chú thích, đoạn mã lệnh hoặc khai báo định dạng trong HTML"),
    "inline HTML comment": ("Chữ <!-- quokka --> nhé.\n", "chú thích, đoạn mã lệnh"),
    "script": ("<script>quokka()</script>\n", "chú thích, đoạn mã lệnh"),
    "style": ("<style>p { color: red }</style>\n", "chú thích, đoạn mã lệnh"),
    "paragraph over 20,000 characters": ("quokka " * 3000 + "\n", "đoạn văn dài hơn 20.000 ký tự"),
}
REFUSED_LINE = 3  # every refused kind starts on the line after HEAD's blank line


def every_kind() -> str:
    """One narrative with every kept kind, each its own block, in the results section."""
    return OPENING[0] + HEAD + "\n\nĐoạn ngăn.\n\n".join(text for text, _word in KEPT.values()) + "\n"
