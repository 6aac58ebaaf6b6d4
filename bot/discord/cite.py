"""/cite: copy-ready citations of a passage (APA, Chicago, MLA, BibTeX)."""

from __future__ import annotations

from typing import Any, Literal

import discord
from discord import app_commands

from bot.discord import render
from bot.discord.components import shared
from bot.discord.helpers import bot_of, limited, respond
from bot.discord.sources import passage_choices
from retrieval.citations import STYLES, Style, cite, parse_style

StyleChoice = Literal["APA", "Chicago", "MLA", "BibTeX"]


def styles_of(choice: str | None) -> tuple[Style, ...]:
    """One style, or all four when none was chosen."""
    found = parse_style(choice) if choice else None
    return (found,) if found else STYLES


@app_commands.command(name="cite")
@app_commands.describe(
    id="A passage id such as osai.policy.eu.1 (start typing to search)",
    style="One citation style (default: all four)",
    private="Only you see the citation",
)
@limited
async def cite_(
    interaction: discord.Interaction[Any],
    id: str,
    style: StyleChoice | None = None,
    private: bool = False,
) -> None:
    """Cite a passage: APA, Chicago, MLA or BibTeX, with its section."""
    entry = bot_of(interaction).service.engine.corpus.by_id.get(id.strip())
    if entry is None:
        await respond(
            interaction,
            embed=render.notice_embed(f"No passage has the id {render.escape(id)}."),
            ephemeral=True,
        )
        return
    citations = [cite(entry, s) for s in styles_of(style)]
    await respond(
        interaction,
        embed=render.cite_embed(entry, citations),
        view=shared(None, interaction.user.id, private=private),
        ephemeral=private,
    )


@cite_.autocomplete("id")
async def _passage_choices(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    return passage_choices(bot_of(interaction).service.engine.corpus, current)
