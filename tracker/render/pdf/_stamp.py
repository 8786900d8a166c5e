"""Where and how the visible signature is drawn: in the report's signature block, in the serif
the report is printed in, its font embedded.

The place comes from the PDF itself. The HTML report names three elements of its signature
block (`signature-block`, the block; `signature-space`, the space left for the signature and
seal; `signer-name`, the name under it), and WeasyPrint writes each id as a named destination:
a page and the element's top-left corner. The signature takes the space between the top of
`signature-space` and the top of `signer-name`, across the signer's half of the block.

The font is the one the report asks for first (Times New Roman, else its metric-compatible
Liberation Serif), as fontconfig finds it, cut to the letters of the signature's text and
rescaled to 1000 units per em: pyHanko's embedding writes glyph widths in the font's own units
while PDF reads them per 1000, so a font of 2048 units (both of these) would print its letters
twice as far apart.
"""

from __future__ import annotations

import io
import subprocess
from typing import Any

from tracker.errors import TrackerError
from tracker.i18n import _

ANCHORS = ("signature-block", "signature-space", "signer-name")
FONT_PATTERN = "Times New Roman:style=Regular"  # fontconfig falls back to Liberation Serif
FONT_SIZE = 9
INSET = 4  # points between the signature's box and its space on the page
SIDE = 0.08  # of the half's width left clear on each side: the box stays off the recipients' text


def signature_place(reader: Any) -> tuple[int, tuple[int, int, int, int]]:
    """The page (from 0) and box (x1, y1, x2, y2 in points) of the visible signature."""
    found = _destinations(reader)
    if any(name not in found for name in ANCHORS):
        raise TrackerError(_("cannot place the visible signature: the report has no signature block"))
    (_page, left, _top), (space_page, x, top), (name_page, _x, bottom) = (found[name] for name in ANCHORS)
    width = x - left  # the signer's half is as wide as the recipients' half before it
    if name_page != space_page or bottom >= top:  # the name went on to the next page: the space's own height
        bottom = top - 80
    side = max(INSET, width * SIDE)
    box = (x + side, bottom + INSET, x + width - side, top - INSET)
    return space_page, tuple(round(v) for v in box)  # type: ignore[return-value]


def _destinations(reader: Any) -> dict[str, tuple[int, float, float]]:
    """The named destinations of the PDF that the signature block gives: name -> (page, x, y)."""
    try:
        tree = reader.root["/Names"]["/Dests"]
    except KeyError:
        return {}
    pages = _page_numbers(reader.root["/Pages"])
    found: dict[str, tuple[int, float, float]] = {}
    for name, value in _name_tree(tree):
        target = value.get("/D") if hasattr(value, "get") else value  # [page /XYZ x y zoom] or {/D: it}
        if name in ANCHORS and target is not None and len(target) >= 4 and str(target[1]) == "/XYZ":
            page = pages.get(_reference(target.raw_get(0)))
            if page is not None:
                found[name] = (page, float(target[2]), float(target[3]))
    return found


def _name_tree(node: Any) -> list[tuple[str, Any]]:
    """The (name, value) pairs of a PDF name tree, its /Kids walked."""
    pairs: list[tuple[str, Any]] = []
    if "/Names" in node:
        names = node["/Names"]
        pairs += [(str(names[i]), names[i + 1]) for i in range(0, len(names) - 1, 2)]
    for kid in node.get("/Kids", ()):
        pairs += _name_tree(kid)
    return pairs


def _page_numbers(node: Any, numbers: dict[tuple[int, int], int] | None = None) -> dict[tuple[int, int], int]:
    """Each page's object (its number and generation) -> its place in the document, from 0."""
    numbers = {} if numbers is None else numbers
    kids = node["/Kids"]
    for index in range(len(kids)):
        kid = kids[index]
        if kid.get("/Type") == "/Pages":
            _page_numbers(kid, numbers)
        else:
            numbers[_reference(kids.raw_get(index))] = len(numbers)
    return numbers


def _reference(obj: Any) -> tuple[int, int]:
    return (int(getattr(obj, "idnum", -1)), int(getattr(obj, "generation", -1)))


def stamp_style(text: str) -> Any:
    """pyHanko's style of a text stamp saying `text`, a thin frame round it, the text centred
    and shrunk to fit."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    inner = layout.SimpleBoxLayoutRule(
        x_align=layout.AxisAlignment.ALIGN_MID,
        y_align=layout.AxisAlignment.ALIGN_MID,
        margins=layout.Margins.uniform(INSET),  # type: ignore[no-untyped-call]
    )
    box_style = TextBoxStyle(font=_font_factory(text), font_size=FONT_SIZE, leading=FONT_SIZE + 2)
    return TextStampStyle(
        stamp_text=text.replace("%", "%%"),  # pyHanko fills %(name)s parameters in
        text_box_style=box_style,
        inner_content_layout=inner,
        border_width=1,
    )


def _font_factory(text: str) -> Any:
    """A font engine of the report's serif holding the letters of `text` (and every digit and
    sign of a time), at 1000 units per em."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    font = _prepared_font(_font_file(), text + "0123456789:/+-() ")

    class Factory(GlyphAccumulatorFactory):
        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
            if obj_stream is None and writer.stream_xrefs:
                obj_stream = writer.prepare_object_stream()
            handle = io.BytesIO(font)
            return GlyphAccumulator(writer, handle, self.font_size, obj_stream=obj_stream)

    return Factory(font_file="", font_size=FONT_SIZE)


def _prepared_font(path: str, text: str) -> bytes:
    """The font cut to the letters of `text`, rescaled to 1000 units per em (see the module)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont, TTLibError
    from fontTools.ttLib.scaleUpem import scale_upem

    try:
        font = TTFont(path)
    except (OSError, TTLibError) as error:
        message = _("cannot draw the visible signature: cannot read the font {path} ({error})")
        raise TrackerError(message.format(path=path, error=error)) from None
    options = subset.Options()
    options.drop_tables += ["FFTM", "DSIG"]
    cutter = subset.Subsetter(options)
    cutter.populate(text=text)
    cutter.subset(font)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _font_file() -> str:
    """The file of the report's serif, as fontconfig finds it; one clear line when it finds no
    TrueType or OpenType font."""
    try:
        done = subprocess.run(
            ["fc-match", "--format=%{file}", FONT_PATTERN],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
        path = done.stdout.strip() if done.returncode == 0 else ""
    except (OSError, subprocess.SubprocessError):
        path = ""
    if not path.lower().endswith((".ttf", ".otf")):
        raise TrackerError(
            _(
                "cannot draw the visible signature: no serif font found; on Debian install "
                "fonts-liberation2, or set document.signing.visible: false"
            )
        )
    return path
