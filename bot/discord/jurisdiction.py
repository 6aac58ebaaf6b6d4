"""/jurisdiction and /compare: the review's extractive summaries of the US, EU and China."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.discord import render
from bot.discord.ask import JurisdictionChoice
from bot.discord.helpers import bot_of, limited, respond
from retrieval.jurisdictions import compare, summary


@app_commands.command(name="jurisdiction")
@app_commands.describe(name="The jurisdiction")
@limited
async def jurisdiction_(interaction: discord.Interaction[Any], name: JurisdictionChoice) -> None:
    """What the review says about the US, the EU or China."""
    corpus = bot_of(interaction).service.engine.corpus
    await respond(interaction, embed=render.summary_embed(summary(corpus, name)))


@app_commands.command(name="compare")
@limited
async def compare_(interaction: discord.Interaction[Any]) -> None:
    """The US, the EU and China side by side, quoted."""
    corpus = bot_of(interaction).service.engine.corpus
    await respond(interaction, embeds=render.compare_embeds(compare(corpus)))
