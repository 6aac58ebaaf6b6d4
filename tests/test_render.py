"""Rendering for Discord: every message within Discord's limits, quotes still verbatim
(cut only at sentence ends), and whatever a user typed shown literally."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import discord
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.discord import render
from bot.discord.info import command_lines
from bot.discord.tree import COMMANDS
from bot.terminal import render_answer
from bot.wording import FOOTER_TEXT
from corpus.load import Corpus
from retrieval.catalog import SourceListing, find_sources, passage
from retrieval.engine import Engine
from retrieval.evaluation import load_cases, set_path
from retrieval.jurisdictions import Summary, compare, summary
from retrieval.text import clean_question, sentences
from retrieval.types import Answer, Note, Quote, SourceRef

# Discord's limits, written out here rather than read from bot.discord.render, so that a wrong
# constant there fails these tests instead of moving the goalposts.
TITLE, DESCRIPTION, FIELDS, FIELD_NAME, FIELD_VALUE = 256, 4096, 25, 256, 1024
FOOTER, AUTHOR, EMBED_TOTAL, EMBEDS, CONTENT = 2048, 256, 6000, 10, 2000
ELLIPSIS = "…"

CASES = load_cases(set_path("regression"))
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]


def randomised(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, suppress_health_check=_HEALTH)


# --- checking a rendered message, independently of bot.discord.render -----------------------------


def own_size(embed: discord.Embed) -> int:
    """Characters Discord counts for one embed, read off the payload discord.py sends."""
    data = embed.to_dict()
    return (
        len(data.get("title", ""))
        + len(data.get("description", ""))
        + len(data.get("footer", {}).get("text", ""))
        + len(data.get("author", {}).get("name", ""))
        + sum(len(f["name"]) + len(f["value"]) for f in data.get("fields", []))
    )


def check_message(embeds: Sequence[discord.Embed], content: str | None = None) -> None:
    """Every limit Discord puts on one message's embeds and content."""
    assert len(embeds) <= EMBEDS
    for embed in embeds:
        data = embed.to_dict()
        assert len(data.get("title", "")) <= TITLE
        assert len(data.get("description", "")) <= DESCRIPTION
        fields = data.get("fields", [])
        assert len(fields) <= FIELDS
        for field in fields:
            # Discord rejects empty (or blank) names and values as well as long ones.
            assert field["name"].strip() and len(field["name"]) <= FIELD_NAME
            assert field["value"].strip() and len(field["value"]) <= FIELD_VALUE
        assert len(data.get("footer", {}).get("text", "")) <= FOOTER
        assert len(data.get("author", {}).get("name", "")) <= AUTHOR
    total = sum(own_size(e) for e in embeds)
    assert total <= EMBED_TOTAL
    if content is not None:
        assert len(content) <= CONTENT


def shown(markdown: str) -> str:
    """The characters Discord shows for rendered quote markdown: each backslash escape
    resolved, the bold markers (`**`, never escaped) and a lost link's underline (`__`)
    dropped."""
    out, i = [], 0
    while i < len(markdown):
        if markdown[i] == "\\" and i + 1 < len(markdown):
            out.append(markdown[i + 1])
            i += 2
        elif markdown.startswith(("**", "__"), i):
            i += 2
        else:
            out.append(markdown[i])
            i += 1
    return "".join(out)


def literal(markdown: str) -> str:
    """`markdown` with every escaped character (and its backslash) replaced by NUL, so
    what is left is exactly the syntax Discord would act on."""
    return re.sub(r"\\.", "\0\0", markdown, flags=re.DOTALL)


_CITED = re.compile(r"`([a-z0-9_]+(?:\.[a-z0-9_]+)+)`$")


def quote_blocks(markdown: str) -> list[tuple[str, str]]:
    """(block quote markdown, passage id cited on the line after it), in order."""
    lines = markdown.split("\n")
    blocks, i = [], 0
    while i < len(lines):
        if not lines[i].startswith(">"):
            i += 1
            continue
        body = []
        while i < len(lines) and lines[i].startswith(">"):
            body.append(lines[i][2:] if lines[i].startswith("> ") else lines[i][1:])
            i += 1
        assert i < len(lines), f"a block quote without a citation line: {body!r}"
        cited = _CITED.search(lines[i])
        assert cited, f"the line after a block quote is not its citation: {lines[i]!r}"
        blocks.append(("\n".join(body), cited.group(1)))
    return blocks


def sentence_ends(text: str) -> set[int]:
    return {end for _, end in sentences(text)}


def shows(block: str, text: str) -> str | None:
    """The part of `text` that `block` shows, if it shows all of it or a prefix of whole
    sentences followed by ' …'; None if it shows anything else."""
    if shown(block) == text:
        return text
    if not block.endswith(" " + ELLIPSIS):
        return None
    prefix = shown(block[: -len(ELLIPSIS) - 1])
    if prefix and len(prefix) < len(text) and text.startswith(prefix):
        return prefix if len(prefix) in sentence_ends(text) else None
    return None


def check_quotes(markdown: str, quotes: Sequence[Quote]) -> list[str]:
    """Every block quote in `markdown` shows one of `quotes` verbatim (whole, or cut at a
    sentence end), in their order; returns the cited passage ids."""
    remaining = list(quotes)
    ids = []
    for block, cited in quote_blocks(markdown):
        while remaining and not (
            remaining[0].passage_id == cited and shows(block, remaining[0].text) is not None
        ):
            remaining.pop(0)
        assert remaining, f"block quote {block!r} (cited {cited}) is no quote's verbatim text"
        remaining.pop(0)
        ids.append(cited)
    return ids


# --- random answers, summaries and listings ----------------------------------------------

FRAGMENTS = [
    "**bold**",
    "__underline__",
    "*italic*",
    "~~strike~~",
    "||spoiler||",
    "`code`",
    "```block```",
    "[link](https://evil.example)",
    "<https://evil.example>",
    "https://bare.example/a_b",
    "@everyone",
    "@here",
    "<@123456789012345678>",
    "<@!123>",
    "<@&456>",
    "<#789>",
    "<:emoji:123>",
    "# heading",
    "-# small",
    "> quote",
    "- item",
    "1. item",
    "\\",
    "\\*",
    "…",
    " ",
    "🇪🇺",
    "中文",
    "é",
    "\u200b",
    "\u202e",
]
piece = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20))
nasty = st.lists(piece, max_size=8).map("".join)
# Long strings are made by repetition: cheap to generate and to shrink.
long = st.one_of(nasty, st.builds(lambda s, n: ((s or "x") * n)[:6000], nasty, st.integers(1, 500)))
# Titles, section names and the like are one line in the corpus (the citation line is one).
_BREAKS = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
line = long.map(lambda s: _BREAKS.sub(" ", s))
title = st.builds(lambda first, rest: first + rest, st.sampled_from("AbZ“(#*"), line)

# Sentences for quote texts: markdown, mentions, links, abbreviations, unicode; drawn
# from a pool (cheap to generate and shrink) plus random and very long ones.
POOL = [
    "The **EU AI Act** exempts open-source models.",
    "See [the paper](https://evil.example) and <https://x.example>!",
    "Ping @everyone and @here, or <@123> in <#456>?",
    "E.g. the U.S. Department of Commerce (see § 4.6) asked for input.",
    "# Not a heading > not a quote - not a list …",
    "“Quoted,” she said: ||spoiler|| `code` ~~strike~~ __under__.",
    "Mr. Smith paid $200 for 1.5 GPUs; cf. Fig. 3.",
    "中文的句子。",
    "Émigré naïve façade 🇪🇺 🇺🇸 🇨🇳.",
    "A backslash \\ and a star \\* stay literal.",
    "no capital letter follows. so this is one sentence.",
    "Ends without a full stop",
    "Why? Because.",
]
sentence = st.one_of(
    st.sampled_from(POOL),
    st.builds(lambda s: "A" + s + ".", nasty),
    st.builds(
        lambda word, n: "L" + (word + " ") * n + "end.",
        st.sampled_from(["long", "*x*", "@a"]),
        st.integers(1, 400),
    ),
)


url = st.one_of(
    st.none(),
    st.builds(
        lambda segment, n: "https://example.org/" + segment * n,
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-._~/%?=&#", max_size=12),
        st.integers(0, 150),
    ),
)
passage_id = st.from_regex(r"[a-z0-9_]{1,20}(\.[a-z0-9_]{1,20}){1,4}", fullmatch=True)
source_refs = st.builds(
    SourceRef,
    id=st.just("src"),
    title=title,
    authors=st.lists(line, max_size=2).map(tuple),
    date=st.sampled_from([None, "2024"]),
    url=url,
)


@st.composite
def quotes(draw: st.DrawFn) -> Quote:
    text = draw(st.lists(sentence, min_size=1, max_size=10).map(" ".join))[:2000].strip()
    text = text or "A."
    n = len(text)
    spans = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(1, 60)), max_size=8))
    highlights = [(a, min(n, a + length)) for a, length in spans]
    return Quote(
        text=text,
        passage_id=draw(passage_id),
        document="doc",
        document_title=draw(title),
        section_path=tuple(draw(st.lists(title, max_size=4))),
        citation="",  # not rendered
        url=draw(url),
        score=0.0,
        start=0,
        end=n,
        highlights=tuple(highlights),
        source=draw(st.one_of(st.none(), source_refs)),
    )


notes = st.builds(
    Note,
    gap_id=st.just("gap"),
    lost=title,
    read_instead=st.lists(source_refs, max_size=3).map(tuple),
)
jurisdiction_lists = st.lists(st.sampled_from(["US", "EU", "China"]), unique=True).map(tuple)
answers = st.builds(
    Answer,
    question=long,
    status=st.sampled_from(["answered", "no_answer", "invalid"]),
    message=st.one_of(st.none(), long),
    jurisdictions=jurisdiction_lists,
    # Some with a continuation, as a lead-in quote carries the passage it introduces.
    quotes=st.lists(
        st.builds(lambda q, more: replace(q, continuation=more), quotes(), st.none() | quotes()),
        max_size=3,
    ).map(tuple),
    suggestions=st.lists(long, max_size=1).map(tuple),
    notes=st.lists(notes, max_size=3).map(tuple),
    page=st.integers(0, 10**6),
    has_more=st.booleans(),
)


def summaries(policy: int = 4, analysis: int = 4, sources: int = 12) -> st.SearchStrategy[Summary]:
    return st.builds(
        Summary,
        jurisdiction=st.sampled_from(["US", "EU", "China"]),
        finding=st.sampled_from([None, "addressed", "no_mention"]),
        policy=st.lists(quotes(), max_size=policy).map(tuple),
        analysis=st.lists(quotes(), max_size=analysis).map(tuple),
        sources=st.lists(source_refs, max_size=sources).map(tuple),
        notes=st.lists(notes, max_size=3).map(tuple),
        corpus_version=st.just("v"),
    )


listings = st.builds(
    SourceListing,
    source=source_refs,
    description=title,
    venue=st.one_of(st.none(), line),
    unconfirmed=st.just(()),
    notes=st.none(),
    excerpts=st.lists(quotes(), max_size=1).map(tuple),
)


@randomised(60)
@given(answer=answers, label=st.from_regex(r"[0-9a-f]{0,16}", fullmatch=True))
def test_random_answers_fit_discord_as_an_embed_and_as_text(answer: Answer, label: str) -> None:
    embed = render.answer_embed(answer, corpus_label=label)
    check_message([embed])
    ids = check_quotes(embed.description or "", answer.shown_quotes)
    assert render.passage_ids_of(embed) == list(dict.fromkeys(ids))

    content = render.answer_text(answer)
    check_message([], content)
    check_quotes(content, answer.shown_quotes)
    # Nothing was cut off the end to make it fit: the footer is whole.
    assert content.endswith(f"-# {FOOTER_TEXT}")


@randomised(30)
@given(summary_=summaries(), compact=st.booleans())
def test_random_summaries_fit_discord(summary_: Summary, compact: bool) -> None:
    embed = render.summary_embed(summary_, compact=compact)
    check_message([embed])
    check_quotes(embed.description or "", summary_.policy)
    analysis = "\n".join(f.value or "" for f in embed.fields if f.name.startswith("Also"))
    check_quotes(analysis, summary_.analysis)


@randomised(20)
@given(st.lists(summaries(policy=2, analysis=0, sources=2), max_size=11))
def test_random_comparisons_fit_one_message(summaries_: list[Summary]) -> None:
    embeds = render.compare_embeds(summaries_)
    check_message(embeds)
    assert len(embeds) == min(len(summaries_), EMBEDS)
    for embed, summary_ in zip(embeds, summaries_, strict=False):
        check_quotes(embed.description or "", summary_.policy)


@randomised(30)
@given(st.lists(listings, max_size=8), title)
def test_random_source_listings_fit_discord(listings_: list[SourceListing], heading: str) -> None:
    embed = render.sources_embed(listings_, heading)
    check_message([embed])
    for field, listing in zip(embed.fields, listings_, strict=False):
        check_quotes(field.value or "", listing.excerpts[:1])


def test_text_answers_leave_room_for_the_brackets_that_stop_link_previews() -> None:
    # In message content each link becomes [..](<url>) so it does not unfurl; those two
    # characters a link must come out of the quote's budget, not off the footer.
    text = " ".join(f"Sentence number {i} is here." for i in range(80))
    ref = SourceRef("s", "Source", (), None, "https://example.org/source")
    quote = Quote(
        text=text,
        passage_id="doc.sec.1",
        document="doc",
        document_title="Doc",
        section_path=("Sec",),
        citation="",
        url="https://example.org/x",
        score=0.0,
        start=0,
        end=len(text),
        source=ref,
    )
    for length in range(40):
        answer = Answer(question="q" * (length + 1), status="answered", quotes=(quote, quote))
        content = render.answer_text(answer)
        check_message([], content)
        assert content.endswith(f"-# {FOOTER_TEXT}")
        assert check_quotes(content, answer.quotes) == ["doc.sec.1"]
        assert "](<https://example.org/x>)" in content


def test_everything_at_once_and_too_much_of_it_still_fits() -> None:
    text = " ".join(
        f"Sentence {i} says **this** [x](https://e.example) @everyone." for i in range(25)
    )
    ref = SourceRef("s", "Title " * 100, ("A",), "2024", "https://example.org/" + "r" * 900)
    quote = Quote(
        text=text,
        passage_id="doc.section.1",
        document="doc",
        document_title="Document " * 60,
        section_path=("Section " * 50,) * 3,
        citation="",
        url="https://example.org/" + "p" * 1500,
        score=0.0,
        start=0,
        end=len(text),
        highlights=tuple((i, i + 8) for i in range(0, len(text) - 8, 40)),
        source=ref,
    )
    note = Note("gap", "Lost " * 300, (ref,) * 5)
    many = Summary("EU", "addressed", (quote,) * 6, (quote,) * 30, (ref,) * 100, (note,) * 6, "v")
    for compact in (False, True):
        check_message([render.summary_embed(many, compact=compact)])
    embeds = render.compare_embeds([many] * 12)
    check_message(embeds)
    assert len(embeds) == EMBEDS
    listing = SourceListing(ref, "Description " * 80, "Venue " * 80, (), None, (quote,))
    embed = render.sources_embed([listing] * 40)
    check_message([embed])
    assert embed.fields
    answer = Answer(
        question="Q" * 5000,
        status="answered",
        message="M" * 5000,
        jurisdictions=("US", "EU", "China"),
        quotes=(quote,) * 3,
        suggestions=("S" * 5000,),
        notes=(note,) * 6,
        page=10**9,
        has_more=True,
    )
    check_message([render.answer_embed(answer, corpus_label="0123456789ab")])
    content = render.answer_text(answer)
    check_message([], content)
    check_quotes(content, answer.quotes)


# --- the real corpus ---------------------------------------------------------------------


def _all_pages(engine: Engine, question: str) -> list[Answer]:
    pages = [engine.answer(question)]
    while pages[-1].has_more:
        pages.append(engine.answer(question, page=len(pages)))
    return pages


def check_real_quotes(markdown: str, quotes: Sequence[Quote], corpus: Corpus) -> list[str]:
    """Every block quote shows a substring of the passage it cites; a cut one ends where a
    sentence of that passage ends."""
    ids = check_quotes(markdown, quotes)
    by_id = {q.passage_id: q for q in quotes}
    for block, cited in quote_blocks(markdown):
        text = corpus.by_id[cited].text
        quote = by_id[cited]
        part = shows(block, quote.text)
        assert part is not None and part in text
        assert text[quote.start : quote.start + len(part)] == part
        if part != quote.text:
            assert quote.start + len(part) in sentence_ends(text)
    return ids


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.question[:40])
def test_real_answers_render_verbatim(engine: Engine, corpus: Corpus, case) -> None:  # type: ignore[no-untyped-def]
    for answer in _all_pages(engine, case.question):
        embed = render.answer_embed(answer, corpus_label=corpus.version)
        check_message([embed])
        ids = check_real_quotes(embed.description or "", answer.shown_quotes, corpus)
        assert ids == answer.passage_ids  # real answers fit whole
        assert render.passage_ids_of(embed) == list(dict.fromkeys(ids))
        content = render.answer_text(answer)
        check_message([], content)
        check_real_quotes(content, answer.shown_quotes, corpus)
        assert content.endswith(f"-# {FOOTER_TEXT}")


def test_real_quotes_cut_to_any_budget_stay_verbatim(engine: Engine, corpus: Corpus) -> None:
    quotes_ = {q.passage_id: q for case in CASES for q in engine.answer(case.question).quotes}
    quotes_.update((e.id, passage(corpus, e.id).quote) for e in corpus.entries)  # type: ignore[union-attr]
    for quote in quotes_.values():
        first = min(sentence_ends(quote.text) | {len(quote.text)})
        for budget in range(0, 1400, 23):
            block = render.quote_block(quote, budget)
            if block is None:
                # Only when not even the first sentence fits: escaping at most doubles
                # it, bold adds 4 characters a span, and the citation may take half.
                fits = 2 * first + 4 * len(quote.highlights) + len(quote.passage_id) + 12
                assert budget < 2 * fits
                continue
            assert len(block) <= budget
            check_real_quotes(block, [quote], corpus)


def test_real_summaries_comparison_sources_and_passages_fit(corpus: Corpus) -> None:
    summaries_ = compare(corpus)
    embeds = render.compare_embeds(summaries_)
    check_message(embeds)
    for embed, summary_ in zip(embeds, summaries_, strict=True):
        check_real_quotes(embed.description or "", summary_.policy, corpus)
    for name in ("US", "EU", "China"):
        full = summary(corpus, name)  # type: ignore[arg-type]
        embed = render.summary_embed(full)
        check_message([embed])
        check_real_quotes(embed.description or "", full.policy, corpus)
        for field in embed.fields:
            if field.name.startswith("Also"):
                check_real_quotes(field.value or "", full.analysis, corpus)
    listings_ = find_sources(corpus, "")
    embed = render.sources_embed(listings_)
    check_message([embed])
    for field, listing in zip(embed.fields, listings_, strict=False):
        check_real_quotes(field.value or "", listing.excerpts[:1], corpus)
    for entry in corpus.entries:
        view = passage(corpus, entry.id)
        assert view is not None
        embed = render.passage_embed(view)
        check_message([embed])
        assert check_real_quotes(embed.description or "", [view.quote], corpus) == [entry.id]
    help_embed = render.help_embed(command_lines(COMMANDS))
    check_message([help_embed, render.about_embed(corpus, "https://discord.com/x")])


def test_a_multi_paragraph_quote_stays_inside_its_block_quote() -> None:
    text = "First paragraph, one sentence.\n\nSecond paragraph. It has two sentences."
    quote = Quote(
        text=text,
        passage_id="doc.sec.1",
        document="doc",
        document_title="Doc",
        section_path=("Sec",),
        citation="Doc › Sec",
        url=None,
        score=0.0,
        start=0,
        end=len(text),
        highlights=((6, 15), (32, 38)),
    )
    for budget in (1000, 100, 70):
        block = render.quote_block(quote, budget)
        assert block is not None
        assert check_quotes(block, [quote]) == ["doc.sec.1"]
    answer = Answer(question="q", status="answered", quotes=(quote,))
    assert check_quotes(render.answer_embed(answer).description or "", [quote]) == ["doc.sec.1"]
    assert check_quotes(render.answer_text(answer), [quote]) == ["doc.sec.1"]


# --- user text is shown, never interpreted ------------------------------------------------

HOSTILE = (
    "**bold** [link](https://evil.example) ||spoiler|| @everyone @here <@123> <@&9> <#7> "
    "`code` ~~gone~~ __under__ # heading https://bare.example/path?x=1"
)


def assert_inert(markdown: str, *, allowed: Sequence[str] = ()) -> None:
    """No markdown, link, mention or spoiler syntax that Discord would act on (escaped
    characters do not count; `allowed` is the renderer's own chrome)."""
    bare = literal(markdown)
    for chrome in allowed:
        bare = bare.replace(chrome, "")
    for syntax in ("](", "[", "@everyone", "@here", "<@", "<#", "||", "**", "__", "~~", "`"):
        assert syntax not in bare, (syntax, markdown)
    assert "http:" not in bare and "https:" not in bare
    assert not any(line.lstrip().startswith(("#", ">", "-")) for line in bare.split("\n"))


def test_markdown_mentions_and_links_in_a_question_are_escaped(engine: Engine) -> None:
    for answer in (
        engine.answer(HOSTILE),
        Answer(question=HOSTILE, status="no_answer", message=HOSTILE, suggestions=(HOSTILE,)),
    ):
        embed = render.answer_embed(answer)
        assert embed.title
        assert_inert(embed.title)
        assert "https\\:" in embed.title and "\\@everyone" in embed.title
        assert "](" not in embed.title.replace("\\]\\(", "")
        assert_inert(embed.description or "", allowed=["Did you mean: *", "*\n\n"])
        if answer.suggestions:
            assert "https\\:" in (embed.description or "")
        content = render.answer_text(answer)
        body = content.removeprefix("**").removesuffix(f"\n\n-# {FOOTER_TEXT}")
        assert_inert(body, allowed=["**\n\n", "Did you mean: *", "*\n\n"])
        assert render.question_of(embed) == answer.question


@randomised(100)
@given(long)
def test_escape_then_unescape_gives_the_text_back(text: str) -> None:
    assert render.unescape(render.escape(text)) == text
    assert_inert(render.escape(text).replace("\n", " "))


@given(st.text(max_size=300), st.integers(0, 300))
def test_clip_never_exceeds_its_limit(text: str, limit: int) -> None:
    clipped = render.clip(text, limit)
    assert len(clipped) <= limit
    if len(text) <= limit:
        assert clipped == text
    else:
        assert clipped.endswith(ELLIPSIS) or clipped == ""


@randomised(100)
@given(long)
@example("What about…")
@example("*" * 256)
@example("a" * 255 + "*")
@example("what does https://example.org/a_b-c say about <@123> and [x](y)? " * 3)
def test_question_of_reads_the_question_back(raw: str) -> None:
    question = clean_question(raw)[:256].strip()
    answer = Answer(question=question, status="answered")
    embed = render.answer_embed(answer, corpus_label="v")
    check_message([embed])
    assert render.question_of(embed) == (question or None)


def test_question_of_is_none_for_an_embed_without_a_question() -> None:
    assert render.question_of(discord.Embed(description="x")) is None
    empty = render.answer_embed(Answer(question="", status="invalid", message="Ask."))
    assert render.question_of(empty) is None


def test_question_of_reads_back_long_questions_too(engine: Engine) -> None:
    # /ask takes 300 characters and a message 500: paging must ask the same question.
    for question in ("What does the EU AI Act exempt? " * 15, "[x](https://e.example) " * 21):
        answer = engine.answer(question)
        embed = render.answer_embed(answer, corpus_label="v")
        check_message([embed])
        assert render.question_of(embed) == answer.question


def test_passage_ids_of_gives_the_cited_ids_in_order(engine: Engine, corpus: Corpus) -> None:
    seen = 0
    for case in CASES:
        answer = engine.answer(case.question)
        embed = render.answer_embed(answer, corpus_label=corpus.version)
        assert render.passage_ids_of(embed) == list(dict.fromkeys(answer.passage_ids))
        seen += len(answer.passage_ids) > 1
    assert seen  # some answers cite several passages
    assert render.passage_ids_of(discord.Embed(title="no quotes")) == []


def test_a_decline_names_no_jurisdiction_and_an_answer_does(engine: Engine) -> None:
    declined = engine.answer("is the bill of rights just the first 10 amendments?")
    assert declined.status == "no_answer" and declined.jurisdictions == ("US",)
    assert render.answer_embed(declined).author.name is None
    assert "Jurisdictions:" not in render_answer(declined)
    answered = engine.answer("what does the EU AI Act exempt?")
    assert "EU" in (render.answer_embed(answered).author.name or "")
    assert "Jurisdictions: EU" in render_answer(answered)
