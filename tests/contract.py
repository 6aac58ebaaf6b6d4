"""The `ask --json` contract, retrieval/answer.schema.json, as the tests check it."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator

# Read as the installed package ships it: the file people are pointed to is the one checked.
SCHEMA: dict[str, Any] = json.loads(
    resources.files("retrieval").joinpath("answer.schema.json").read_text(encoding="utf-8")
)
Draft202012Validator.check_schema(SCHEMA)
VALIDATOR = Draft202012Validator(SCHEMA)


def problems(data: object) -> list[str]:
    """Every way `data` breaks the contract, one line each (empty when it keeps it)."""
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
        for e in VALIDATOR.iter_errors(data)
    ]


def check(data: object) -> dict[str, Any]:
    """`data` if it keeps the contract; else an AssertionError naming each problem."""
    found = problems(data)
    assert found == [], "\n".join(found)
    assert isinstance(data, dict)
    return data


def check_lines(stdout: str) -> list[dict[str, Any]]:
    """Each line of `ask --json` output, parsed and checked."""
    # Split on "\n" only: str.splitlines would also split inside a line on U+2028 or U+0085,
    # which json.dumps(ensure_ascii=False) leaves as they are.
    assert stdout.endswith("\n"), "ask --json printed nothing, or no whole line"
    lines = stdout[:-1].split("\n")
    return [check(json.loads(line)) for line in lines]
