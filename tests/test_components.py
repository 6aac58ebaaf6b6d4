"""Persistent buttons: custom ids within Discord's 100 characters, state that survives
the round trip through the id, and views laid out in rows of at most five."""

from __future__ import annotations

import time
from typing import Any

import discord
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.discord.components import (
    DYNAMIC_ITEMS,
    CiteButton,
    DeleteButton,
    FeedbackButton,
    ForgetButton,
    MoreQuotes,
    PassageButton,
    PostButton,
    SourcesButton,
    SummaryButton,
    answer_view,
    b36,
    passage_view,
)
from corpus.load import Corpus
from retrieval.engine import Engine
from retrieval.types import Answer

CUSTOM_ID = 100  # Discord's limit, written out rather than read from bot.discord.render
BIGGEST_ID = 2**64 - 1  # a snowflake is an unsigned 64-bit integer
JURISDICTIONS = [None, "US", "EU", "China"]


def custom_id(item: discord.ui.DynamicItem[Any]) -> str:
    return item.item.custom_id  # type: ignore[no-any-return]


async def round_trip(item: discord.ui.DynamicItem[Any]) -> discord.ui.DynamicItem[Any]:
    """What discord.py does when the button is clicked after a restart: match the custom
    id against the class's template and rebuild the item from the match."""
    cls = type(item)
    match = cls.__discord_ui_compiled_template__.fullmatch(custom_id(item))
    assert match, f"{custom_id(item)!r} does not match {cls.__name__}'s template"
    # No other class's template claims it.
    others = [c for c in DYNAMIC_ITEMS if c is not cls]
    assert not any(c.__discord_ui_compiled_template__.fullmatch(custom_id(item)) for c in others)
    rebuilt = await cls.from_custom_id(None, item.item, match)  # type: ignore[arg-type]
    assert custom_id(rebuilt) == custom_id(item)
    return rebuilt


def every_button(corpus: Corpus) -> list[discord.ui.DynamicItem[Any]]:
    far_future = int(time.time()) * 1000
    items: list[discord.ui.DynamicItem[Any]] = [SourcesButton(), CiteButton()]
    items += [ForgetButton(user, ts) for user in (0, BIGGEST_ID) for ts in (0, far_future)]
    items += [kind(user) for kind in (PostButton, DeleteButton) for user in (0, BIGGEST_ID)]
    for jurisdiction in JURISDICTIONS:
        for asker in (0, 1, BIGGEST_ID):
            for page in (0, 1, 4, 10**9):
                for ts in (0, int(time.time()), far_future):
                    items.append(MoreQuotes(asker, page, jurisdiction, ts))  # type: ignore[arg-type]
        if jurisdiction:
            items.append(SummaryButton(jurisdiction))  # type: ignore[arg-type]
    for vote in ("up", "down"):
        for question_id in (1, 2**63 - 1):
            items.append(FeedbackButton(vote, question_id))
    for entry in corpus.entries:
        for direction in ("prev", "next"):
            items.append(PassageButton(direction, entry.id))
    return items


def test_every_custom_id_fits_discord(corpus: Corpus) -> None:
    for item in every_button(corpus):
        assert 0 < len(custom_id(item)) <= CUSTOM_ID, custom_id(item)


async def test_every_button_survives_a_restart(corpus: Corpus) -> None:
    for item in every_button(corpus):
        rebuilt = await round_trip(item)
        assert vars_of(rebuilt) == vars_of(item)


def vars_of(item: discord.ui.DynamicItem[Any]) -> dict[str, Any]:
    """The state a button keeps (its own attributes, not discord.py's)."""
    keep = ("asker", "page", "jurisdiction", "ts", "vote", "question_id", "direction", "user_id")
    return {k: getattr(item, k) for k in (*keep, "passage_id") if hasattr(item, k)}


@given(
    asker=st.integers(0, BIGGEST_ID),
    page=st.integers(0, 10**12),
    jurisdiction=st.sampled_from(JURISDICTIONS),
    ts=st.integers(0, 2**40),
    document=st.none()
    | st.from_regex(r"[a-z0-9][a-z0-9_]{0,19}(\.[a-z0-9_]{1,9}){0,2}", fullmatch=True),
)
async def test_more_quotes_state_round_trips(
    asker: int, page: int, jurisdiction: Any, ts: int, document: str | None
) -> None:
    item = MoreQuotes(asker, page, jurisdiction, ts, document)
    assert len(custom_id(item)) <= CUSTOM_ID
    rebuilt = await round_trip(item)
    assert isinstance(rebuilt, MoreQuotes)
    assert (rebuilt.asker, rebuilt.page, rebuilt.jurisdiction, rebuilt.ts, rebuilt.document) == (
        asker,
        page,
        jurisdiction,
        ts,
        document,
    )


@given(st.integers(0, 2**80))
def test_b36_is_base_36(n: int) -> None:
    assert int(b36(n), 36) == n


async def test_a_summary_button_with_an_unknown_jurisdiction_is_refused() -> None:
    match = SummaryButton.__discord_ui_compiled_template__.fullmatch("vb:sum:france")
    assert match
    with pytest.raises(ValueError):
        await SummaryButton.from_custom_id(None, None, match)  # type: ignore[arg-type]


def test_a_passage_id_too_long_for_a_custom_id_still_gives_a_valid_one() -> None:
    # Real ids are short (see above); a longer one must not make Discord refuse the view.
    item = PassageButton("next", "doc." + "x" * 120)
    assert len(custom_id(item)) <= CUSTOM_ID
    assert PassageButton.__discord_ui_compiled_template__.fullmatch(custom_id(item))


# --- views -------------------------------------------------------------------------------


def kinds(view: discord.ui.View | None) -> list[str]:
    return [type(item).__name__ for item in view.children] if view else []


def check_rows(view: discord.ui.View) -> None:
    """The payload Discord receives: at most 5 rows of at most 5 buttons, ids unique."""
    rows = view.to_components()
    assert 1 <= len(rows) <= 5
    ids = []
    for row in rows:
        assert row["type"] == 1
        assert 1 <= len(row["components"]) <= 5
        for button in row["components"]:
            assert button["type"] == 2
            assert len(button["custom_id"]) <= CUSTOM_ID
            assert len(button.get("label") or "") <= 80
            ids.append(button["custom_id"])
    assert len(ids) == len(set(ids)) == len(view.children)


def test_an_answered_question_with_more_pages_gets_every_button() -> None:
    answer = Answer(
        question="q",
        status="answered",
        jurisdictions=("US", "EU", "China"),
        quotes=(object(),),  # type: ignore[arg-type]
        page=2,
        has_more=True,
    )
    view = answer_view(answer, BIGGEST_ID, 42, "EU")
    assert view is not None and view.timeout is None
    assert kinds(view) == [
        "MoreQuotes",
        "SummaryButton",
        "SummaryButton",
        "SourcesButton",
        "CiteButton",
        "FeedbackButton",
        "FeedbackButton",
    ]
    more, us, eu = view.children[:3]
    assert isinstance(more, MoreQuotes)
    assert (more.asker, more.page, more.jurisdiction) == (BIGGEST_ID, 3, "EU")
    assert abs(more.ts - time.time()) < 60
    assert [us.jurisdiction, eu.jurisdiction] == ["US", "EU"]  # type: ignore[attr-defined]
    votes = [(b.vote, b.question_id) for b in view.children[5:]]  # type: ignore[attr-defined]
    assert votes == [("up", 42), ("down", 42)]
    check_rows(view)
    assert [len(r["components"]) for r in view.to_components()] == [5, 2]


def test_without_a_question_id_there_is_no_feedback() -> None:
    answer = Answer(question="q", status="answered", quotes=(object(),))  # type: ignore[arg-type]
    view = answer_view(answer, 1, None, None)
    assert kinds(view) == ["SourcesButton", "CiteButton"]
    check_rows(view)  # type: ignore[arg-type]


def test_a_declined_question_gets_no_feedback_and_no_sources() -> None:
    declined = Answer(question="q", status="no_answer", message="Nothing.")
    assert answer_view(declined, 1, 7, None) is None
    about_china = Answer(question="q", status="no_answer", jurisdictions=("China",))
    view = answer_view(about_china, 1, 7, None)
    assert kinds(view) == ["SummaryButton"]
    check_rows(view)  # type: ignore[arg-type]


FEEDBACK = ["FeedbackButton", "FeedbackButton"]


@pytest.mark.parametrize(
    ("question", "buttons"),
    [
        # One jurisdiction named: its summary; quotes: their sources and a citation.
        ("What does the EU AI Act exempt?", ["SummaryButton", "SourcesButton", "CiteButton"]),
        (
            "How does the US handle open-source AI?",
            ["SummaryButton", "SourcesButton", "CiteButton"],
        ),
        # Declined, a place the review does not cover, nothing asked: no buttons at all.
        ("What is the capital of France?", []),
        ("What does Russia do about open source?", []),
        ("", []),
    ],
)
@pytest.mark.parametrize("question_id", [None, 3])
def test_views_for_real_answers(
    engine: Engine, question: str, buttons: list[str], question_id: int | None
) -> None:
    answer = engine.answer(question)
    view = answer_view(answer, 123, question_id, None)
    # Feedback only for an answer the log recorded (it has an id to attach the vote to).
    expected = buttons + (FEEDBACK if question_id is not None and buttons else [])
    assert kinds(view) == expected
    if view is not None:
        check_rows(view)


def test_passage_views_page_both_ways(corpus: Corpus) -> None:
    first, second, last = corpus.entries[0].id, corpus.entries[1].id, corpus.entries[-1].id
    assert passage_view(None, None) is None
    view = passage_view(first, last)
    assert kinds(view) == ["PassageButton", "PassageButton"]
    assert [(b.direction, b.passage_id) for b in view.children] == [  # type: ignore[union-attr,attr-defined]
        ("prev", first),
        ("next", last),
    ]
    check_rows(view)  # type: ignore[arg-type]
    assert kinds(passage_view(None, second)) == ["PassageButton"]


# --- clicking: the real discord.py response, so its handling of arguments is what runs ---


class _Adapter:
    """Stands in for discord.py's webhook adapter: records the response instead of sending."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []

    async def create_interaction_response(self, *args: Any, params: Any, **kwargs: Any) -> Any:
        self.sent.append(params.payload)
        return {"interaction": {"id": "1", "type": 3}}


async def test_a_page_without_buttons_for_someone_else_is_sent(engine: Engine) -> None:
    """A non-asker's private copy of a page with no buttons: discord.py 2.7.1's
    send_message(view=None) sends, then calls None.is_finished() and raises."""
    from types import SimpleNamespace

    from discord.webhook.async_ import async_context

    from bot.discord import render
    from bot.service import Service

    first = engine.answer("What is RLHF?")
    last_page = 50  # past every quote: no More quotes, no sources, no feedback
    assert answer_view(engine.answer(first.question, page=last_page), 2, None, None) is None
    state = SimpleNamespace(
        allowed_mentions=None,
        http=SimpleNamespace(proxy=None, proxy_auth=None),
        store_view=lambda *args: None,
    )
    interaction = SimpleNamespace(
        id=1,
        token="token",
        _session=None,
        _state=state,
        user=SimpleNamespace(id=2),
        client=SimpleNamespace(service=Service(engine)),
        message=SimpleNamespace(embeds=[render.answer_embed(first)]),
    )
    interaction.response = discord.InteractionResponse(interaction)  # type: ignore[arg-type]
    adapter = _Adapter()
    reset = async_context.set(adapter)  # type: ignore[arg-type]
    try:
        button = MoreQuotes(1, last_page, None, int(time.time()))
        await button.callback(interaction)  # type: ignore[arg-type]
    finally:
        async_context.reset(reset)
    (payload,) = adapter.sent
    assert payload["data"]["flags"] & 64  # private
    # No answer buttons; only Post to channel, which every private copy has.
    ((post,),) = [row["components"] for row in payload["data"]["components"]]
    assert post["custom_id"] == "vb:post:2"
