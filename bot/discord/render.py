"""Answers, summaries and sources → Discord embeds and plain text, within Discord's limits.

Renderers only format; they never search. Quotes are escaped, then bolded at the spans
retrieval matched; when a quote does not fit its budget it loses whole sentences from the
end (so what is shown is still a verbatim prefix), never a cut mid-sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import discord

from bot.wording import FOOTER_TEXT
from corpus.load import Corpus, Entry
from retrieval.catalog import PassageView, SourceListing
from retrieval.citations import STYLE_NAMES, Citation
from retrieval.contents import ContentsLine
from retrieval.jurisdictions import NAMES, Summary
from retrieval.text import sentences
from retrieval.types import Answer, Note, Quote, SourceRef

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
TITLE = 256
DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FIELDS = 25
FOOTER = 2048
AUTHOR = 256
EMBED_TOTAL = 6000  # across every embed of one message
EMBEDS_PER_MESSAGE = 10
CONTENT = 2000
CHOICES = 25
CHOICE_NAME = 100
CUSTOM_ID = 100

COLOUR = discord.Colour(0x2B6CB0)
FLAGS = {"US": "🇺🇸", "EU": "🇪🇺", "China": "🇨🇳"}
ELLIPSIS = "…"
# Starts the description when an answer's title had to be cut: the whole question.
QUESTION = "Question: "

# Every ASCII punctuation mark Discord could read as markdown, a link, a mention or an
# emoji; a backslash before any of them shows the mark itself.
_SPECIAL = re.compile(r"([\\*_`~|>#\-\[\]()<@:/])")


def escape(text: str) -> str:
    """Text shown literally: no markdown, masked link, autolink, mention or spoiler."""
    return _SPECIAL.sub(r"\\\1", text)


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def clip(text: str, limit: int) -> str:
    """Chrome (never a quote) shortened to `limit` characters."""
    if len(text) <= limit:
        return text
    # text[:limit - 1] with a limit of 0 would be text[:-1], nearly all of it.
    return text[: limit - 1].rstrip() + ELLIPSIS if limit > 0 else ""


# --- quotes -------------------------------------------------------------------------------


def _bolded(
    text: str,
    highlights: Sequence[tuple[int, int]],
    end: int,
    lost_links: Sequence[tuple[int, int]] = (),
) -> str:
    """The escaped text with matched words bold and words that were a lost link
    underlined (a highlight inside a lost link gives way, so markers never interleave)."""
    marks = [(a, b, "__") for a, b in lost_links]
    marks += [
        (a, b, "**")
        for a, b in _merged(text, highlights)
        if not any(a < lb and la < b for la, lb in lost_links)
    ]
    out, at = [], 0
    for start, stop, mark in sorted(marks):
        if stop > end:
            break
        out += [escape(text[at:start]), mark, escape(text[start:stop]), mark]
        at = stop
    out.append(escape(text[at:end]))
    return "".join(out)


def _merged(text: str, highlights: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Highlights joined across white space, so "EU AI Act" is bold once, not three times."""
    merged: list[tuple[int, int]] = []
    for start, stop in sorted(highlights):
        if merged and (start <= merged[-1][1] or not text[merged[-1][1] : start].strip()):
            merged[-1] = (merged[-1][0], max(stop, merged[-1][1]))
        else:
            merged.append((start, stop))
    return merged


# Links of a quote's own words shown after its citation: a few, so the citation stays short.
MAX_LINKS = 3


def citation_line(quote: Quote) -> str:
    """— Document › [Section](link) · quoting Source · `passage id`; the link lands on the
    quoted words (a text fragment) where the page shows them."""
    section = escape(" › ".join(quote.section_path))
    target = quote.link or quote.url
    where = f"[{section}]({target})" if target and section else section
    line = f"— {escape(quote.document_title)}" + (f" › {where}" if where else "")
    if quote.source is not None:
        line += f" · quoting {_ref(quote.source)}"
    if quote.lost_links:
        line += " · __underlined__: a link whose target our copy lost"
    for start, end, url in quote.links[:MAX_LINKS]:
        line += f" · [{clip(escape(quote.text[start:end]), 60)}](<{url}>)"
    return f"{line} · `{quote.passage_id}`"


def quote_block(quote: Quote, budget: int) -> str | None:
    """A quote as a block quote with matched words bold, then its citation; None if no
    whole sentence of it fits in `budget` characters."""
    cite = citation_line(quote)
    if len(cite) > budget // 2:
        cite = f"— `{quote.passage_id}`"
    for end in _sentence_ends(quote.text):
        # Every line of a multi-paragraph quote is quoted, not only the first.
        body = _bolded(quote.text, quote.highlights, end, quote.lost_links).replace("\n", "\n> ")
        cut = end < len(quote.text)
        block = f"> {body}{' ' + ELLIPSIS if cut else ''}\n{cite}"
        if len(block) <= budget:
            return block
    return None


def _sentence_ends(text: str) -> list[int]:
    """Ends of the prefixes made of whole sentences, longest first."""
    ends = [end for _, end in sentences(text)] or [len(text)]
    if ends[-1] != len(text):
        ends.append(len(text))
    return sorted(set(ends), reverse=True)


# --- an embed that keeps count ------------------------------------------------------------


class Budget:
    """Characters left for one message's embeds (Discord counts them all together)."""

    def __init__(self, total: int = EMBED_TOTAL) -> None:
        self.left = total

    def take(self, text: str) -> str:
        self.left -= len(text)
        return text


class EmbedBuilder:
    """Builds one embed, refusing anything past a limit (per field and per message)."""

    def __init__(self, title: str, budget: Budget, *, url: str | None = None) -> None:
        self.budget = budget
        self.embed = discord.Embed(title=budget.take(clip(title, TITLE)), url=url, colour=COLOUR)
        self.blocks: list[str] = []
        self.fields = 0

    def description_room(self) -> int:
        used = sum(len(b) + 2 for b in self.blocks)
        return max(0, min(DESCRIPTION - used, self.budget.left - 2 - 200))

    def add_block(self, block: str) -> bool:
        if len(block) + 2 > self.description_room():
            return False
        self.blocks.append(block)
        self.budget.take(block + "\n\n")
        return True

    def add_quote(self, quote: Quote) -> bool:
        block = quote_block(quote, self.description_room())
        return block is not None and self.add_block(block)

    def field_room(self) -> int:
        return max(0, min(FIELD_VALUE, self.budget.left - FIELD_NAME - 200))

    def add_field(self, name: str, value: str, *, inline: bool = False) -> bool:
        name = clip(name, FIELD_NAME)
        if self.fields >= FIELDS or not value or len(value) > FIELD_VALUE:
            return False
        if len(name) + len(value) > self.budget.left - 200:
            return False
        self.embed.add_field(
            name=self.budget.take(name), value=self.budget.take(value), inline=inline
        )
        self.fields += 1
        return True

    def author(self, text: str) -> None:
        self.embed.set_author(name=self.budget.take(clip(text, AUTHOR)))

    def build(self, footer: str = FOOTER_TEXT) -> discord.Embed:
        self.embed.description = "\n\n".join(self.blocks) or None
        self.embed.set_footer(text=self.budget.take(clip(footer, FOOTER)))
        return self.embed


def _notes_value(notes: Iterable[Note], limit: int = FIELD_VALUE) -> str:
    lines = []
    for note in notes:
        line = f"Lost in our copy: {escape(note.lost)}"
        refs = [_ref(r) for r in note.read_instead]
        if refs:
            line += " Read instead: " + "; ".join(refs)
        lines.append(line)
    return clip("\n".join(lines), limit)


def _ref(ref: SourceRef) -> str:
    title = escape(ref.title)
    return f"[{title}]({ref.url})" if ref.url else f"{title} (link unconfirmed)"


# --- answers ------------------------------------------------------------------------------


def answer_embed(
    answer: Answer, *, corpus_label: str = "", heading: str | None = None, about: str | None = None
) -> discord.Embed:
    """The answer as one embed: quotes, citations, suggestions, notes and a footer. With
    `heading`, that is the title instead of the question, and `about` (a message looked up
    with "Find in the review") is shown, clipped, before the quotes."""
    budget = Budget()
    title = heading or escape(answer.question) or "Your question"
    builder = EmbedBuilder(title, budget)
    if answer.places:
        builder.author(" ".join(f"{FLAGS.get(j, '')} {j}" for j in answer.places))
    if about is not None:
        builder.add_block(f"About this message: “{clip(escape(' '.join(about.split())), 300)}”")
    if heading is None and len(title) > TITLE:
        # The title had to be cut; the whole question is kept where `question_of` (paging,
        # follow-ups) can read it back.
        builder.add_block(QUESTION + title)
    if answer.suggestions:
        builder.add_block(clip(f"Did you mean: *{escape(answer.suggestions[0])}*", 600))
    if answer.message:
        builder.add_block(clip(escape(answer.message), 1000))
    if answer.facts:
        builder.add_field("About the document", _facts_value(answer))
    for quote in answer.shown_quotes:
        builder.add_quote(quote)
    if answer.notes:
        builder.add_field("Not in our copy of the review", _notes_value(answer.notes))
    footer = FOOTER_TEXT if answer.quotes else "Verbatim quotes only; no text is generated."
    page = (
        f" · page {answer.page + 1}" if answer.quotes and (answer.page or answer.has_more) else ""
    )
    return builder.build(f"{footer}{page}{' · corpus ' + corpus_label if corpus_label else ''}")


def _facts_value(answer: Answer) -> str:
    """The document's metadata, one fact a line, within a field's limit."""
    lines = [f"**{f.label}:** {escape(f.value)}" for f in answer.facts]
    return clip("\n".join(lines), 600)


def question_of(embed: discord.Embed) -> str | None:
    """The question an answer embed was rendered for (buttons page and follow up with it)."""
    if not embed.title or embed.title == "Your question":
        return None
    if embed.title.endswith(ELLIPSIS):
        # Perhaps a cut title: then the whole question opens the description (its colon
        # unescaped, so no escaped text of the user's can look like it).
        first = (embed.description or "").split("\n\n", 1)[0]
        if first.startswith(QUESTION):
            return unescape(first.removeprefix(QUESTION))
    return unescape(embed.title)


def passage_ids_of(embed: discord.Embed) -> list[str]:
    """The passage ids quoted in an embed, in order (from the citation lines)."""
    text = (embed.description or "") + "".join(f.value or "" for f in embed.fields)
    return list(dict.fromkeys(re.findall(r"`([a-z0-9_]+(?:\.[a-z0-9_]+)+)`", text)))


def answer_text(answer: Answer) -> str:
    """The answer as plain message content (for channels where the bot cannot embed)."""
    parts = [f"**{clip(escape(answer.question), 300)}**"]
    if answer.suggestions:
        parts.append(f"Did you mean: *{clip(escape(answer.suggestions[0]), 300)}*")
    if answer.message:
        parts.append(clip(escape(answer.message), 600))
    if answer.facts:
        parts.append(_facts_value(answer))
    room = CONTENT - sum(len(p) + 2 for p in parts) - len(FOOTER_TEXT) - 4
    for quote in answer.shown_quotes:
        block = quote_block(quote, room - 2)
        if block is not None and len(_no_link_preview(block)) + 2 > room:
            # The <…> around each link count too: ask again with room for them.
            grown = len(_no_link_preview(block)) - len(block)
            block = quote_block(quote, room - 2 - grown)
        if block is None:
            break
        block = _no_link_preview(block)
        parts.append(block)
        room -= len(block) + 2
    parts.append(f"-# {FOOTER_TEXT}")
    return "\n\n".join(parts)[:CONTENT]


def _no_link_preview(block: str) -> str:
    # Content links unfurl into previews; angle brackets suppress them.
    return re.sub(r"\]\((https?://[^)\s]+)\)", r"](<\1>)", block)


# --- summaries, comparison, sources, passages --------------------------------------------


def _finding(summary: Summary) -> str:
    name = NAMES[summary.jurisdiction]
    if summary.finding == "no_mention":
        return (
            "**No mention found.** The review found no mention of open-source models "
            f"in {name}'s regulations."
        )
    if not summary.policy:
        return f"**Not covered.** The review has no section on {name}."
    return ""


def summary_embed(
    summary: Summary, budget: Budget | None = None, *, compact: bool = False
) -> discord.Embed:
    """One jurisdiction: the finding, its policy passages, then what else concerns it."""
    budget = budget or Budget()
    name = NAMES[summary.jurisdiction]
    flag = FLAGS.get(summary.jurisdiction, "")
    builder = EmbedBuilder(f"{flag} What the review says about {name}", budget)
    finding = _finding(summary)
    if finding:
        builder.add_block(finding)
    for quote in summary.policy:
        builder.add_quote(quote)
    if not compact:
        for quote in summary.analysis:
            block = quote_block(quote, builder.field_room())
            if block is None or not builder.add_field("Also concerning " + name, block):
                break
        if summary.sources:
            builder.add_field(
                "Sources", clip("\n".join(_ref(r) for r in summary.sources), FIELD_VALUE)
            )
    if summary.notes:
        builder.add_field(
            "Not in our copy of the review", _notes_value(summary.notes, builder.field_room())
        )
    return builder.build()


def compare_embeds(summaries: Sequence[Summary]) -> list[discord.Embed]:
    """The jurisdictions side by side, one embed each, sharing one message's budget."""
    share = EMBED_TOTAL // max(1, len(summaries))
    return [summary_embed(s, Budget(share), compact=True) for s in summaries[:EMBEDS_PER_MESSAGE]]


def sources_embed(
    listings: Sequence[SourceListing], title: str = "Sources the review quotes"
) -> discord.Embed:
    """Each source with its link (or that the link is unconfirmed) and its first excerpt."""
    budget = Budget()
    builder = EmbedBuilder(title, budget)
    if not listings:
        builder.add_block("No source matches that.")
    for listing in listings:
        lines = [_ref(listing.source)]
        if listing.venue:
            lines.append(escape(listing.venue))
        value = clip("\n".join(lines), 400)
        room = min(FIELD_VALUE, builder.field_room()) - len(value) - 1
        for quote in listing.excerpts[:1]:
            block = quote_block(quote, room)
            if block:
                value += "\n" + block
        if not builder.add_field(escape(listing.description), value):
            break
    return builder.build()


def passage_embed(view: PassageView) -> discord.Embed:
    builder = EmbedBuilder(
        escape(" › ".join(view.quote.section_path)), Budget(), url=view.quote.link or view.quote.url
    )
    builder.add_quote(view.quote)
    return builder.build(f"Passage {view.position} of {view.total} · {FOOTER_TEXT}")


def _code(text: str, limit: int) -> str:
    """Text in a code block (shown as is, easy to copy), cut to fit `limit` with its fences."""
    text = text.replace("```", "` ` `")
    room = limit - len("```\n\n```")
    return f"```\n{text if len(text) <= room else clip(text, room)}\n```"


def cite_embed(
    entry: Entry, citations: Sequence[Citation], *, title: str = "Cite"
) -> discord.Embed:
    """Copy-ready citations of one passage: per style the reference in a code block and how
    to cite it in the text; for an excerpt, the quoted work too."""
    builder = EmbedBuilder(f"{title}: " + escape(" › ".join(entry.section_path)), Budget())
    builder.add_block(
        f"*{escape(entry.document.title)}*, section {escape(' › '.join(entry.section_path))} "
        f"· `{entry.id}`"
    )
    for c in citations:
        name = STYLE_NAMES[c.style]
        value = _code(c.reference, FIELD_VALUE - 300)
        if c.in_text:
            value += f"In the text: {escape(c.in_text)}"
        builder.add_field(name, clip(value, FIELD_VALUE))
        if c.quoted_source:
            builder.add_field(
                f"{name}: the work this excerpt quotes", _code(c.quoted_source, FIELD_VALUE)
            )
    return builder.build("Citations of the review's published text · no text is generated.")


def contents_embed(lines: Sequence[ContentsLine]) -> discord.Embed:
    """/contents: one line per section, indented by depth, with its passage count and a link
    to its first passage; sections that do not fit are counted, not cut mid-line."""
    builder = EmbedBuilder("Contents", Budget())
    out: list[str] = []
    document = None
    room = DESCRIPTION - 100
    for n, line in enumerate(lines):
        text = ""
        if line.document != document:
            document = line.document
            text += f"**{escape(line.document)}**\n"
        title = escape(line.title)
        if line.link:
            title = f"[{title}]({line.link})"
        count = "1 passage" if line.passages == 1 else f"{line.passages} passages"
        first = f" · `{line.first_passage}`" if line.first_passage else ""
        # An em space per level: Discord keeps it where it trims ordinary leading spaces.
        text += f"{chr(0x2003) * line.depth}• {title} — {count}{first}"
        if sum(len(x) + 1 for x in out) + len(text) > room:
            out.append(f"… and {len(lines) - n} more sections")
            break
        out.append(text)
    builder.add_block("\n".join(out))
    builder.add_block("Jump to a passage with `/passage id`; links open the review at it.")
    return builder.build()


def forgotten(deleted: int) -> str:
    """What /forget says once done."""
    rows = "1 stored row" if deleted == 1 else f"{deleted} stored rows"
    return f"Done: deleted {rows} (your questions and your 👍/👎). Nothing about you is left."


def privacy_embed(*, logging: bool, retention_days: int) -> discord.Embed:
    """/privacy: what is stored, for how long, and how to delete it (the README's Privacy
    section says the same for operators)."""
    builder = EmbedBuilder("Privacy: what Verbatim stores", Budget())
    if not logging:
        builder.add_block("This bot's operator turned the question log off: nothing is stored.")
    builder.add_field(
        "Stored",
        "• the text of each question you ask, how it was asked (slash command, DM, mention), "
        "whether it was answered, and which passages were quoted\n"
        "• a salted hash of your Discord user id (never the id itself, your name or server)\n"
        "• your 👍/👎 on answers",
    )
    builder.add_field(
        "Not stored",
        "Messages that are not questions to Verbatim, messages looked up with Find in the "
        "review, your username, server and channel ids. Messages are read only when they "
        "mention Verbatim or are sent to it in a DM.",
    )
    kept = (
        f"Questions and their feedback are deleted after {retention_days} days."
        if retention_days
        else "This bot's operator keeps questions until they are deleted."
    )
    builder.add_field("How long", kept)
    builder.add_field(
        "Delete it",
        "`/forget` deletes every question and vote of yours, after you confirm. An operator "
        "can do the same with `python -m bot forget USER_ID`.",
    )
    builder.add_field(
        "Why", "To see which questions the review does not answer and which answers were unhelpful."
    )
    return builder.build("Kept only in this bot's own database; shared with no one.")


def help_embed(commands: Sequence[tuple[str, str]]) -> discord.Embed:
    """How to use the bot: each command's usage and description, then DMs and mentions."""
    builder = EmbedBuilder("Verbatim: the review, quoted", Budget())
    builder.add_block(
        "Ask about *Open-Source AI: A Regulatory Review* (Convergence Analysis, 2024). "
        "Every answer is quoted word for word from the review, with its citation."
    )
    for usage, description in commands:
        builder.add_field(usage, description)
    builder.add_field("Direct messages", "Any message is a question.")
    builder.add_field(
        "Mentions",
        'Mention the bot with a question; reply to an answer to follow up ("what about China?").',
    )
    return builder.build()


def help_text(commands: Sequence[tuple[str, str]]) -> str:
    """`help_embed` as plain text, for a channel where the bot may not embed."""
    lines = [f"{usage}: {description}" for usage, description in commands]
    return clip("\n".join(["Verbatim: the review, quoted.", *lines]), CONTENT)


def about_embed(corpus: Corpus, invite_url: str | None) -> discord.Embed:
    builder = EmbedBuilder("About Verbatim", Budget())
    for doc in corpus.documents:
        line = f"**{escape(doc.title)}**"
        if doc.authors:
            line += f" by {escape(', '.join(doc.authors))}"
        if doc.publisher:
            line += f", {escape(doc.publisher)}"
        if doc.date:
            line += f" ({doc.date.isoformat()})"
        if doc.url:
            line += f" · [read it]({doc.url})"
        builder.add_block(line)
    builder.add_block(
        "No generative model is used: every sentence shown as content is copied verbatim from the "
        "review or a source it quotes, with its citation. When nothing answers, the bot says so."
    )
    gaps = [f"• {escape(gap.lost)}" for _, gap in corpus.gaps()]
    if gaps:
        builder.add_field("What our copy of the review lost", clip("\n".join(gaps), FIELD_VALUE))
    builder.add_field(
        "Corpus",
        f"{len(corpus.entries)} passages, {len(corpus.sources)} sources, "
        f"version `{corpus.version}`",
    )
    if invite_url:
        builder.add_field("Invite", f"[Add Verbatim to a server]({invite_url})")
    return builder.build()


def notice_embed(text: str) -> discord.Embed:
    """UI messages (errors, cooldowns): chrome only."""
    return discord.Embed(description=clip(text, DESCRIPTION), colour=discord.Colour.light_grey())
