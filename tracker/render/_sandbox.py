"""The one Jinja environment every report template is drawn in: a sandbox.

An office's Word template comes from outside (`document.template`, a file passed from desk to
desk), and Jinja can reach Python from a template (`cycler.__init__.__globals__.os`); the
sandbox lets a template only show the report's fields. Both the Word template and the package's
HTML, Markdown and text templates are rendered in it, so the rule lives here once:

- no global names (Jinja's `range`, `cycler`, `lipsum`, `joiner`, `namespace`, `dict`): our
  templates use none;
- no attribute or item whose name begins with "_", and no method (a value's own callables);
- only the template's own macros and `str.format` can be called; only the filters in
  `FILTERS` (and the few a format adds) can be used;
- loops, numbers and texts are kept within limits (below), so that a template cannot hang the
  command or fill the memory.

A template that breaks a rule fails to render; `render_guarded` turns every failure into one
line naming the template and the placeholder (tracker/render/_placeholders.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from string import Formatter
from typing import Any

from jinja2 import StrictUndefined, nodes
from jinja2.runtime import Macro, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

# A report's templates loop a few thousand times (targets x years x units); a template that loops
# more (nested loops over every row) would only hang the command.
MAX_LOOP_STEPS = 200_000
# What one render may write: the default Word report's XML is about 100,000 characters; fifty
# million is far above any report and far below what fills a server's memory.
MAX_OUTPUT_CHARS = 50_000_000
# The longest text or list an operator (`*`, `+`, `~`, `%`) may make, and the largest width a
# format may pad to: a report's longest field (a chart's SVG) is a few thousand characters.
MAX_TEXT = 1_000_000
MAX_WIDTH = 1_000
# The largest whole number `*` and `**` may make (about 3,000 digits): a report counts people.
MAX_INT_BITS = 10_000

# The filters a template may use: those our templates use, and a few harmless ones an office
# might write in its Word template. Each runs in time and space proportional to its input.
FILTERS = (
    "capitalize",
    "default",
    "first",
    "join",
    "last",
    "length",
    "lower",
    "round",
    "title",
    "trim",
    "upper",
)

_LOOP = "loop_limit"  # filters the sandbox adds itself (their names are refused in messages)
_SHOWN = "output_limit"
_TEXT = "text_limit"


class LimitExceeded(Exception):
    """A template went past one of the limits above."""


class _Budget:
    def __init__(self) -> None:
        self.steps = 0
        self.chars = 0

    def charge(self, steps: int, chars: int) -> None:
        self.steps += steps
        self.chars += chars
        if self.steps > MAX_LOOP_STEPS or self.chars > MAX_OUTPUT_CHARS:
            raise LimitExceeded("the template loops or writes beyond a report's limits")


_budget: ContextVar[_Budget | None] = ContextVar("tracker_template_budget", default=None)


@contextmanager
def budget() -> Iterator[None]:
    """One render's allowance of loop steps and written characters."""
    token = _budget.set(_Budget())
    try:
        yield
    finally:
        _budget.reset(token)


def _charge(steps: int, chars: int) -> None:
    current = _budget.get()
    if current is not None:
        current.charge(steps, chars)


class ReportSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, stricter: see the module's docstring."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr.startswith("_") or self._method(value):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj: Any) -> bool:
        return isinstance(obj, Macro) or getattr(obj, "tracker_format", False) is True

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(argument, str) and argument.startswith("_"):
            return self.unsafe_undefined(obj, argument)
        value = super().getitem(obj, argument)
        return self.unsafe_undefined(obj, str(argument)) if self._method(value) else value

    def _method(self, value: Any) -> bool:
        """A callable a template may not even hold: anything but a macro or a sandboxed format."""
        return callable(value) and not isinstance(value, Undefined) and not self.is_safe_callable(value)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        _check_format(value.__self__)
        wrapper.tracker_format = True  # type: ignore[attr-defined]
        return wrapper

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_operands(operator, left, right)
        return _sized(self.binop_table[operator](left, right))

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        return _limit_loops(super()._parse(source, name, filename))


def sandbox(extra_filters: dict[str, Callable[..., Any]] | None = None, **options: Any) -> ReportSandbox:
    """A sandbox for report templates: strict (an unknown name or attribute is an error), no
    globals, the allowed filters and the format's own (`extra_filters`)."""
    environment = ReportSandbox(undefined=StrictUndefined, **options)
    environment.globals.clear()
    allowed = {name: environment.filters[name] for name in FILTERS}
    allowed |= {_LOOP: _loop_limit, _SHOWN: _output_limit, _TEXT: _sized}
    environment.filters = allowed | (extra_filters or {})
    return environment


def own_filters(environment: ReportSandbox) -> list[str]:
    """The filters a template may name, for messages."""
    return sorted(n for n in environment.filters if n not in (_LOOP, _SHOWN, _TEXT))


def _loop_limit(iterable: Iterable[Any], chars: int = 0) -> Iterator[Any]:
    """A loop's items, each counted (with the text its body writes) against the render's budget."""
    for item in iterable:
        _charge(1, chars)
        yield item


def _output_limit(value: Any) -> Any:
    """A placeholder's value, unchanged, its length counted against the render's budget."""
    _charge(0, len(str(value)) if isinstance(value, str) else 0)
    return _sized(value)


def _sized(value: Any) -> Any:
    if isinstance(value, str | list | tuple | bytes) and len(value) > MAX_TEXT:
        raise LimitExceeded("a text or a list longer than a report's")
    return value


def _check_operands(operator: str, left: Any, right: Any) -> None:
    """Refuse, before computing it, an operation whose result would be too large to hold."""
    if operator in ("*", "**") and _is_int(left) and _is_int(right):
        bits = abs(left).bit_length()
        size = bits * abs(right) if operator == "**" else bits + abs(right).bit_length()
        if size > MAX_INT_BITS:
            raise LimitExceeded("a number larger than a report's")
    if operator == "*":
        for items, count in ((left, right), (right, left)):
            if isinstance(items, str | list | tuple) and _is_int(count) and len(items) * count > MAX_TEXT:
                raise LimitExceeded("a text or a list longer than a report's")
    if operator == "%" and isinstance(left, str):
        _check_printf(left)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


PRINTF_WIDTH = re.compile(r"%[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?")


def _check_printf(text: str) -> None:
    for width, precision in PRINTF_WIDTH.findall(text):
        if "*" in (width, precision) or max(int(width or 0), int(precision or 0)) > MAX_WIDTH:
            raise LimitExceeded("a format wider than a report's")


def _check_format(text: str) -> None:
    """`"{:>99999999}".format(x)` would pad to a hundred million characters."""
    for _literal, field, spec, _conversion in Formatter().parse(text):
        if field is None or not spec:
            continue
        widths = [int(n) for n in re.findall(r"\d+", spec)]
        if "{" in spec or any(n > MAX_WIDTH for n in widths):
            raise LimitExceeded("a format wider than a report's")


def _limit_loops(template: nodes.Template) -> nodes.Template:
    """Every loop's items through `loop_limit`, every shown value through `output_limit` and
    every `~` through `text_limit`: the limits hold whatever the template writes."""
    for parent in [template, *template.find_all(nodes.Node)]:
        for field, value in parent.iter_fields():
            if isinstance(value, nodes.Concat):
                setattr(parent, field, _filtered(value, _TEXT))
            elif isinstance(value, list) and any(isinstance(v, nodes.Concat) for v in value):
                limited = [_filtered(v, _TEXT) if isinstance(v, nodes.Concat) else v for v in value]
                setattr(parent, field, limited)
    for loop in list(template.find_all(nodes.For)):
        written = sum(len(d.data) for d in loop.find_all(nodes.TemplateData))
        loop.iter = _filtered(loop.iter, _LOOP, nodes.Const(written))
    for output in list(template.find_all(nodes.Output)):
        output.nodes = [
            n if isinstance(n, nodes.TemplateData) else _filtered(n, _SHOWN) for n in output.nodes
        ]
    return template


def _filtered(node: nodes.Node, name: str, *args: nodes.Expr) -> nodes.Filter:
    return nodes.Filter(node, name, list(args), [], None, None, lineno=node.lineno)
