"""Corpus files → validated data: YAML read with line numbers, checked by corpus/models.py.

Only a corpus not validated before comes here (see corpus/snapshot.py), so this is the only
module that imports PyYAML and pydantic on the way to an answer.
"""

from __future__ import annotations

from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from corpus.problems import Loc, Problem, dotted, line_of

M = TypeVar("M", bound=BaseModel)


# libyaml's parser when present: a 100,000-passage corpus parses in seconds, not minutes.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """Safe loader that keeps dates as text (pydantic parses them); nodes carry lines."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def check(raw: bytes, label: str, model: type[M]) -> tuple[M | None, dict[Loc, int], list[Problem]]:
    """A file's bytes validated as `model`; the line of each location; the problems."""
    data, lines, problems = _read_yaml(raw, label)
    if data is None:
        return None, lines, problems
    checked, found = _validate(model, data, lines, label)
    return checked, lines, problems + found


def _read_yaml(raw: bytes, label: str) -> tuple[Any, dict[Loc, int], list[Problem]]:
    """Parse YAML into plain data, a map of locations to line numbers, and problems (the
    file's size was checked by corpus/load.py)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, {}, [Problem(label, line, "", f"not UTF-8 (byte 0x{raw[exc.start]:02x})")]
    if not text.strip():
        return None, {}, [Problem(label, None, "", "file is empty")]
    problems: list[Problem] = []
    lines: dict[Loc, int] = {}
    loader: _Loader | None = None
    try:
        loader = _Loader(text)  # the pure-Python reader rejects control characters here
        node = loader.get_single_node()
        if node is None:
            return None, {}, [Problem(label, None, "", "file is empty (only comments)")]
        data = _construct(node, loader, (), lines, problems, label, set(), node.start_mark.line + 1)
    except yaml.YAMLError as exc:
        return None, {}, [_yaml_problem(exc, text, label)]
    except _AliasError as exc:
        return None, {}, [Problem(label, exc.line, dotted(exc.loc), str(exc))]
    finally:
        if loader is not None:
            loader.dispose()
    return data, lines, problems


def _yaml_problem(exc: yaml.YAMLError, text: str, label: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        # An unprintable character: find it, since the offset is in bytes or characters
        # depending on the parser.
        at = text.find(chr(exc.character))
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        what = f"character U+{exc.character:04X} is not allowed ({exc.reason})"
        return Problem(label, line, "", f"malformed YAML: {what}")
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    what = " ".join(str(getattr(exc, "problem", None) or exc).split())
    return Problem(label, line, "", f"malformed YAML: {what}")


class _AliasError(Exception):
    """A `*alias`: it could nest a value in itself or multiply it, so it is refused."""

    def __init__(self, line: int, loc: Loc) -> None:
        self.line, self.loc = line, loc
        super().__init__("YAML aliases (*name) are not supported: write the value out")


def _construct(
    node: yaml.Node,
    loader: _Loader,
    loc: Loc,
    lines: dict[Loc, int],
    problems: list[Problem],
    label: str,
    seen: set[int],
    line: int,
) -> Any:
    # The composer hands out the same node again for each alias of an anchor.
    if id(node) in seen:
        raise _AliasError(line, loc)
    seen.add(id(node))
    lines[loc] = line  # for a mapping value, the line of its key
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int):
                key = str(key)
            key_line = key_node.start_mark.line + 1
            if key in out:
                problems.append(Problem(label, key_line, dotted((*loc, key)), "duplicate key"))
            out[key] = _construct(
                value_node, loader, (*loc, key), lines, problems, label, seen, key_line
            )
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(child, loader, (*loc, i), lines, problems, label, seen, child_line)
            for i, child in enumerate(node.value)
            for child_line in [child.start_mark.line + 1]
        ]
    return loader.construct_object(node, deep=True)


def _validate(
    model: type[M], data: Any, lines: dict[Loc, int], label: str
) -> tuple[M | None, list[Problem]]:
    if not isinstance(data, dict):
        return None, [
            Problem(label, 1, "", f"expected a mapping at the top, got {type(data).__name__}")
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            # Drop pydantic's union/validator tags so the field reads like the YAML path.
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
            problems.append(Problem(label, line_of(lines, loc), dotted(loc), _message(err)))
        return None, problems


def _message(err: Any) -> str:
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        return "unknown field"
    if err["type"] == "missing":
        return "required field is missing"
    return msg
