"""Words that were a link whose target our copy lost: kept verbatim, marked as lost links."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.discord.render import answer_embed
from bot.terminal import render_answer
from corpus.load import Corpus, CorpusError, load_corpus
from retrieval.engine import Engine
from tests.e2e_helpers import assert_verbatim

QUESTION = "Was the treatment of open-source models contentious?"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


def test_the_corpus_marks_see_also_here(corpus: Corpus) -> None:
    entry = corpus.by_id["osai.policy.eu.2"]
    assert entry.lost_links == ("(see also here)",)
    assert entry.text.endswith("(see also here).")  # the text itself is untouched


def test_quotes_carry_the_span_and_json_has_it(corpus: Corpus) -> None:
    answer = Engine(corpus).answer(QUESTION)
    quote = next(q for q in answer.quotes if q.passage_id == "osai.policy.eu.2")
    ((start, end),) = quote.lost_links
    assert quote.text[start:end] == "(see also here)"
    data = answer.to_json()
    shown = next(q for q in data["quotes"] if q["passage_id"] == "osai.policy.eu.2")
    assert shown["lost_links"] == [[start, end]]


def test_discord_underlines_it_and_says_why_and_the_quote_stays_verbatim(corpus: Corpus) -> None:
    answer = Engine(corpus).answer(QUESTION)
    description = answer_embed(answer).description or ""
    assert r"__\(see also here\)__" in description
    assert "a link whose target our copy lost" in description
    assert_verbatim(description, corpus)


def test_the_terminal_says_so(corpus: Corpus) -> None:
    out = render_answer(Engine(corpus).answer(QUESTION), width=100)
    assert "(see also here)." in out
    assert "lost link: “(see also here)”" in out


def test_a_lost_link_not_in_the_text_is_a_corpus_error(tmp_path: Path) -> None:
    import shutil

    from corpus.load import PACKAGED_CORPUS

    shutil.copytree(PACKAGED_CORPUS, tmp_path / "c")
    doc = tmp_path / "c" / "documents" / "osai.yaml"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("  - (see also here)\n", "  - (see elsewhere)\n"),
        encoding="utf-8",
    )
    with pytest.raises(CorpusError) as raised:
        load_corpus(tmp_path / "c")
    assert any("lost_links" in str(p) for p in raised.value.problems)
