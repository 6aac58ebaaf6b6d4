"""Slash commands: each calls the service (as the CLI does) and renders the result."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

import discord
from discord import app_commands

from bot import render
from bot.components import answer_view, passage_view
from retrieval.catalog import find_sources, passage
from retrieval.jurisdictions import compare, summary

if TYPE_CHECKING:
    from bot.client import VerbatimBot

log = logging.getLogger("verbatim")
T = TypeVar("T")

# Answer directly when we can; past this many seconds, defer so Discord's 3-second
# deadline for the first response is never missed.
DEFER_AFTER = 1.5
JurisdictionChoice = Literal["US", "EU", "China"]


class Throttled(app_commands.CheckFailure):
    """The user is over their cooldown."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(f"retry after {retry_after:.0f} s")


def _bot(interaction: discord.Interaction[Any]) -> VerbatimBot:
    return cast("VerbatimBot", interaction.client)


async def _not_throttled(interaction: discord.Interaction[Any]) -> bool:
    wait = _bot(interaction).service.cooldown.retry_after(interaction.user.id)
    if wait > 0:
        raise Throttled(wait)
    return True


limited = app_commands.check(_not_throttled)


async def respond(interaction: discord.Interaction[Any], **kwargs: Any) -> None:
    """Send the first response, or a follow-up if the interaction was already answered."""
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


async def within_deadline(
    interaction: discord.Interaction[Any], work: Awaitable[T], *, ephemeral: bool
) -> T:
    """Await `work`; if it is slow, defer first so the interaction does not expire."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
    if not done:
        await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    return await task


def register(tree: app_commands.CommandTree[Any]) -> None:
    """Add every command to `tree`."""

    @tree.command(name="ask", description="Ask about the review; the answer is quoted verbatim.")
    @app_commands.describe(
        question="Your question, e.g. What does the EU AI Act exempt?",
        jurisdiction="Only quote passages about this jurisdiction",
        private="Only you see the answer",
    )
    @limited
    async def ask(
        interaction: discord.Interaction[Any],
        question: app_commands.Range[str, 1, 300],
        jurisdiction: JurisdictionChoice | None = None,
        private: bool = False,
    ) -> None:
        bot = _bot(interaction)
        asked = await within_deadline(
            interaction,
            bot.service.ask(
                question, channel="slash", user_id=interaction.user.id, jurisdiction=jurisdiction
            ),
            ephemeral=private,
        )
        embed = render.answer_embed(asked.answer, corpus_label=bot.service.engine.corpus.version)
        view = answer_view(asked.answer, interaction.user.id, asked.question_id, jurisdiction)
        await respond(interaction, embed=embed, view=view, ephemeral=private)

    @tree.command(
        name="jurisdiction", description="What the review says about the US, the EU or China."
    )
    @app_commands.describe(name="The jurisdiction")
    @limited
    async def jurisdiction_(
        interaction: discord.Interaction[Any], name: JurisdictionChoice
    ) -> None:
        corpus = _bot(interaction).service.engine.corpus
        await respond(interaction, embed=render.summary_embed(summary(corpus, name)))

    @tree.command(name="compare", description="The US, the EU and China side by side, quoted.")
    @limited
    async def compare_(interaction: discord.Interaction[Any]) -> None:
        corpus = _bot(interaction).service.engine.corpus
        await respond(interaction, embeds=render.compare_embeds(compare(corpus)))

    @tree.command(
        name="sources", description="The works the review quotes, with links and excerpts."
    )
    @app_commands.describe(source="Only this source (start typing to search)")
    @limited
    async def sources_(interaction: discord.Interaction[Any], source: str | None = None) -> None:
        corpus = _bot(interaction).service.engine.corpus
        listings = find_sources(corpus, source or "")
        exact = [x for x in listings if x.source.id == (source or "").strip()]
        await respond(interaction, embed=render.sources_embed(exact or listings))

    @sources_.autocomplete("source")
    async def _source_choices(
        interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        corpus = _bot(interaction).service.engine.corpus
        return [
            app_commands.Choice(
                name=render.clip(x.description, render.CHOICE_NAME), value=x.source.id
            )
            for x in find_sources(corpus, current)[: render.CHOICES]
        ]

    @tree.command(
        name="passage", description="One passage of the review by id, with previous and next."
    )
    @app_commands.describe(id="A passage id such as osai.policy.eu.1 (start typing to search)")
    @limited
    async def passage_(interaction: discord.Interaction[Any], id: str) -> None:
        view = passage(_bot(interaction).service.engine.corpus, id)
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
            view=passage_view(view.previous, view.next),
        )

    @passage_.autocomplete("id")
    async def _passage_choices(
        interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        corpus = _bot(interaction).service.engine.corpus
        needle = current.strip().casefold()
        found = [e for e in corpus.entries if needle in e.id or needle in e.text.casefold()]
        return [
            app_commands.Choice(
                name=render.clip(f"{e.id} — {e.text}", render.CHOICE_NAME), value=e.id
            )
            for e in found[: render.CHOICES]
        ]

    @tree.command(name="help", description="How to use Verbatim.")
    async def help_(interaction: discord.Interaction[Any]) -> None:
        await respond(interaction, embed=render.help_embed(), ephemeral=True)

    @tree.command(
        name="about", description="What Verbatim quotes, what our copy lost, how to invite it."
    )
    async def about(interaction: discord.Interaction[Any]) -> None:
        bot = _bot(interaction)
        await respond(
            interaction,
            embed=render.about_embed(bot.service.engine.corpus, bot.invite_url()),
            ephemeral=True,
        )

    tree.on_error = on_tree_error  # type: ignore[method-assign]


async def on_tree_error(
    interaction: discord.Interaction[Any], error: app_commands.AppCommandError
) -> None:
    """Cooldowns and failures answered ephemerally; unexpected errors logged with traceback."""
    if isinstance(error, Throttled):
        text = f"You're asking quickly. Try again in {max(1, round(error.retry_after))} s."
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
