""" "Find in the review": a message command that quotes what the review says about the
claim in any message. It shows passages, never a verdict on the claim.

Message commands carry the target message's text in the interaction (no message-content
intent needed), and work in servers, DMs and group DMs, for guild and user installs (the
tree's defaults). The answer is private, with Post to channel; the looked-up text is not
written to the question log: it is someone else's message, not the clicker's question.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.discord import render
from bot.discord.components import find_view
from bot.discord.helpers import bot_of, limited, respond, within_deadline
from retrieval.engine import MAX_QUESTION_CHARS

LABEL = "What the review says about this"
HELP = (
    "On any message: Apps → Find in the review. Quotes what the review says about it, "
    "only to you, with Post to channel. It never says whether the message is right."
)


def text_of(message: discord.Message) -> str:
    """The words to look up: the message's text, else its embeds' titles and descriptions."""
    if message.content.strip():
        return message.content
    parts = [x for e in message.embeds for x in (e.title, e.description) if x]
    return "\n".join(parts)


def claim(text: str) -> str:
    """The text as one question within the engine's limit, cut at a word boundary."""
    words = " ".join(text.split())
    if len(words) <= MAX_QUESTION_CHARS:
        return words
    return words[:MAX_QUESTION_CHARS].rsplit(" ", 1)[0]


@app_commands.context_menu(name="Find in the review")
@limited
async def find_in_review(interaction: discord.Interaction[Any], message: discord.Message) -> None:
    """What the review says about a message's claim, quoted, privately."""
    text = text_of(message)
    if not text.strip():
        await respond(
            interaction,
            embed=render.notice_embed("That message has no text to look up."),
            ephemeral=True,
        )
        return
    bot = bot_of(interaction)
    asked = await within_deadline(
        interaction,
        bot.service.ask(claim(text), channel="slash", record=False, claim=True),
        ephemeral=True,
    )
    embed = render.answer_embed(
        asked.answer, corpus_label=bot.service.engine.corpus.version, heading=LABEL, about=text
    )
    await respond(
        interaction, embed=embed, view=find_view(asked.answer, interaction.user.id), ephemeral=True
    )
