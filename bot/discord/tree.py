"""The command tree: every feature's commands, where they may be used, and their errors."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.discord import (
    admin,
    ask,
    cite,
    contents,
    find,
    info,
    jurisdiction,
    privacy,
    render,
    sources,
)
from bot.discord.helpers import Throttled, asking_quickly, respond

if TYPE_CHECKING:
    from bot.discord.client import VerbatimBot

log = logging.getLogger("verbatim")

# In the order /help lists them.
COMMANDS: tuple[app_commands.Command[Any, ..., Any], ...] = (
    ask.ask,
    jurisdiction.jurisdiction_,
    jurisdiction.compare_,
    sources.sources_,
    sources.passage_,
    contents.contents,
    cite.cite_,
    info.help_,
    info.about,
    privacy.privacy,
    privacy.forget,
    admin.reload,
    admin.stats,
)


# Message context-menu commands (Apps › …), listed by /help after the slash commands.
MESSAGE_COMMANDS: tuple[app_commands.ContextMenu, ...] = (find.find_in_review,)


class VerbatimTree(app_commands.CommandTree["VerbatimBot"]):
    """Every command, usable in servers, DMs and group DMs, installed to servers or users."""

    def __init__(self, client: VerbatimBot) -> None:
        super().__init__(
            client,
            allowed_contexts=app_commands.AppCommandContext(
                guild=True, dm_channel=True, private_channel=True
            ),
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
        )
        for command in COMMANDS:
            self.add_command(command)
        for menu in MESSAGE_COMMANDS:
            self.add_command(menu)

    async def on_error(
        self, interaction: discord.Interaction[VerbatimBot], error: app_commands.AppCommandError
    ) -> None:
        """Cooldowns and failures answered ephemerally; unexpected errors logged with
        traceback."""
        if isinstance(error, Throttled):
            text = asking_quickly(error.retry_after)
        elif isinstance(error, app_commands.CheckFailure):
            text = "You can't use this command here."
        else:
            command = interaction.command.name if interaction.command else "?"
            log.error("command /%s failed", command, exc_info=error)
            text = "Something went wrong on our side; it has been logged. Please try again."
        try:
            await respond(interaction, embed=render.notice_embed(text), ephemeral=True)
        except discord.HTTPException:
            log.warning("could not tell the user about an error (interaction expired?)")
