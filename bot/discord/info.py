"""/help, written from the command tree so that no command goes unlisted, and /about."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import discord
from discord import app_commands

from bot.discord import render
from bot.discord.helpers import bot_of, respond


def usage(command: app_commands.Command[Any, ..., Any]) -> str:
    """`/ask question [jurisdiction] [private]`: optional parameters in brackets."""
    words = [f"/{command.name}"]
    words += [p.name if p.required else f"[{p.name}]" for p in command.parameters]
    return " ".join(words)


def command_lines(
    commands: Iterable[app_commands.Command[Any, ..., Any] | app_commands.Group],
) -> list[tuple[str, str]]:
    """(usage, description) of each slash command, in the tree's order."""
    return [(usage(c), c.description) for c in commands if isinstance(c, app_commands.Command)]


@app_commands.command(name="help")
async def help_(interaction: discord.Interaction[Any]) -> None:
    """How to use Verbatim."""
    commands = bot_of(interaction).tree.get_commands(type=discord.AppCommandType.chat_input)
    await respond(interaction, embed=render.help_embed(command_lines(commands)), ephemeral=True)


@app_commands.command()
async def about(interaction: discord.Interaction[Any]) -> None:
    """What Verbatim quotes, what our copy lost, how to invite it."""
    bot = bot_of(interaction)
    await respond(
        interaction,
        embed=render.about_embed(bot.service.engine.corpus, bot.invite_url()),
        ephemeral=True,
    )
