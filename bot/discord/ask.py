"""/ask: a question answered with verbatim quotes, and the buttons under the answer."""

from __future__ import annotations

from typing import Any, Literal

import discord
from discord import app_commands

from bot.discord import render
from bot.discord.components import answer_view, shared
from bot.discord.helpers import bot_of, limited, respond, within_deadline

JurisdictionChoice = Literal["US", "EU", "China"]


@app_commands.command()
@app_commands.describe(
    question="Your question, e.g. What does the EU AI Act exempt?",
    jurisdiction="Only quote passages about this jurisdiction",
    private="Only you see the answer",
)
@limited
async def ask(
    interaction: discord.Interaction[Any],
    question: app_commands.Range[str, 1, 300],
    jurisdiction: JurisdictionChoice | None = None,
    private: bool = False,
) -> None:
    """Ask about the review; the answer is quoted verbatim."""
    bot = bot_of(interaction)
    asked = await within_deadline(
        interaction,
        bot.service.ask(
            question, channel="slash", user_id=interaction.user.id, jurisdiction=jurisdiction
        ),
        ephemeral=private,
    )
    embed = render.answer_embed(asked.answer, corpus_label=bot.service.engine.corpus.version)
    view = answer_view(asked.answer, interaction.user.id, asked.question_id, jurisdiction)
    view = shared(view, interaction.user.id, private=private)
    await respond(interaction, embed=embed, view=view, ephemeral=private)
