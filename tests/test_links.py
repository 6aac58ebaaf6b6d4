"""Text-fragment links (retrieval/links.py) against the examples of the WICG spec
"URL Fragment Text Directives", and against the packaged review."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from corpus.load import Corpus, load_corpus
from retrieval.engine import Engine
from retrieval.links import TextDirective, directive_for, encode_term, quote_link, with_fragment

WIKI = "https://en.wikipedia.org/wiki/History_of_computing"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


def test_the_spec_examples() -> None:
    # §3.3.1: exact, range, and with context terms.
    assert str(TextDirective("an example text fragment")) == "text=an%20example%20text%20fragment"
    assert str(TextDirective("an example", "text fragment")) == "text=an%20example,text%20fragment"
    assert (
        str(TextDirective("an example", prefix="this is", suffix="text fragment"))
        == "text=this%20is-,an%20example,-text%20fragment"
    )
    # §3.6's Wikipedia example; the spec's own link leaves "-" raw, which its grammar
    # (TextDirectiveExplicitChar excludes "&", "-" and ",") does not allow.
    sentence = (
        "The first recorded idea of using digital electronics for computing was the 1931 paper "
        '"The Use of Thyratrons for High Speed Automatic Counting of Physical Phenomena" by '
        "C. E. Wynn-Williams"
    )
    assert with_fragment(WIKI, TextDirective(sentence)) == (
        WIKI + "#:~:text=The%20first%20recorded%20idea%20of%20using%20digital%20electronics"
        "%20for%20computing%20was%20the%201931%20paper%20%22The%20Use%20of%20Thyratrons%20for"
        "%20High%20Speed%20Automatic%20Counting%20of%20Physical%20Phenomena%22%20by%20C.%20E."
        "%20Wynn%2DWilliams"
    )
    assert with_fragment(WIKI, TextDirective("The first recorded", "Williams")) == (
        WIKI + "#:~:text=The%20first%20recorded,Williams"
    )


def test_syntax_characters_and_markdown_breakers_are_encoded() -> None:
    assert encode_term("a-b, c & d") == "a%2Db%2C%20c%20%26%20d"
    assert encode_term("(see also here)") == "%28see%20also%20here%29"
    assert encode_term("risk–reward “weights”") == "risk%E2%80%93reward%20%E2%80%9Cweights%E2%80%9D"
    # Only the spec's explicit characters and percent-encoded bytes remain.
    assert re.fullmatch(r"([A-Za-z0-9!$'*+./:;=?@_~]|%[0-9A-F]{2})+", encode_term("¿Qué? 50% — x"))


def test_a_start_found_earlier_on_the_page_gets_a_prefix() -> None:
    page = "The act is new.\nWe note that the act is broad."
    at = page.rindex("the act")
    assert directive_for(page, at, len("the act")) == TextDirective("the act", prefix="that")
    # Unique on the page: no prefix.
    assert directive_for(page, at, len("the act is broad.")) == TextDirective("the act is broad.")
    assert directive_for(page, 0, len("The act is new.")) == TextDirective("The act is new.")


def test_a_long_quote_is_a_range_whose_end_is_not_found_earlier() -> None:
    quote = "one two three four five six seven eight nine ten eleven seven eight nine ten"
    directive = directive_for(quote, 0, len(quote))
    assert directive.start == "one two three four"
    # "seven eight nine ten" occurs earlier: the end grows until it does not.
    assert directive.end == "eleven seven eight nine ten"


def test_a_range_never_crosses_a_paragraph_break_within_a_term() -> None:
    page = "First paragraph has several words in it.\nSecond one has some more words here too."
    directive = directive_for(page, 0, len(page))
    assert "\n" not in directive.start and "\n" not in (directive.end or "")
    assert directive.start == "First paragraph has several"
    assert directive.end == "more words here too."


def test_every_quote_of_the_review_links_to_words_the_page_shows(corpus: Corpus) -> None:
    engine = Engine(corpus)
    page = "\n".join(p.text for d in corpus.documents for p in d.passages)
    folded = re.sub(r"\s+", " ", page).lower()
    for question in ("What does the EU AI Act exempt?", "What are the risks of open-sourcing?"):
        for quote in engine.answer(question).quotes:
            assert quote.url and quote.link and quote.link.startswith(quote.url + "#:~:text=")
            terms = quote.link.split("#:~:text=", 1)[1].split(",")
            for term in terms:
                assert unquote(term.strip("-")).lower() in folded, term
            start = unquote(next(t for t in terms if not t.endswith("-"))).lower()
            assert re.sub(r"\s+", " ", quote.text).lower().startswith(start)


def test_a_passage_not_on_the_page_links_to_the_page(corpus: Corpus) -> None:
    doc = corpus.documents[0]
    assert quote_link(doc, "no.such.passage", 0, 5) == doc.url


def test_ask_json_has_link_and_keeps_url(corpus: Corpus) -> None:
    data = Engine(corpus).answer("What does the EU AI Act exempt?").to_json()
    first = data["quotes"][0]
    assert first["url"].startswith("https://") and first["link"].startswith(first["url"] + "#:~:")


def test_the_embed_and_the_terminal_link_to_the_quoted_words(corpus: Corpus) -> None:
    from bot.discord.render import citation_line
    from bot.terminal import render_quote

    quote = Engine(corpus).answer("What does the EU AI Act exempt?").quotes[0]
    assert quote.link and f"]({quote.link})" in citation_line(quote)
    assert quote.link in render_quote(quote, width=100)


def test_a_page_too_long_to_search_links_to_its_plain_url() -> None:
    from corpus.types import Document, Passage, Section
    from retrieval.links import MAX_PAGE_CHARS

    text = "word " * 1000
    passages = tuple(
        Passage(id=f"p{i}", section="s", text=text) for i in range(MAX_PAGE_CHARS // len(text) + 2)
    )
    doc = Document(
        id="d", title="T", url="https://x.example/p", sections=(Section(id="s", title="S"),),
        passages=passages,
    )  # fmt: skip
    assert quote_link(doc, "p1", 0, 20) == "https://x.example/p"
