"""Names typed in lower case are written as the corpus writes them, for the embeddings."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.load import Corpus
from retrieval import engine as engine_module
from retrieval import truecase
from retrieval.cache import cache_path, load_or_build_names, names_identity
from retrieval.engine import Engine
from retrieval.truecase import Capitals
from tests.cache_files import damages, never

TEXTS = [
    "Meta released Llama 2. Therefore, open weights matter to the EU and to GitHub’s users.",
    "It cost us $200, says Meta. The Review of the series is out; a review follows.",
]


def test_names_and_acronyms_are_written_as_the_corpus_writes_them() -> None:
    capitals = Capitals.from_texts(TEXTS)
    assert capitals("did meta release llama 2 in the eu?") == "did Meta release Llama 2 in the EU?"
    assert capitals("what do github users say") == "what do GitHub users say"  # "GitHub’s"
    # A possessive is the name's too.
    assert capitals("meta's and github’s users") == "Meta's and GitHub’s users"
    assert capitals("metas users") == "metas users"


def test_other_words_are_left_as_typed() -> None:
    capitals = Capitals.from_texts(TEXTS)
    # Capitalised only where a sentence starts ("Therefore"), also in lower case ("review",
    # "us"), or an everyday word: none is a name.
    assert capitals("therefore the review cost us") == "therefore the review cost us"
    # Typed with a capital, or inside another word: as typed.
    assert capitals("METa and metadata") == "METa and metadata"


def test_phrases_given_as_names_are_written_so() -> None:
    capitals = Capitals.from_texts(TEXTS, ["the US"])
    # "us" alone is the pronoun; after "the", the country.
    assert (
        capitals("what does the us require? it cost us") == "what does the US require? it cost us"
    )


def test_an_empty_corpus_changes_nothing() -> None:
    assert Capitals.from_texts([])("is chatgpt open source") == "is chatgpt open source"


def test_a_question_typed_in_lower_case_is_answered_as_if_capitalised(engine: Engine) -> None:
    # The embeddings' tokenizer tells cases apart: "chatgpt" came out far from "ChatGPT".
    # Each differed in its quotes or its confidence before.
    for typed, cased in (
        ("is chatgpt open-source?", "is ChatGPT open-source?"),
        ("does claude have guardrails", "does Claude have guardrails"),
        ("what is an llm", "what is an LLM"),
        ("are chatgpt's and claude's weights public", "are ChatGPT's and Claude's weights public"),
    ):
        lower, upper = engine.answer(typed), engine.answer(cased)
        assert [q.passage_id for q in lower.quotes] == [q.passage_id for q in upper.quotes]
        assert lower.confidence == upper.confidence


def test_the_us_in_lower_case_is_not_declined_as_far_from_everything(engine: Engine) -> None:
    # "us" alone is the pronoun, which came out far from every sentence; the words still read
    # "us" as a stopword, so the quotes may differ from those for "the US".
    answer = engine.answer("what does the us require")
    assert answer.status == "answered" and answer.jurisdictions == ("US",)


def test_the_names_are_cached_and_read_back(tmp_path: Path) -> None:
    built = load_or_build_names(TEXTS, "v1", tmp_path)
    assert built["github"] == "GitHub" and "review" not in built
    assert load_or_build_names(never(), "v1", tmp_path) == built
    with pytest.raises(AssertionError, match="not used"):
        load_or_build_names(never(), "v2", tmp_path)  # another corpus version


@pytest.mark.parametrize("damage", damages(b"GitHub"))
def test_a_damaged_names_file_is_rebuilt(tmp_path: Path, damage: object) -> None:
    built = load_or_build_names(TEXTS, "v1", tmp_path)
    damage(cache_path(tmp_path, names_identity("v1"), "names"))  # type: ignore[operator]
    with pytest.raises(AssertionError, match="not used"):
        load_or_build_names(never(), "v1", tmp_path)
    assert load_or_build_names(TEXTS, "v1", tmp_path) == built
    assert load_or_build_names(never(), "v1", tmp_path) == built


def test_a_cached_corpus_reads_its_names_with_the_index(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Built on first use, the table cost a large corpus's first question that names a work
    # or a version ("llama3") a pass over every passage.
    monkeypatch.setattr(engine_module, "CACHE_FROM_PASSAGES", 1)
    first = Engine(corpus, index_cache=tmp_path)
    assert "_names" in vars(first)
    monkeypatch.setattr(truecase, "names_in", lambda texts: next(never()))
    second = Engine(corpus, index_cache=tmp_path)
    assert second._names == first._names and second._names["chatgpt"] == "ChatGPT"
