"""/contents' table (retrieval/contents.py) and /ask's suggestions."""

from __future__ import annotations

import pytest

from bot.discord.ask import EXAMPLES, question_choices
from bot.discord.render import DESCRIPTION, contents_embed
from corpus.load import Corpus, load_corpus
from retrieval.contents import table_of_contents
from retrieval.engine import Engine


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


def test_every_section_in_order_with_counts_and_links(corpus: Corpus) -> None:
    lines = table_of_contents(corpus)
    doc = corpus.documents[0]
    assert [line.section_id for line in lines] == [s.id for s in doc.sections]
    by_id = {line.section_id: line for line in lines}
    # A parent counts the passages of its subsections.
    assert by_id["osai.policy"].passages == sum(
        by_id[s].passages for s in ("osai.policy.us", "osai.policy.eu", "osai.policy.china")
    )
    assert (by_id["osai.policy"].depth, by_id["osai.policy.eu"].depth) == (0, 1)
    assert sum(line.passages for line in lines if line.depth == 0) == len(doc.passages)
    for line in lines:
        assert line.link and doc.url and line.link.startswith(doc.url + "#:~:text=")
        assert line.first_passage is not None
        assert corpus.by_id[line.first_passage].section.id.startswith(line.section_id)


def test_the_embed_fits_and_names_every_section(corpus: Corpus) -> None:
    embed = contents_embed(table_of_contents(corpus))
    text = embed.description or ""
    assert len(text) <= DESCRIPTION
    for section in corpus.documents[0].sections:
        assert section.title.replace("-", "\\-") in text


def test_a_huge_table_is_cut_between_lines(corpus: Corpus) -> None:
    lines = table_of_contents(corpus) * 200
    text = contents_embed(lines).description or ""
    assert len(text) <= DESCRIPTION
    assert "more sections" in text


def test_every_example_question_is_answered(corpus: Corpus) -> None:
    engine = Engine(corpus)
    for question in EXAMPLES:
        answer = engine.answer(question)
        assert answer.status == "answered" and answer.confidence == "high", question


def test_suggestions_are_examples_and_section_titles_only(corpus: Corpus) -> None:
    everything = [c.value for c in question_choices(corpus, "")]
    titles = [s.title for s in corpus.documents[0].sections]
    assert everything[: len(EXAMPLES)] == list(EXAMPLES)
    assert set(everything) <= set(EXAMPLES) | set(titles)
    assert len(everything) <= 25
    assert [c.value for c in question_choices(corpus, "china regulate")] == [
        "Does China regulate open-source models?"
    ]
    assert [c.value for c in question_choices(corpus, "EU")] == [
        "What does the EU AI Act exempt?",
        "The EU",
    ]


def test_document_suggestions_match_id_or_title(corpus: Corpus) -> None:
    from bot.discord.ask import document_choices

    assert [(c.name, c.value) for c in document_choices(corpus, "regulatory")] == [
        ("Open-Source AI: A Regulatory Review (osai)", "osai")
    ]
    assert document_choices(corpus, "nothing like it") == []
