"""/help, written from the command tree so that no command goes unlisted, and /about."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import discord
from discord import app_commands

from bot.discord import find, render
from bot.discord.helpers import bot_of, respond

# What each message command does (context menus have no description of their own).
MENU_HELP = {find.find_in_review.name: find.HELP}


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


def help_lines(tree: app_commands.CommandTree[Any]) -> list[tuple[str, str]]:
    """(usage, description) of every command of `tree`: slash commands, then message
    commands."""
    commands = tree.get_commands(type=discord.AppCommandType.chat_input)
    menus = tree.get_commands(type=discord.AppCommandType.message)
    return command_lines(commands) + [
        (f"Apps › {m.name}", MENU_HELP.get(m.name, "")) for m in menus
    ]


@app_commands.command(name="help")
async def help_(interaction: discord.Interaction[Any]) -> None:
    """How to use Verbatim."""
    lines = help_lines(bot_of(interaction).tree)
    await respond(interaction, embed=render.help_embed(lines), ephemeral=True)


@app_commands.command()
async def about(interaction: discord.Interaction[Any]) -> None:
    """What Verbatim quotes, what our copy lost, how to invite it."""
    bot = bot_of(interaction)
    await respond(
        interaction,
        embed=render.about_embed(bot.service.engine.corpus, bot.invite_url()),
        ephemeral=True,
    )
