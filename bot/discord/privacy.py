"""/privacy and /forget: what Verbatim stores about a user, and deleting it."""

from __future__ import annotations

import time
from typing import Any

import discord
from discord import app_commands

from bot.discord import render
from bot.discord.components import ForgetButton
from bot.discord.helpers import bot_of, respond


@app_commands.command(name="privacy")
async def privacy(interaction: discord.Interaction[Any]) -> None:
    """What Verbatim stores about you, for how long, and how to delete it."""
    settings = bot_of(interaction).settings
    await respond(
        interaction,
        embed=render.privacy_embed(
            logging=settings.question_log, retention_days=settings.retention_days
        ),
        ephemeral=True,
    )


@app_commands.command(name="forget")
async def forget(interaction: discord.Interaction[Any]) -> None:
    """Delete your stored questions and feedback (asks you to confirm)."""
    view = discord.ui.View(timeout=None)
    view.add_item(ForgetButton(interaction.user.id, int(time.time())))
    await respond(
        interaction,
        embed=render.notice_embed(
            "Delete every question you asked Verbatim and every 👍/👎 you gave, from every "
            "server and DM? This cannot be undone."
        ),
        view=view,
        ephemeral=True,
    )
