"""Reading config.yaml's YAML strictly, and placing a problem at its line.

PyYAML alone would take the last of two equal keys silently, turn `2020-02-30` into a crash
instead of an error, and let aliases (`*name`) repeat one list a billion times. Here a key
given twice is an error with its line, dates stay text for the config's own checks (which say
what is wrong with them), and a file too large, too deeply nested or whose aliases expand to
too many values is refused, as are control characters.
"""

from __future__ import annotations

from typing import Any, ClassVar

import yaml

from tracker.evaluate import printable
from tracker.i18n import N_, _

MAX_BYTES = 1024 * 1024  # a config is a few kilobytes
MAX_VALUES = 200_000  # values once aliases are expanded: far more than a config of 1,000 targets
Problem = tuple[tuple[Any, ...], str]
# libyaml's parser when PyYAML was built with it (about ten times faster), else pure Python.
_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


# PyYAML's words for the mistakes people make most, marked so that the catalog translates them.
YAML_PROBLEMS = (
    N_("did not find expected key"),
    N_("mapping values are not allowed here"),
    N_("could not find expected ':'"),
    N_("found character '\\t' that cannot start any token"),
    N_("did not find expected '-' indicator"),
    N_("found undefined alias"),
    N_("found unexpected end of stream"),
    N_("found unknown escape character"),
    N_("did not find expected node content"),
    N_("expected <block end>, but found '<block mapping start>'"),
    N_("expected <block end>, but found '<block sequence start>'"),
    N_("expected <block end>, but found '-'"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("found unexpected ':'"),
    N_("exceeded maximum nesting depth"),
)


class YamlProblem(Exception):
    """One problem of the YAML itself, already worded with its line."""


class StrictLoader(_BASE):  # type: ignore[misc]
    """A safe loader that refuses duplicate keys and reads dates as text."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BASE.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str | int | float | bool) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    _("the key {key!r} is given twice (also on line {line}); keep one").format(
                        key=key, line=seen[key]
                    ),
                    key_node.start_mark,
                )
            if isinstance(key, str | int | float | bool):
                seen[key] = key_node.start_mark.line + 1
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def load_yaml(text: str) -> Any:
    """The YAML document, or YamlProblem saying what and where."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlProblem(
            _("the file is larger than {size} KB; a config is a few KB").format(size=MAX_BYTES // 1024)
        )
    try:
        raw = yaml.load(text, Loader=StrictLoader)
    except yaml.YAMLError as exc:
        raise YamlProblem(yaml_problem(exc)) from None
    except RecursionError:
        raise YamlProblem(_("the YAML is nested too deeply to be a config")) from None
    if _expanded_size(raw, MAX_VALUES) > MAX_VALUES:
        message = _("the aliases (*name) expand to more than {count} values; write them out")
        raise YamlProblem(message.format(count=MAX_VALUES))
    return raw


def yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if not isinstance(exc, yaml.constructor.ConstructorError):
        problem = _("YAML syntax error: {problem}").format(problem=_(problem))
    if mark is None:
        return problem
    return _("line {line}, column {column}: {problem}").format(
        line=mark.line + 1, column=mark.column + 1, problem=problem
    )


def _expanded_size(value: Any, budget: int) -> int:
    """How many values the document holds with every alias expanded, counting stops past `budget`
    (so a billion-laughs document costs no more than `budget` steps)."""
    count, stack = 0, [value]
    while stack and count <= budget:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def control_characters(value: Any, loc: tuple[Any, ...] = ()) -> list[Problem]:
    """Every text of the config that holds a control character (line breaks and tabs pass)."""
    if isinstance(value, str):
        return [] if printable(value) == value else [(loc, _("holds a control character; remove it"))]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in control_characters(item, (*loc, key))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in control_characters(item, (*loc, index))]
    return []


def places(name: str, text: str, problems: list[Problem]) -> list[str]:
    """Each problem as `config.yaml:42: targets[3].threshold: what is wrong`."""
    tree = yaml.compose(text, Loader=StrictLoader)  # only now: the node tree gives line numbers
    return [_place(name, tree, loc) + message for loc, message in problems]


def _place(name: str, tree: yaml.Node | None, loc: tuple[Any, ...]) -> str:
    line = _line_of(tree, loc)
    where = f"{name}:{line}" if line else name
    path = _loc_text(loc)
    return f"{where}: {path}: " if path else f"{where}: "


def _loc_text(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child = _child(node, part)
        if child is None:
            return line
        node, line = child, child.start_mark.line + 1
    return line


def _child(node: yaml.Node | None, part: Any) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(part):
                child: yaml.Node = value
                return child
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        item: yaml.Node = node.value[part]
        return item
    return None
