"""Maintainer commands: /reload (bot owner) and /stats (Manage Server), both ephemeral."""

from __future__ import annotations

import asyncio
from typing import Any

import discord
from discord import app_commands

from bot.discord import render
from bot.discord.helpers import bot_of, respond
from bot.questionlog.report import build_report, parse_since, render_report_text


def code_block(text: str, limit: int = render.DESCRIPTION) -> str:
    # Backticks in logged questions would close the block; a look-alike keeps them visible.
    body = text.replace("`", "ˋ")
    return "```\n" + render.clip(body, limit - 8) + "\n```"


@app_commands.command()
async def reload(interaction: discord.Interaction[Any]) -> None:
    """Re-read the corpus (bot owner only)."""
    bot = bot_of(interaction)
    if not await bot.is_owner(interaction.user):
        await interaction.response.send_message(
            embed=render.notice_embed("Only the bot's owner can reload the corpus."),
            ephemeral=True,
        )
        return
    await interaction.response.defer(ephemeral=True, thinking=True)
    old = bot.service.engine.corpus.version
    problems = await bot.service.reload()
    if problems:
        text = f"The new corpus is invalid; still serving version `{old}`.\n" + code_block(
            "\n".join(str(p) for p in problems), render.DESCRIPTION - 100
        )
    else:
        corpus = bot.service.engine.corpus
        text = f"Reloaded: version `{old}` → `{corpus.version}`, {len(corpus.entries)} passages."
    await interaction.followup.send(embed=render.notice_embed(text), ephemeral=True)


@app_commands.command()
@app_commands.describe(since="A period such as 7d, 24h or 2w (default 7d)")
@app_commands.default_permissions(manage_guild=True)
async def stats(interaction: discord.Interaction[Any], since: str = "7d") -> None:
    """What people asked and what the corpus missed."""
    bot = bot_of(interaction)
    allowed = interaction.permissions.manage_guild or await bot.is_owner(interaction.user)
    if not allowed:
        await interaction.response.send_message(
            embed=render.notice_embed("You need the Manage Server permission for /stats."),
            ephemeral=True,
        )
        return
    try:
        period = parse_since(since)
    except ValueError as exc:
        await interaction.response.send_message(embed=render.notice_embed(str(exc)), ephemeral=True)
        return
    question_log = bot.service.question_log
    if question_log is None:
        text = "Question logging is off."
    else:
        await interaction.response.defer(ephemeral=True, thinking=True)
        report = await asyncio.to_thread(build_report, question_log.log, period)
        text = code_block(render_report_text(report))
    embed = discord.Embed(
        title="Verbatim: questions and gaps", description=text, colour=render.COLOUR
    )
    await respond(interaction, embed=embed, ephemeral=True)
