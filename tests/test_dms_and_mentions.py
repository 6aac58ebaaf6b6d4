"""Direct messages and mentions: which messages are questions for us, what the question
is once mention syntax is gone, and how they are answered."""

from __future__ import annotations

import contextlib
from types import SimpleNamespace
from typing import Any
from unittest.mock import AsyncMock

import discord
import pytest

from bot.cooldown import Cooldown
from bot.discord import info, render
from bot.discord.dms_and_mentions import EMPTY_MENTION, handle_message, is_for_us
from bot.service import Service, without_mentions
from retrieval.engine import Engine

BOT = 987654321098765432
USER = 123456789012345678
OTHER = 555555555555555555


# --- without_mentions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "question"),
    [
        (f"<@{BOT}> What does the EU AI Act exempt?", "What does the EU AI Act exempt?"),
        (f"<@!{BOT}> what is RLHF", "what is RLHF"),
        (f"What is RLHF, <@{BOT}>?", "What is RLHF, ?"),
        (f"<@{BOT}><@!{BOT}>  and   China?", "and China?"),
        (f"<@{OTHER}> asked <@{BOT}> about China", "asked about China"),
        (f"<@!{OTHER}> and <@&{OTHER}> in <#{OTHER}>: China?", "and in : China?"),
        ("@everyone what does the EU exempt? @here", "what does the EU exempt?"),
        (f"<@{BOT}>", ""),
        (f"  <@{BOT}>\n\t@everyone  ", ""),
        ("no mention at all", "no mention at all"),
    ],
)
def test_without_mentions_drops_every_mention(content: str, question: str) -> None:
    assert without_mentions(content) == question


def test_without_mentions_leaves_text_that_only_looks_like_a_mention() -> None:
    assert without_mentions(f"<@{BOT}x> <@> <#abc> @ everyone") == (
        f"<@{BOT}x> <@> <#abc> @ everyone"
    )


# --- is_for_us ----------------------------------------------------------------------------


def fake_message(
    content: str = "hi",
    *,
    guild: bool = True,
    author_bot: bool = False,
    mentions: tuple[int, ...] = (),
    embed_links: bool = True,
    send: bool = True,
) -> Any:
    """A stand-in for discord.Message with what the code reads; raw_mentions is computed
    from the content exactly as discord.Message does."""
    channel = SimpleNamespace(
        id=77,
        send=AsyncMock(),
        typing=contextlib.nullcontext,
        fetch_message=AsyncMock(return_value=None),  # replaced where a test replies
        permissions_for=lambda me: SimpleNamespace(
            send_messages=send,
            send_messages_in_threads=send,
            embed_links=embed_links,
            read_message_history=True,
        ),
    )
    message = SimpleNamespace(
        content=content,
        author=SimpleNamespace(id=USER, bot=author_bot),
        guild=SimpleNamespace(id=1, me=SimpleNamespace(id=BOT)) if guild else None,
        mentions=[SimpleNamespace(id=m) for m in mentions],
        channel=channel,
        reference=None,
        reply=AsyncMock(),
    )
    message.raw_mentions = discord.Message.raw_mentions.function(message)  # type: ignore[attr-defined]
    return message


def test_messages_from_bots_are_ignored_even_in_dms() -> None:
    assert not is_for_us(fake_message(f"<@{BOT}> hi", author_bot=True), BOT)
    assert not is_for_us(fake_message("hi", guild=False, author_bot=True), BOT)


def test_every_direct_message_is_for_us() -> None:
    assert is_for_us(fake_message("what is RLHF", guild=False), BOT)
    assert is_for_us(fake_message("", guild=False), BOT)


def test_a_guild_message_is_for_us_only_when_it_mentions_us() -> None:
    assert is_for_us(fake_message(f"<@{BOT}> what is RLHF", mentions=(BOT,)), BOT)
    assert is_for_us(fake_message(f"what is RLHF <@!{BOT}>", mentions=(BOT,)), BOT)
    assert not is_for_us(fake_message("what is RLHF"), BOT)
    assert not is_for_us(fake_message(f"<@{OTHER}> what is RLHF", mentions=(OTHER,)), BOT)
    # Our id in a role or channel mention is not a mention of us.
    assert not is_for_us(fake_message(f"<@&{BOT}> <#{BOT}> what is RLHF"), BOT)


def test_everyone_and_here_are_not_a_mention_of_us() -> None:
    assert not is_for_us(fake_message("@everyone what is RLHF"), BOT)
    assert not is_for_us(fake_message("@here what is RLHF"), BOT)


def test_a_reply_that_pings_us_is_for_us() -> None:
    # A reply carries no <@id> in its text; Discord lists the pinged author in mentions.
    assert is_for_us(fake_message("what about China?", mentions=(BOT,)), BOT)


# --- handle_message -----------------------------------------------------------------------


def fake_bot(engine: Engine, cooldown: Cooldown | None = None) -> Any:
    return SimpleNamespace(user=SimpleNamespace(id=BOT), service=Service(engine, cooldown=cooldown))


def sent(message: Any) -> dict[str, Any]:
    """The keyword arguments of the one reply (or channel message) that was sent."""
    calls = message.reply.await_args_list + message.channel.send.await_args_list
    assert len(calls) == 1, calls
    return dict(calls[0].kwargs)


async def test_a_direct_message_is_answered_with_an_embed_and_buttons(engine: Engine) -> None:
    message = fake_message("What does the EU AI Act exempt?", guild=False)
    await handle_message(fake_bot(engine), message)
    reply = sent(message)
    assert reply["mention_author"] is False
    embed = reply["embed"]
    assert render.question_of(embed) == "What does the EU AI Act exempt?"
    assert render.passage_ids_of(embed)[0] == "osai.policy.eu.1"
    assert reply["view"] is not None


async def test_a_bare_mention_gets_the_how_to_notice(engine: Engine) -> None:
    message = fake_message(f"<@{BOT}>", mentions=(BOT,))
    await handle_message(fake_bot(engine), message)
    assert sent(message)["embed"].description == EMPTY_MENTION


async def test_messages_not_for_us_get_no_answer(engine: Engine) -> None:
    bot = fake_bot(engine)
    for message in (
        fake_message("@everyone What does the EU AI Act exempt?"),
        fake_message(f"<@{BOT}> What does the EU AI Act exempt?", author_bot=True),
    ):
        await handle_message(bot, message)
        message.reply.assert_not_awaited()
        message.channel.send.assert_not_awaited()


async def test_without_embed_links_the_answer_is_plain_text(engine: Engine) -> None:
    message = fake_message(f"<@{BOT}> what is RLHF", mentions=(BOT,), embed_links=False)
    await handle_message(fake_bot(engine), message)
    reply = sent(message)
    assert "embed" not in reply
    assert reply["content"].startswith("**what is RLHF**") and len(reply["content"]) <= 2000


async def test_help_alone_without_embed_links_lists_the_commands_as_text(engine: Engine) -> None:
    bot = fake_bot(engine)
    slash = [info.help_, info.about]
    bot.tree = SimpleNamespace(
        get_commands=lambda type: slash if type == discord.AppCommandType.chat_input else []
    )
    message = fake_message(f"<@{BOT}> help", mentions=(BOT,), embed_links=False)
    await handle_message(bot, message)
    reply = sent(message)
    assert "embed" not in reply
    assert "/help: How to use Verbatim." in reply["content"] and "/about" in reply["content"]


async def test_without_send_permission_nothing_is_sent(engine: Engine) -> None:
    message = fake_message(f"<@{BOT}> what is RLHF", mentions=(BOT,), send=False)
    await handle_message(fake_bot(engine), message)
    message.reply.assert_not_awaited()
    message.channel.send.assert_not_awaited()


async def test_a_flood_of_messages_gets_one_warning(engine: Engine) -> None:
    now = [1000.0]
    bot = fake_bot(engine, Cooldown(1, 30.0, clock=lambda: now[0]))
    replies = []
    for _ in range(4):
        message = fake_message("what is RLHF", guild=False)
        await handle_message(bot, message)
        replies.append(message.reply.await_args_list)
    assert [len(r) for r in replies] == [1, 1, 0, 0]
    assert "embed" in replies[0][0].kwargs
    assert replies[1][0].kwargs["content"] == "You're asking quickly. Try again in 30 s."
    now[0] += 30
    message = fake_message("what is RLHF", guild=False)
    await handle_message(bot, message)
    assert "embed" in sent(message)


async def test_a_reply_to_our_answer_follows_it_up(engine: Engine) -> None:
    bot = fake_bot(engine)
    first = engine.answer("What does the EU AI Act exempt?")
    ours = SimpleNamespace(author=SimpleNamespace(id=BOT), embeds=[render.answer_embed(first)])
    message = fake_message("what about China?", mentions=(BOT,))
    message.reference = SimpleNamespace(message_id=5, resolved=None)
    message.channel.fetch_message = AsyncMock(return_value=ours)
    await handle_message(bot, message)
    embed = sent(message)["embed"]
    assert embed.author.name and "China" in embed.author.name
    assert render.passage_ids_of(embed)[0] == "osai.policy.china.1"


def test_the_client_lets_no_message_parse_a_mention(engine: Engine) -> None:
    # Answers echo what people typed (@everyone, <@id>, a reply to them): every message the
    # bot sends falls back on the client's allowed_mentions, which must parse nothing. (The
    # end-to-end audit checks the allowed_mentions of each payload actually sent.)
    from bot.discord.client import VerbatimBot
    from bot.settings import Settings

    client = VerbatimBot(Settings(), Service(engine))
    assert client.allowed_mentions is not None
    allowed = client.allowed_mentions
    assert (allowed.everyone, allowed.users, allowed.roles, allowed.replied_user) == (
        False,
        False,
        False,
        False,
    )
    assert allowed.to_dict() == {"parse": []}
