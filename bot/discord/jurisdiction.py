"""/jurisdiction and /compare: the review's extractive summaries of the US, EU and China."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.discord import render
from bot.discord.ask import JurisdictionChoice
from bot.discord.components import shared
from bot.discord.helpers import bot_of, limited, respond
from retrieval.jurisdictions import compare, summary


@app_commands.command(name="jurisdiction")
@app_commands.describe(name="The jurisdiction", private="Only you see it")
@limited
async def jurisdiction_(
    interaction: discord.Interaction[Any], name: JurisdictionChoice, private: bool = False
) -> None:
    """What the review says about the US, the EU or China."""
    corpus = bot_of(interaction).service.engine.corpus
    await respond(
        interaction,
        embed=render.summary_embed(summary(corpus, name)),
        view=shared(None, interaction.user.id, private=private),
        ephemeral=private,
    )


@app_commands.command(name="compare")
@app_commands.describe(private="Only you see it")
@limited
async def compare_(interaction: discord.Interaction[Any], private: bool = False) -> None:
    """The US, the EU and China side by side, quoted."""
    corpus = bot_of(interaction).service.engine.corpus
    await respond(
        interaction,
        embeds=render.compare_embeds(compare(corpus)),
        view=shared(None, interaction.user.id, private=private),
        ephemeral=private,
    )
