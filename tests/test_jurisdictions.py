"""Extractive summaries, the comparison, sources and passage browsing."""

from __future__ import annotations

from corpus.load import Corpus
from retrieval.catalog import find_sources, passage, sources
from retrieval.jurisdictions import compare, parse_jurisdiction, summary


def _verbatim(quote, corpus: Corpus) -> bool:  # type: ignore[no-untyped-def]
    return corpus.by_id[quote.passage_id].text[quote.start : quote.end] == quote.text


def test_china_summary_says_the_review_found_no_mention(corpus: Corpus) -> None:
    china = summary(corpus, "China")
    assert china.finding == "no_mention" and not china.covered
    assert [q.passage_id for q in china.policy] == ["osai.policy.china.1"]
    assert china.policy[0].text.startswith("There is no mention of open-source models")


def test_eu_summary_lists_policy_then_related_passages_in_review_order(corpus: Corpus) -> None:
    eu = summary(corpus, "EU")
    assert [q.passage_id for q in eu.policy] == ["osai.policy.eu.1", "osai.policy.eu.2"]
    orders = [corpus.by_id[q.passage_id].order for q in eu.analysis]
    assert orders == sorted(orders) and "osai.analysis.4" in [q.passage_id for q in eu.analysis]
    assert {"eu_ai_act", "github_eu_ai_act_paper"} <= {s.id for s in eu.sources}
    assert all(_verbatim(q, corpus) for q in eu.policy + eu.analysis)


def test_us_summary_points_to_the_lost_list(corpus: Corpus) -> None:
    us = summary(corpus, "US")
    assert [n.gap_id for n in us.notes] == ["osai.gaps.eo_46_list"]
    assert "us_eo_14110" in {s.id for s in us.sources}


def test_compare_has_all_three_in_order(corpus: Corpus) -> None:
    assert [s.jurisdiction for s in compare(corpus)] == ["US", "EU", "China"]
    assert [s.covered for s in compare(corpus)] == [True, True, False]


def test_parse_jurisdiction() -> None:
    assert parse_jurisdiction(" eu ") == "EU" and parse_jurisdiction("CHINA") == "China"
    assert parse_jurisdiction("uk") is None


def test_sources_list_each_excerpt_verbatim_and_no_unconfirmed_links(corpus: Corpus) -> None:
    listings = sources(corpus)
    assert len(listings) == len(corpus.sources)
    by_id = {x.source.id: x for x in listings}
    assert any("train away the harmlessness" in q.text for q in by_id["ladish_interview"].excerpts)
    assert by_id["ladish_interview"].source.url is None
    assert by_id["us_eo_14110"].source.url is None  # the URL's form is unconfirmed
    for listing in listings:
        assert all(_verbatim(q, corpus) for q in listing.excerpts)


def test_find_sources_filters_by_title_and_author(corpus: Corpus) -> None:
    assert [x.source.id for x in find_sources(corpus, "ladish")] == ["badllama", "ladish_interview"]
    assert find_sources(corpus, "no such thing") == []


def test_passage_view_has_neighbours(corpus: Corpus) -> None:
    view = passage(corpus, "osai.policy.eu.1")
    assert view is not None
    assert (view.previous, view.next) == ("osai.policy.us.1", "osai.policy.eu.2")
    assert passage(corpus, "nope") is None
