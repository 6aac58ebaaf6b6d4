"""The `ask --json` contract (retrieval/answer.schema.json) holds, and breaking it fails here:
the schema names every field to_json writes, dropping any of them fails validation, and every
answer to every evaluation question keeps the schema and the verbatim invariant — in its
JSON, in the Discord embed and in the terminal's text."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest

from bot.discord import render
from bot.terminal import render_answer
from corpus.load import Corpus
from retrieval.engine import Engine
from retrieval.evaluation import SET_NAMES, load_cases, set_path
from retrieval.types import Answer
from tests import contract
from tests.e2e_helpers import assert_verbatim

DEFS = contract.SCHEMA["$defs"]
# A question about the document itself: facts and a quote.
DOCUMENT_QUESTION = "Who wrote it?"


def _answers(engine: Engine) -> Iterator[Answer]:
    for name in SET_NAMES:
        for case in load_cases(set_path(name)):
            yield engine.answer(case.question)


@pytest.fixture(scope="module")
def eval_answers(engine: Engine) -> list[Answer]:
    return list(_answers(engine))


@pytest.fixture(scope="module")
def rich(engine: Engine, eval_answers: list[Answer]) -> dict[str, Any]:
    """One answer's JSON holding every optional part: a quote of an excerpt with its source,
    a note with what to read instead, and facts (merged from answers that have them)."""
    with_source = next(a for a in eval_answers if any(q.source for q in a.quotes))
    with_note = next(a for a in eval_answers if any(n.read_instead for n in a.notes))
    continued = next(a for a in eval_answers if any(q.continuation for q in a.quotes))
    data = engine.answer(DOCUMENT_QUESTION).to_json()
    assert data["facts"] and data["quotes"]
    data["quotes"] += [q for q in continued.to_json()["quotes"] if q["continuation"]]
    data["quotes"] += [q for q in with_source.to_json()["quotes"] if q["source"]]
    data["notes"] = [n for n in with_note.to_json()["notes"] if n["read_instead"]]
    return contract.check(data)


def _keys(schema: dict[str, Any]) -> tuple[set[str], set[str]]:
    return set(schema["required"]), set(schema["properties"])


def test_the_schema_names_every_field_to_json_writes_and_requires_each(
    rich: dict[str, Any],
) -> None:
    # Both ways: a field added to to_json must be published, and one published must be written.
    quote = rich["quotes"][-1]
    for schema, written in [
        (contract.SCHEMA, rich),
        (DEFS["quote"], quote),
        (DEFS["quote"], next(q["continuation"] for q in rich["quotes"] if q["continuation"])),
        (DEFS["source"], quote["source"]),
        (DEFS["note"], rich["notes"][0]),
        (DEFS["note"]["properties"]["read_instead"]["items"], rich["notes"][0]["read_instead"][0]),
        (contract.SCHEMA["properties"]["facts"]["items"], rich["facts"][0]),
    ]:
        if "$ref" in schema:
            schema = DEFS[schema["$ref"].rsplit("/", 1)[-1]]
        required, named = _keys(schema)
        assert required == named == set(written), schema.get("description", schema)


@pytest.mark.parametrize("field", contract.SCHEMA["required"])
def test_dropping_a_top_level_field_breaks_the_contract(rich: dict[str, Any], field: str) -> None:
    broken = copy.deepcopy(rich)
    del broken[field]
    assert contract.problems(broken) == [f"(top): '{field}' is a required property"]


@pytest.mark.parametrize("field", DEFS["quote"]["required"])
def test_dropping_a_quote_field_breaks_the_contract(rich: dict[str, Any], field: str) -> None:
    broken = copy.deepcopy(rich)
    del broken["quotes"][0][field]
    assert contract.problems(broken) == [f"quotes/0: '{field}' is a required property"]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("status",), "maybe"),
        (("confidence",), "medium"),
        (("page",), -1),
        (("has_more",), "no"),
        (("jurisdictions",), ["UK"]),
        (("quotes", 0, "start"), 1.5),
        (("quotes", 0, "highlights"), [[1, 2, 3]]),
        (("quotes", 0, "kind"), "summary"),
        (("quotes", -1, "source", "authors"), "one author"),
        (("quotes", 0, "continuation"), "osai.effects.12"),
        (("facts", 0, "value"), None),
    ],
)
def test_a_wrong_type_or_value_breaks_the_contract(
    rich: dict[str, Any], path: tuple[Any, ...], value: object
) -> None:
    broken = copy.deepcopy(rich)
    target = broken
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    assert contract.problems(broken) != []


def test_a_continuation_is_held_to_the_quote_contract(rich: dict[str, Any]) -> None:
    broken = copy.deepcopy(rich)
    continuation = next(q["continuation"] for q in broken["quotes"] if q["continuation"])
    del continuation["passage_id"]
    assert contract.problems(broken) != []


def test_every_eval_answer_keeps_the_contract_and_quotes_verbatim(
    corpus: Corpus, eval_answers: list[Answer]
) -> None:
    quoted = 0
    for answer in eval_answers:
        # Through the JSON text, as a script reads it.
        data = contract.check(json.loads(json.dumps(answer.to_json(), ensure_ascii=False)))
        continued = [q["continuation"] for q in data["quotes"] if q["continuation"]]
        for quote in data["quotes"] + continued:
            passage = corpus.by_id[quote["passage_id"]].text
            assert quote["text"] == passage[quote["start"] : quote["end"]], quote
            assert all(0 <= s < e <= len(quote["text"]) for s, e in quote["highlights"]), quote
            quoted += 1
        if answer.quotes:
            embed = render.answer_embed(answer, corpus_label=answer.corpus_version)
            blocks = assert_verbatim(embed.description, corpus)
            assert blocks[0].passage_id == answer.quotes[0].passage_id
            text = " ".join(render_answer(answer, width=80).split())
            for quote in answer.shown_quotes:
                # The terminal wraps lines; the words and their order are the quote's own.
                assert f"“{' '.join(quote.text.split())}”" in text, quote.passage_id
    # The sets are mostly answerable questions: most answers must carry quotes to check.
    assert quoted >= len(eval_answers)
