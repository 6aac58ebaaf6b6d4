"""Buttons that survive restarts: state in the custom id (`DynamicItem`), question in the embed."""

from __future__ import annotations

import re
import time
from typing import Any

import discord

from bot.discord import render
from bot.discord.helpers import bot_of, respond
from bot.questionlog.store import Vote
from corpus.types import Jurisdiction
from retrieval.catalog import find_sources, passage
from retrieval.citations import STYLES, cite
from retrieval.jurisdictions import parse_jurisdiction, summary

# Page state is trusted for a day; after that the buttons are disabled when clicked.
STATE_TTL = 24 * 3600
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def b36(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = _B36[r] + out
        if n == 0:
            return out


def _jurisdiction_code(j: Jurisdiction | None) -> str:
    return j.lower() if j else "-"


async def _expired(interaction: discord.Interaction[Any]) -> None:
    """Disable the message's buttons and tell the clicker why."""
    view = discord.ui.View.from_message(interaction.message) if interaction.message else None
    if view is not None:
        for item in view.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        await interaction.response.edit_message(view=view)
        await interaction.followup.send(
            embed=render.notice_embed("These buttons have expired. Ask again with /ask."),
            ephemeral=True,
        )
    else:
        await interaction.response.send_message(
            embed=render.notice_embed("These buttons have expired."), ephemeral=True
        )


class MoreQuotes(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=(
        r"vb:more:(?P<asker>\d+):(?P<page>\d+):(?P<jur>[a-z-]+):(?P<ts>[0-9a-z]+)"
        r"(?::(?P<doc>[a-z0-9_.]+))?"
    ),
):
    """Next page of quotes (within the asked document, if one was). The asker pages in
    place; anyone else gets their own copy."""

    def __init__(
        self,
        asker: int,
        page: int,
        jurisdiction: Jurisdiction | None,
        ts: int,
        document: str | None = None,
    ) -> None:
        self.asker, self.page, self.jurisdiction, self.ts = asker, page, jurisdiction, ts
        self.document = document
        custom_id = f"vb:more:{asker}:{page}:{_jurisdiction_code(jurisdiction)}:{b36(ts)}"
        super().__init__(
            discord.ui.Button(
                label="More quotes",
                style=discord.ButtonStyle.primary,
                custom_id=custom_id + (f":{document}" if document else ""),
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> MoreQuotes:
        return cls(
            int(match["asker"]),
            int(match["page"]),
            parse_jurisdiction(match["jur"]),
            int(match["ts"], 36),
            match["doc"],
        )

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if time.time() - self.ts > STATE_TTL:
            await _expired(interaction)
            return
        embeds = interaction.message.embeds if interaction.message else []
        question = render.question_of(embeds[0]) if embeds else None
        if question is None:
            await _expired(interaction)
            return
        bot = bot_of(interaction)
        asked = await bot.service.ask(
            question,
            channel="slash",
            jurisdiction=self.jurisdiction,
            page=self.page,
            record=False,
            document=self.document,
        )
        mine = interaction.user.id == self.asker
        embed = render.answer_embed(asked.answer, corpus_label=bot.service.engine.corpus.version)
        view = answer_view(
            asked.answer, interaction.user.id, None, self.jurisdiction, document=self.document
        )
        if mine:
            await interaction.response.edit_message(
                embed=embed, view=_carry_sharing(interaction.message, view)
            )
        else:
            # Their own private copy, which they may post.
            view = shared(view, interaction.user.id, private=True)
            await respond(interaction, embed=embed, view=view, ephemeral=True)


class SummaryButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"vb:sum:(?P<jur>[a-z]+)"
):
    """The detected jurisdiction's summary, for whoever clicks (ephemeral)."""

    def __init__(self, jurisdiction: Jurisdiction) -> None:
        self.jurisdiction = jurisdiction
        super().__init__(
            discord.ui.Button(
                label=f"{jurisdiction} summary",
                emoji=render.FLAGS.get(jurisdiction),
                style=discord.ButtonStyle.secondary,
                custom_id=f"vb:sum:{jurisdiction.lower()}",
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> SummaryButton:
        found = parse_jurisdiction(match["jur"])
        if found is None:
            raise ValueError(f"unknown jurisdiction in custom id: {match['jur']}")
        return cls(found)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        corpus = bot_of(interaction).service.engine.corpus
        await interaction.response.send_message(
            embed=render.summary_embed(summary(corpus, self.jurisdiction)), ephemeral=True
        )


class SourcesButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"vb:src"):
    """The sources cited by the quotes on this message (ephemeral)."""

    def __init__(self) -> None:
        super().__init__(
            discord.ui.Button(
                label="Sources", style=discord.ButtonStyle.secondary, custom_id="vb:src"
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> SourcesButton:
        return cls()

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        corpus = bot_of(interaction).service.engine.corpus
        ids = (
            render.passage_ids_of(interaction.message.embeds[0])
            if interaction.message and interaction.message.embeds
            else []
        )
        cited = {
            s.id
            for pid in ids
            if (e := corpus.by_id.get(pid))
            for s in ([e.source] if e.source else []) + list(e.cited)
        }
        listings = [x for x in find_sources(corpus, "") if x.source.id in cited]
        title = "Sources of these quotes" if listings else "Sources the review quotes"
        embed = render.sources_embed(listings or find_sources(corpus, ""), title)
        if not listings:
            embed.description = (
                "These quotes are the review's own words; here are all the sources it quotes."
            )
        await interaction.response.send_message(embed=embed, ephemeral=True)


class CiteButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"vb:cite"):
    """Copy-ready citations of the first passage this message quotes, for whoever clicks
    (ephemeral); the ids of the others are named for /cite."""

    def __init__(self) -> None:
        super().__init__(
            discord.ui.Button(
                label="Cite", style=discord.ButtonStyle.secondary, custom_id="vb:cite"
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> CiteButton:
        return cls()

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        corpus = bot_of(interaction).service.engine.corpus
        embeds = interaction.message.embeds if interaction.message else []
        ids = [i for e in embeds for i in render.passage_ids_of(e) if i in corpus.by_id]
        if not ids:
            await interaction.response.send_message(
                embed=render.notice_embed("This message quotes no passage to cite."),
                ephemeral=True,
            )
            return
        entry = corpus.by_id[ids[0]]
        embed = render.cite_embed(entry, [cite(entry, s) for s in STYLES])
        if len(ids) > 1:
            others = ", ".join(f"`{i}`" for i in ids[1:])
            embed.description = (embed.description or "") + f"\nThe other quotes: /cite {others}"
        await interaction.response.send_message(embed=embed, ephemeral=True)


class ForgetButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"vb:forget:(?P<user>\d+):(?P<ts>[0-9a-z]+)",
):
    """/forget's confirmation: deletes the user's rows from the question log. Only the user
    who asked to be forgotten can confirm (the id is in the custom id, so it survives a
    restart); the prompt is good for a day."""

    def __init__(self, user_id: int, ts: int) -> None:
        self.user_id, self.ts = user_id, ts
        super().__init__(
            discord.ui.Button(
                label="Delete my data",
                style=discord.ButtonStyle.danger,
                custom_id=f"vb:forget:{user_id}:{b36(ts)}",
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> ForgetButton:
        return cls(int(match["user"]), int(match["ts"], 36))

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.user_id:
            return True
        await interaction.response.send_message(
            embed=render.notice_embed("Only the person who asked to be forgotten can confirm."),
            ephemeral=True,
        )
        return False

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        if time.time() - self.ts > STATE_TTL:
            await _expired(interaction)
            return
        log = bot_of(interaction).service.question_log
        deleted = await log.forget_user(self.user_id) if log is not None else 0
        if deleted is None:
            text = "Storage failed; nothing was deleted. Please try again later."
        else:
            text = render.forgotten(deleted)
        await interaction.response.edit_message(embed=render.notice_embed(text), view=None)


class FeedbackButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"vb:fb:(?P<vote>up|down):(?P<qid>\d+)"
):
    """👍/👎 on an answer, recorded against the question's id in the log."""

    def __init__(self, vote: Vote, question_id: int) -> None:
        self.vote, self.question_id = vote, question_id
        super().__init__(
            discord.ui.Button(
                emoji="👍" if vote == "up" else "👎",
                style=discord.ButtonStyle.secondary,
                custom_id=f"vb:fb:{vote}:{question_id}",
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> FeedbackButton:
        return cls("up" if match["vote"] == "up" else "down", int(match["qid"]))

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await bot_of(interaction).service.feedback(self.question_id, interaction.user.id, self.vote)
        thanks = (
            "Thanks, noted."
            if self.vote == "up"
            else "Thanks. Maintainers review answers marked unhelpful."
        )
        await interaction.response.send_message(embed=render.notice_embed(thanks), ephemeral=True)


class PassageButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"vb:psg:(?P<dir>prev|next):(?P<pid>[a-z0-9_.]+)",
):
    """Previous/next passage on a /passage message."""

    def __init__(self, direction: str, passage_id: str) -> None:
        self.direction, self.passage_id = direction, passage_id
        super().__init__(
            discord.ui.Button(
                label="◀ Previous" if direction == "prev" else "Next ▶",
                style=discord.ButtonStyle.secondary,
                custom_id=f"vb:psg:{direction}:{passage_id}"[: render.CUSTOM_ID],
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> PassageButton:
        return cls(match["dir"], match["pid"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        view = passage(bot_of(interaction).service.engine.corpus, self.passage_id)
        if view is None:
            await _expired(interaction)
            return
        await interaction.response.edit_message(
            embed=render.passage_embed(view),
            view=_carry_sharing(interaction.message, passage_view(view.previous, view.next)),
        )


class PostButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"vb:post:(?P<asker>\d+)"
):
    """On a private answer: post it to the channel for everyone, with its buttons and a 🗑
    for the asker. Nobody else sees a private answer; the id check is for forged clicks."""

    def __init__(self, asker: int) -> None:
        self.asker = asker
        super().__init__(
            discord.ui.Button(
                label="Post to channel",
                style=discord.ButtonStyle.primary,
                custom_id=f"vb:post:{asker}",
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> PostButton:
        return cls(int(match["asker"]))

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.asker:
            return True
        await interaction.response.send_message(
            embed=render.notice_embed("Only the person who asked can post this."), ephemeral=True
        )
        return False

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        message = interaction.message
        if message is None or not message.embeds:
            await _expired(interaction)
            return
        # The same buttons (their state is in their custom ids), without this one, plus 🗑.
        view = discord.ui.View.from_message(message, timeout=None)
        for item in list(view.children):
            if isinstance(item, discord.ui.Button) and (item.custom_id or "").startswith(
                ("vb:post:", "vb:forget:")
            ):
                view.remove_item(item)
        view.add_item(DeleteButton(self.asker))
        # A new interaction response, so it works wherever the command did (DMs, user
        # installs) without the bot's own channel permissions.
        await interaction.response.send_message(embeds=message.embeds, view=view)


class DeleteButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"vb:del:(?P<asker>\d+)"
):
    """🗑 on a public answer (and a reply to a DM or a mention): the asker, or anyone who
    may manage messages, deletes it."""

    def __init__(self, asker: int) -> None:
        self.asker = asker
        super().__init__(
            discord.ui.Button(
                emoji="🗑", style=discord.ButtonStyle.secondary, custom_id=f"vb:del:{asker}"
            )
        )

    @classmethod
    async def from_custom_id(
        cls,
        interaction: discord.Interaction[Any],
        item: discord.ui.Item[Any],
        match: re.Match[str],
        /,
    ) -> DeleteButton:
        return cls(int(match["asker"]))

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        if interaction.user.id == self.asker or interaction.permissions.manage_messages:
            return True
        await interaction.response.send_message(
            embed=render.notice_embed(
                "Only the person who asked, or someone who can manage messages, can delete this."
            ),
            ephemeral=True,
        )
        return False

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        # Acknowledge as an update of this message, then delete it through the interaction
        # webhook: no channel permission is needed, so it works for user installs too. A
        # reply to a DM or a mention came from no interaction: the bot deletes its own
        # message, which needs no permission either.
        await interaction.response.defer()
        message = interaction.message
        try:
            if message is not None and message.interaction_metadata is None:
                await message.delete()
            else:
                await interaction.delete_original_response()
        except discord.HTTPException as exc:
            await interaction.followup.send(
                embed=render.notice_embed(f"Could not delete it: {exc.text or exc.status}."),
                ephemeral=True,
            )


def find_view(answer: Any, asker: int) -> discord.ui.View:
    """Under a "Find in the review" answer: sources and cite when it quotes, and Post to
    channel. No More quotes (its title is not a question to page) and no feedback (the
    looked-up message is someone else's words, so it is not logged)."""
    view = discord.ui.View(timeout=None)
    if answer.quotes:
        view.add_item(SourcesButton())
        view.add_item(CiteButton())
    return shared(view, asker, private=True)


def _carry_sharing(
    message: discord.Message | None, view: discord.ui.View | None
) -> discord.ui.View | None:
    """`view` plus the Post to channel or 🗑 button `message` had (kept across an edit)."""
    kept = [
        b.custom_id
        for row in (message.components if message else [])
        if isinstance(row, discord.ActionRow)
        for b in row.children
        if isinstance(b, discord.Button) and (b.custom_id or "").startswith(("vb:post:", "vb:del:"))
    ]
    if not kept:
        return view
    view = view or discord.ui.View(timeout=None)
    for custom_id in kept:
        found = re.fullmatch(r"vb:(post|del):(\d+)", custom_id or "")
        if found:
            view.add_item((PostButton if found[1] == "post" else DeleteButton)(int(found[2])))
    return view


def shared(view: discord.ui.View | None, asker: int, *, private: bool) -> discord.ui.View:
    """`view` (or a new one) with Post to channel on a private reply, 🗑 on a public one."""
    view = view or discord.ui.View(timeout=None)
    view.add_item(PostButton(asker) if private else DeleteButton(asker))
    return view


DYNAMIC_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (
    MoreQuotes,
    SummaryButton,
    SourcesButton,
    CiteButton,
    ForgetButton,
    PostButton,
    DeleteButton,
    FeedbackButton,
    PassageButton,
)


def answer_view(
    answer: Any,
    asker: int,
    question_id: int | None,
    jurisdiction: Jurisdiction | None,
    *,
    document: str | None = None,
) -> discord.ui.View | None:
    """More quotes, the detected jurisdiction's summary, sources, cite, and feedback."""
    view = discord.ui.View(timeout=None)
    if answer.has_more:
        more = MoreQuotes(asker, answer.page + 1, jurisdiction, int(time.time()), document)
        view.add_item(more)
    for name in answer.jurisdictions[:2]:
        view.add_item(SummaryButton(name))
    if answer.quotes:
        view.add_item(SourcesButton())
        view.add_item(CiteButton())
    if question_id is not None and answer.status == "answered":
        view.add_item(FeedbackButton("up", question_id))
        view.add_item(FeedbackButton("down", question_id))
    return view if view.children else None


def passage_view(previous: str | None, next_id: str | None) -> discord.ui.View | None:
    view = discord.ui.View(timeout=None)
    if previous:
        view.add_item(PassageButton("prev", previous))
    if next_id:
        view.add_item(PassageButton("next", next_id))
    return view if view.children else None
