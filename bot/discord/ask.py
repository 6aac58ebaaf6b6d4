"""/ask: a question answered with verbatim quotes, and the buttons under the answer."""

from __future__ import annotations

from typing import Any, Literal

import discord
from discord import app_commands

from bot.discord import render
from bot.discord.components import answer_view, shared
from bot.discord.helpers import bot_of, limited, respond, within_deadline
from corpus.load import Corpus

JurisdictionChoice = Literal["US", "EU", "China"]

# Suggested while typing a question, with the review's section titles. Written by us and
# checked to be answered (tests/test_contents.py); never a question someone asked.
EXAMPLES = (
    "What does the EU AI Act exempt?",
    "Does China regulate open-source models?",
    "What does the Executive Order say about model weights?",
    "What are the risks of open-sourcing AI models?",
    "What are the benefits of open-source AI?",
    "What is the difference between open source and open weights?",
    "Can the safety fine-tuning of Llama 2 be removed?",
    "What are the key points of the analysis?",
)


def question_choices(corpus: Corpus, current: str) -> list[app_commands.Choice[str]]:
    """The examples and section titles containing every word typed so far (all of them,
    examples first, when nothing is typed yet)."""
    words = current.casefold().split()
    titles = [s.title for d in corpus.documents for s in d.sections]
    found = [
        text
        for text in dict.fromkeys((*EXAMPLES, *titles))
        if all(w in text.casefold() for w in words)
    ]
    return [
        app_commands.Choice(
            name=render.clip(t, render.CHOICE_NAME), value=render.clip(t, render.CHOICE_NAME)
        )
        for t in found[: render.CHOICES]
    ]


# A document id rides in the More quotes button's custom id (100 characters in all).
MAX_DOCUMENT_ID = 40


def document_choices(corpus: Corpus, current: str) -> list[app_commands.Choice[str]]:
    """The corpus's documents whose id or title contains what was typed."""
    typed = current.casefold()
    return [
        app_commands.Choice(name=render.clip(f"{d.title} ({d.id})", render.CHOICE_NAME), value=d.id)
        for d in corpus.documents
        if len(d.id) <= MAX_DOCUMENT_ID and (typed in d.id or typed in d.title.casefold())
    ][: render.CHOICES]


@app_commands.command()
@app_commands.describe(
    question="Your question, e.g. What does the EU AI Act exempt? (suggestions as you type)",
    jurisdiction="Only quote passages about this jurisdiction",
    private="Only you see the answer",
    document="Only quote this document of the corpus (suggestions as you type)",
)
@limited
async def ask(
    interaction: discord.Interaction[Any],
    question: app_commands.Range[str, 1, 300],
    jurisdiction: JurisdictionChoice | None = None,
    private: bool = False,
    document: app_commands.Range[str, 1, MAX_DOCUMENT_ID] | None = None,
) -> None:
    """Ask about the review; the answer is quoted verbatim."""
    bot = bot_of(interaction)
    corpus = bot.service.engine.corpus
    if document is not None and document not in {d.id for d in corpus.documents}:
        known = ", ".join(d.id for d in corpus.documents)
        notice = render.notice_embed(f"No document {document!r} here; the documents: {known}.")
        await respond(interaction, embed=notice, ephemeral=True)
        return
    asked = await within_deadline(
        interaction,
        bot.service.ask(
            question,
            channel="slash",
            user_id=interaction.user.id,
            jurisdiction=jurisdiction,
            document=document,
        ),
        ephemeral=private,
    )
    embed = render.answer_embed(asked.answer, corpus_label=corpus.version)
    view = answer_view(
        asked.answer, interaction.user.id, asked.question_id, jurisdiction, document=document
    )
    view = shared(view, interaction.user.id, private=private)
    await respond(interaction, embed=embed, view=view, ephemeral=private)


@ask.autocomplete("document")
async def _document_choices(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    return document_choices(bot_of(interaction).service.engine.corpus, current)


@ask.autocomplete("question")
async def _question_choices(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    return question_choices(bot_of(interaction).service.engine.corpus, current)
