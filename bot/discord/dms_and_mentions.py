"""Direct messages and @mentions: each is a question; a reply to our answer follows it up."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord

from bot.discord import render
from bot.discord.components import answer_view, shared
from bot.discord.helpers import asking_quickly, send
from bot.discord.info import help_lines
from bot.questionlog.store import Channel
from bot.service import without_mentions
from retrieval.intent import asks_for_commands

if TYPE_CHECKING:
    from bot.discord.client import VerbatimBot

log = logging.getLogger("verbatim")

# Mention syntax carries no meaning for a question; it is removed before asking.
EMPTY_MENTION = (
    "Ask me about *Open-Source AI: A Regulatory Review* after the mention, e.g. "
    "“@Verbatim what does the EU AI Act exempt?”, or use /ask. /help lists everything."
)


def is_for_us(message: discord.Message, bot_id: int) -> bool:
    """A DM from a person, or a guild message that mentions us: our id in its text, or us
    among its mentioned users, which is how a reply to our answer pings us (its text has no
    `<@id>`). Not `mentioned_in`, which is true for @everyone."""
    if message.author.bot:
        return False
    if message.guild is None:
        return True
    return bot_id in message.raw_mentions or any(u.id == bot_id for u in message.mentions)


async def handle_message(bot: VerbatimBot, message: discord.Message) -> None:
    """Answer a DM or a mention, as a reply that pings no one."""
    me = bot.user
    if me is None or not is_for_us(message, me.id):
        return
    channel_kind: Channel = "dm" if message.guild is None else "mention"
    can_send, can_embed, can_reply = _permissions(message)
    if not can_send:
        log.warning(
            "cannot send messages in channel %s of guild %s",
            message.channel.id,
            message.guild and message.guild.id,
        )
        return
    question = without_mentions(message.content)
    previous = await _replied_question(bot, message)
    if previous and question:
        question = bot.service.follow_up(previous, question)
    if not question:
        await send(
            message,
            as_reply=can_reply,
            embed=render.notice_embed(EMPTY_MENTION) if can_embed else None,
            content=None if can_embed else EMPTY_MENTION,
        )
        return
    wait = bot.service.cooldown.retry_after(("msg", message.author.id))
    if wait > 0:
        if bot.service.cooldown.should_warn(("msg", message.author.id)):
            await send(message, as_reply=can_reply, content=asking_quickly(wait))
        return
    # "help" alone, in a DM or after a mention, gets what /help shows.
    if asks_for_commands(question):
        lines = help_lines(bot.tree)
        await send(
            message,
            as_reply=can_reply,
            embed=render.help_embed(lines) if can_embed else None,
            content=None if can_embed else render.help_text(lines),
        )
        return
    async with message.channel.typing():
        asked = await bot.service.ask(question, channel=channel_kind, user_id=message.author.id)
    answer = asked.answer
    if can_embed:
        embed = render.answer_embed(answer, corpus_label=bot.service.engine.corpus.version)
        view = shared(
            answer_view(answer, message.author.id, asked.question_id, None),
            message.author.id,
            private=False,
        )
        await send(message, as_reply=can_reply, embed=embed, view=view)
    else:
        await send(message, as_reply=can_reply, content=render.answer_text(answer))


def _permissions(message: discord.Message) -> tuple[bool, bool, bool]:
    """(send, embed links, read history for a reply) in this channel; all True in DMs."""
    if message.guild is None:
        return True, True, True
    perms = message.channel.permissions_for(message.guild.me)
    in_thread = isinstance(message.channel, discord.Thread)
    send = perms.send_messages_in_threads if in_thread else perms.send_messages
    return send, perms.embed_links, perms.read_message_history


async def _replied_question(bot: VerbatimBot, message: discord.Message) -> str | None:
    """The question of the answer this message replies to, if it replies to one of ours."""
    ref = message.reference
    if ref is None or ref.message_id is None:
        return None
    replied = ref.resolved if isinstance(ref.resolved, discord.Message) else None
    if replied is None:
        try:
            replied = await message.channel.fetch_message(ref.message_id)
        except discord.HTTPException:
            return None
    if bot.user is None or replied.author.id != bot.user.id or not replied.embeds:
        return None
    return render.question_of(replied.embeds[0])
