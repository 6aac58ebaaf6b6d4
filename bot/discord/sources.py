"""/sources and /passage: the works the review quotes, and one passage by its id."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.discord import render
from bot.discord.components import passage_view, shared
from bot.discord.helpers import bot_of, limited, respond
from corpus.load import Corpus
from retrieval.catalog import find_sources, passage


@app_commands.command(name="sources")
@app_commands.describe(
    source="Only this source (start typing to search)", private="Only you see it"
)
@limited
async def sources_(
    interaction: discord.Interaction[Any], source: str | None = None, private: bool = False
) -> None:
    """The works the review quotes, with links and excerpts."""
    corpus = bot_of(interaction).service.engine.corpus
    listings = find_sources(corpus, source or "")
    exact = [x for x in listings if x.source.id == (source or "").strip()]
    await respond(
        interaction,
        embed=render.sources_embed(exact or listings),
        view=shared(None, interaction.user.id, private=private),
        ephemeral=private,
    )


@sources_.autocomplete("source")
async def _source_choices(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    corpus = bot_of(interaction).service.engine.corpus
    return [
        app_commands.Choice(name=render.clip(x.description, render.CHOICE_NAME), value=x.source.id)
        for x in find_sources(corpus, current)[: render.CHOICES]
    ]


@app_commands.command(name="passage")
@app_commands.describe(
    id="A passage id such as osai.policy.eu.1 (start typing to search)",
    private="Only you see it",
)
@limited
async def passage_(interaction: discord.Interaction[Any], id: str, private: bool = False) -> None:
    """One passage of the review by id, with previous and next."""
    view = passage(bot_of(interaction).service.engine.corpus, id)
    if view is None:
        await respond(
            interaction,
            embed=render.notice_embed(f"No passage has the id {render.escape(id)}."),
            ephemeral=True,
        )
        return
    await respond(
        interaction,
        embed=render.passage_embed(view),
        view=shared(passage_view(view.previous, view.next), interaction.user.id, private=private),
        ephemeral=private,
    )


@passage_.autocomplete("id")
async def _passage_choices(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    return passage_choices(bot_of(interaction).service.engine.corpus, current)


def passage_choices(corpus: Corpus, current: str) -> list[app_commands.Choice[str]]:
    """Passages whose id or text contains what was typed (for /passage and /cite)."""
    needle = current.strip().casefold()
    found = [e for e in corpus.entries if needle in e.id or needle in e.text.casefold()]
    return [
        app_commands.Choice(name=render.clip(f"{e.id} — {e.text}", render.CHOICE_NAME), value=e.id)
        for e in found[: render.CHOICES]
    ]
