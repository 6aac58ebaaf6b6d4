"""Hostile and odd questions: each gets a clear answer or message, nothing renders a link or
mention the corpus did not contain, and nothing raises (answer, embed and plain text)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.discord import render
from bot.service import without_mentions
from retrieval.engine import Engine
from tests.test_render import own_size

BOT_ID = 1234567890

CASES = {
    "empty": "",
    "whitespace": " \t\n  ",
    "huge": "what does the EU exempt " * 420,
    "control characters and NUL": "What\x00 does the\x07 EU\x1b exempt?",
    "right-to-left override": "What does the \u202eEU\u202c AI Act exempt?",
    "zalgo": "W̸̢̛h̷͉̓a̴̪͝t̶̬͝ d̷̨̛o̵̘͐e̵̱͌s̸̰̈ t̵͈̽h̷̗̓e̵̲͝ E̴̹͗Ű̷̗ e̵̡͝x̵͈̂e̴̝͘m̵͍̌p̸̞̈t̴̢̓?",
    "emoji only": "🤖🔓🧠",
    "code block": "```python\nimport os; os.system('rm -rf /')\n```",
    "markdown and masked link": "**What** does [the EU](https://evil.example/x) _exempt_? # hi",
    "spoiler": "||what does the EU exempt?||",
    "everyone": "@everyone what does the EU exempt?",
    "here": "@here what does China regulate?",
    "role and user mentions": "<@&111111111111111111> <@222222222222222222> what is RLHF?",
}

_LIVE_MENTION = re.compile(r"(?<!\\)@(everyone|here)|<@[!&]?\d+>")
_LINK_TARGET = re.compile(r"(?<!\\)\]\(<?([^)>\s]+)>?\)")


def _rendered(engine: Engine, raw: str) -> tuple[str, str]:
    answer = engine.answer(without_mentions(raw))
    embed = render.answer_embed(answer)
    text = " ".join(
        [embed.title or "", embed.description or "", *(f.value or "" for f in embed.fields)]
    )
    return text, render.answer_text(answer)


@pytest.mark.parametrize("raw", CASES.values(), ids=CASES.keys())
def test_every_bad_input_gets_a_clear_reply_and_renders_safely(engine: Engine, raw: str) -> None:
    answer = engine.answer(without_mentions(raw))
    assert answer.status in {"answered", "no_answer", "invalid"}
    assert answer.quotes or answer.message  # never an empty reply
    corpus_links = {d.url for d in engine.corpus.documents} | {
        s.confirmed_url for s in engine.corpus.sources.values()
    }
    for text in _rendered(engine, raw):
        assert not _LIVE_MENTION.search(text), text
        targets = _LINK_TARGET.findall(text)
        # A quote's link is a corpus URL with a text fragment of the review's own words
        # (retrieval/links.py): only percent-encoded bytes and the spec's plain characters.
        assert {t.split("#:~:text=", 1)[0] for t in targets} <= corpus_links, text
        for target in targets:
            fragment = target.split("#:~:text=", 1)[1] if "#:~:text=" in target else ""
            assert re.fullmatch(r"([A-Za-z0-9!$'*+./:;=?@_~,-]|%[0-9A-F]{2})*", fragment), target
        # Every live link is one of the corpus's own: none comes from the question.
        unlinked = text
        for url in sorted(filter(None, corpus_links), key=len, reverse=True):
            unlinked = unlinked.replace(url, "")
        assert not re.search(r"(?<!\\)https?:", unlinked), text


def test_empty_whitespace_and_symbols_are_invalid_with_a_hint(engine: Engine) -> None:
    for raw in ("", " \t\n ", "?!? ...", "@everyone"):
        answer = engine.answer(without_mentions(raw))
        assert answer.status == "invalid"
        assert answer.message and "Ask me a question" in answer.message


def test_emoji_alone_are_small_talk_with_a_hint(engine: Engine) -> None:
    # Emoji are a reaction, not bad input; still nothing is quoted.
    answer = engine.answer("🤖🔓🧠")
    assert answer.status == "no_answer" and not answer.quotes
    assert answer.message and "Ask me anything" in answer.message


def test_a_huge_question_says_how_long_it_was(engine: Engine) -> None:
    answer = engine.answer(CASES["huge"])
    assert answer.status == "invalid"
    assert answer.message and "characters long" in answer.message


def test_hidden_characters_do_not_change_the_answer(engine: Engine) -> None:
    plain = engine.answer("What does the EU AI Act exempt?")
    hidden = engine.answer(CASES["right-to-left override"])
    assert hidden.question == "What does the EU AI Act exempt?"
    assert [q.passage_id for q in hidden.quotes] == [q.passage_id for q in plain.quotes]


def test_zalgo_is_still_read(engine: Engine) -> None:
    # Read means answered as the plain question is: the EU's exemption, first.
    answer = engine.answer(CASES["zalgo"])
    assert answer.status == "answered"
    assert answer.quotes[0].passage_id == "osai.policy.eu.1"
    assert len(answer.question) < len(CASES["zalgo"])


def test_a_lone_surrogate_is_dropped_and_the_question_answered(engine: Engine) -> None:
    # Legal in the gateway's JSON ("\\ud800"), and what surrogateescape makes of bad bytes.
    plain = engine.answer("What does the EU AI Act exempt?")
    odd = engine.answer("What does the EU AI Act \ud800exempt?\udcff")
    assert odd.question == plain.question
    assert odd.quotes == plain.quotes
    odd.question.encode("utf-8")  # raises if a surrogate were left


@pytest.mark.parametrize("raw", [CASES["everyone"], CASES["here"], CASES["role and user mentions"]])
def test_mentions_are_removed_from_the_question(raw: str) -> None:
    assert not _LIVE_MENTION.search(without_mentions(raw))


# Every code point, surrogates included: hypothesis's default text leaves them out, and a lone
# one once reached the question log and cost the answer. They are 2,048 of 1.1 million code
# points, so they are also drawn on their own, or a run would seldom hold one. A list joined,
# not st.text: hypothesis 6.170's text() drops surrogates from any alphabet (checked: 0 of 100
# examples held one, against 89 of 100 this way).
ANY_CHARACTER = st.one_of(
    st.characters(min_codepoint=0, max_codepoint=0x10FFFF),
    st.characters(categories=["Cs"]),
)
ANY_TEXT = st.lists(ANY_CHARACTER, max_size=2_000).map("".join)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_nothing_raises_and_every_render_fits(engine: Engine, raw: str) -> None:
    answer = engine.answer(without_mentions(raw))
    # What is echoed and stored must encode: the JSON line, the embed, the question log.
    answer.question.encode("utf-8")
    embed = render.answer_embed(answer)
    assert own_size(embed) <= render.EMBED_TOTAL
    assert len(embed.title or "") <= render.TITLE
    assert len(embed.description or "") <= render.DESCRIPTION
    assert len(render.answer_text(answer)) <= render.CONTENT
    assert not _LIVE_MENTION.search(embed.title or "")
