"""/contents: the review's table of contents, with passage counts and jump links."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.discord import render
from bot.discord.components import shared
from bot.discord.helpers import bot_of, limited, respond
from retrieval.contents import table_of_contents


@app_commands.command(name="contents")
@app_commands.describe(private="Only you see it")
@limited
async def contents(interaction: discord.Interaction[Any], private: bool = False) -> None:
    """The review's sections, how many passages each has, and links to them."""
    corpus = bot_of(interaction).service.engine.corpus
    await respond(
        interaction,
        embed=render.contents_embed(table_of_contents(corpus)),
        view=shared(None, interaction.user.id, private=private),
        ephemeral=private,
    )
