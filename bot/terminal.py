"""Answers, summaries and sources as text for a person at a terminal; the chat loop."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.wording import FOOTER_TEXT
from corpus.load import Entry
from retrieval.catalog import PassageView, SourceListing, find_sources, passage
from retrieval.citations import STYLE_NAMES, STYLES, Style, cite
from retrieval.contents import ContentsLine, table_of_contents
from retrieval.engine import Engine
from retrieval.followup import combine
from retrieval.intent import asks_for_commands, is_small_talk
from retrieval.jurisdictions import NAMES, Summary, compare, parse_jurisdiction, summary
from retrieval.types import Answer, Note, Quote

BOLD, RESET = "\033[1m", "\033[0m"


def fill(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """Greedy word wrap (textwrap.fill's result for prose, at a fraction of its cost)."""
    joined = " ".join(text.split())
    lines: list[str] = []
    indent, start = initial_indent, 0
    # A line is the longest run of words that fits: up to the last space within reach, found
    # in one search rather than word by word. A word longer than the line stands alone.
    while len(joined) - start > width - len(indent):
        reach = start + width - len(indent)
        cut = joined.rfind(" ", start, reach + 1) if reach > start else -1
        if cut < 0:
            cut = joined.find(" ", start)
            if cut < 0:
                break
        lines.append(indent + joined[start:cut])
        indent, start = subsequent_indent, cut + 1
    lines.append(indent + joined[start:])
    return "\n".join(lines)


def _width() -> int:
    return max(40, min(100, shutil.get_terminal_size((88, 24)).columns))


def _marked(quote: Quote, color: bool) -> str:
    if not color or not quote.highlights:
        return quote.text
    out, at = [], 0
    for start, end in quote.highlights:
        out += [quote.text[at:start], BOLD, quote.text[start:end], RESET]
        at = end
    out.append(quote.text[at:])
    return "".join(out)


def render_quote(quote: Quote, *, color: bool = False, width: int | None = None) -> str:
    """A quote in curly quotes, then its citation and link on the lines below."""
    width = width or _width()
    body = fill(
        f"“{_marked(quote, color)}”", width - 2, initial_indent="  ", subsequent_indent="   "
    )
    lines = [
        body,
        fill(f"— {quote.citation}", width - 2, initial_indent="    ", subsequent_indent="      "),
    ]
    for start, end in quote.lost_links:
        # The words stay as the review has them; this says a link was there.
        lines.append(f"      lost link: “{quote.text[start:end]}” (our copy lost its target)")
    for start, end, url in quote.links:
        lines.append(f"      link: “{quote.text[start:end]}” → {url}")
    if quote.source is not None and quote.source.url:
        lines.append(f"      source: {quote.source.url}")
    if quote.link or quote.url:
        # The link lands on the quoted words (a text fragment) in Chromium, Safari, Firefox.
        lines.append(f"      {quote.link or quote.url}")
    lines.append(f"      [{quote.passage_id}]")
    return "\n".join(lines)


def render_note(note: Note, width: int | None = None) -> str:
    width = width or _width()
    text = f"Lost in our copy of the review: {note.lost}"
    if note.read_instead:
        refs = "; ".join(f"{r.title}" + (f" <{r.url}>" if r.url else "") for r in note.read_instead)
        text += f" Read instead: {refs}."
    return fill(text, width, initial_indent="  ! ", subsequent_indent="    ")


def render_answer(answer: Answer, *, color: bool = False, width: int | None = None) -> str:
    """The whole answer for a person: message, quotes with citations, notes, hints."""
    width = width or _width()
    lines = [f"Q: {answer.question}"] if answer.question else []
    if answer.suggestions:
        lines.append(f"Did you mean: {answer.suggestions[0]}")
    if answer.places:
        lines.append("Jurisdictions: " + ", ".join(answer.places))
    if answer.message:
        lines.append(fill(answer.message, width))
    if answer.facts:
        lines += ["", "About the document:"] + [f"  {f.label}: {f.value}" for f in answer.facts]
    for quote in answer.quotes:
        # A continuation follows its lead-in with no blank line between: one quote.
        lines += ["", *(render_quote(part, color=color, width=width) for part in quote.parts)]
    if answer.notes:
        lines.append("")
        lines += [render_note(n, width) for n in answer.notes]
    if answer.has_more:
        lines += ["", f"More quotes: ask again with --page {answer.page + 1} (or /more in chat)."]
    if answer.quotes:
        lines += ["", FOOTER_TEXT]
    return "\n".join(lines)


def render_summary(s: Summary, *, width: int | None = None) -> str:
    """One jurisdiction: its finding, policy passages, related passages, sources, notes."""
    width = width or _width()
    name = NAMES[s.jurisdiction]
    lines = [f"== {s.jurisdiction}: what the review says about {name} =="]
    if s.finding == "no_mention":
        lines.append(
            f"Finding: the review found no mention of open-source models in {name}'s regulations."
        )
    elif not s.policy:
        lines.append(f"Not covered: the review has no section on {name}.")
    if s.policy:
        lines += ["", "Policy:"] + [render_quote(q, width=width) for q in s.policy]
    if s.analysis:
        lines += ["", "Also concerning " + name + ":"] + [
            render_quote(q, width=width) for q in s.analysis
        ]
    if s.sources:
        lines += ["", "Sources:"] + [
            f"  - {r.title}" + (f" <{r.url}>" if r.url else "") for r in s.sources
        ]
    if s.notes:
        lines += [""] + [render_note(n, width) for n in s.notes]
    lines += ["", FOOTER_TEXT]
    return "\n".join(lines)


def render_compare(summaries: Sequence[Summary], *, width: int | None = None) -> str:
    """The three jurisdictions one after another, each with its own citations."""
    return "\n\n".join(render_summary(s, width=width) for s in summaries)


def render_sources(listings: Sequence[SourceListing], *, width: int | None = None) -> str:
    """The cited sources with links, unconfirmed facts marked, and their excerpts."""
    width = width or _width()
    lines: list[str] = []
    for item in listings:
        lines.append(f"* {item.description}  [{item.source.id}]")
        if item.venue:
            lines.append(f"  {item.venue}")
        lines.append(f"  {item.source.url}" if item.source.url else "  (no confirmed link)")
        if item.unconfirmed:
            lines.append("  unconfirmed: " + ", ".join(item.unconfirmed))
        if item.notes:
            lines.append(
                fill(item.notes, width, initial_indent="  note: ", subsequent_indent="    ")
            )
        for quote in item.excerpts:
            lines.append(render_quote(quote, width=width))
        lines.append("")
    return "\n".join(lines).rstrip()


def render_passage(view: PassageView, *, width: int | None = None) -> str:
    nav = f"passage {view.position} of {view.total}"
    if view.previous:
        nav += f"; previous: {view.previous}"
    if view.next:
        nav += f"; next: {view.next}"
    return render_quote(view.quote, width=width) + "\n  (" + nav + ")"


def render_citations(entry: Entry, style: Style | None = None) -> str:
    """A passage's citation in every style, labelled; or in one style alone, only its text
    (ready to paste, or to pipe into a .bib file)."""
    if style is not None:
        c = cite(entry, style)
        return "\n\n".join(x for x in (c.reference, c.quoted_source) if x)
    blocks = []
    for each in STYLES:
        c = cite(entry, each)
        lines = [f"== {STYLE_NAMES[each]}", c.reference]
        if c.in_text:
            lines.append(f"In the text: {c.in_text}")
        if c.quoted_source:
            lines += ["The work this excerpt quotes:", c.quoted_source]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_contents(lines: Sequence[ContentsLine]) -> str:
    """Each document's sections, indented by depth, with their passage counts and the id of
    their first passage (for /passage)."""
    out: list[str] = []
    document = None
    for line in lines:
        if line.document != document:
            document = line.document
            out.append(document)
        count = f"{line.passages} passage{'s' if line.passages != 1 else ''}"
        first = f", from {line.first_passage}" if line.first_passage else ""
        out.append(f"{'  ' * (line.depth + 1)}{line.title} ({count}{first})")
    return "\n".join(out)


HELP = """Ask anything about the review. Commands:
  /us, /eu, /china   the jurisdiction's summary      /compare   all three side by side
  /sources [text]    the cited sources               /passage ID  one passage
  /contents          the sections of the review      /cite [ID]   cite a passage
  /more              more quotes for the last question (/cite alone: its first quote)
  /help              this help                       Ctrl-D or /quit to leave"""


def chat(
    engine: Engine,
    *,
    write: Callable[[str], None] = print,
    history: Path | None = None,
    on_answer: Callable[[Answer], None] | None = None,
) -> None:
    """An interactive console: line editing and history where readline exists; Ctrl-D quits."""
    _enable_history(history)
    color = os.isatty(1) and "NO_COLOR" not in os.environ
    write("Verbatim: answers about “Open-Source AI: A Regulatory Review”, quoted verbatim.")
    write("Type a question, /help for commands, quit or Ctrl-D to leave.")
    last: Answer | None = None
    while True:
        try:
            line = input("\nverbatim> ")
        except (EOFError, KeyboardInterrupt):
            write("")
            break
        line = line.strip()
        # "quit" alone is not a follow-up ("who wrote it quit"): people type it to leave.
        if line.casefold() in {"/quit", "/exit", "quit", "exit"}:
            break
        if not line:
            continue
        # "more" alone, as the hint under an answer invites, pages on rather than asks; "help"
        # alone, as people type it in a console, lists the commands.
        word = line.casefold().rstrip(" .!?")
        if word in _MORE:
            line = "/more"
        elif asks_for_commands(word):
            line = "/help"
        if line.startswith("/"):
            last = _command(engine, line, last, write, color) or last
            continue
        # A reply to the last answer is read as Discord reads a reply to an answer:
        # "why?" after "What are the risks of open-sourcing?" asks about those risks.
        question = combine(last.question, line, engine.lexicon) if last else line
        answer = engine.answer(question)
        if on_answer:
            on_answer(answer)
        write(render_answer(answer, color=color))
        # Small talk ("thanks") leaves the answer before it as the one a reply continues
        # and /cite cites.
        if not is_small_talk(line):
            last = answer
    _save_history(history)


_MORE = frozenset({"more", "more please", "show more", "next", "next page", "more quotes"})


def _command(
    engine: Engine, line: str, last: Answer | None, write: Callable[[str], None], color: bool
) -> Answer | None:
    name, _, arg = line[1:].partition(" ")
    jurisdiction = parse_jurisdiction(name)
    if jurisdiction:
        write(render_summary(summary(engine.corpus, jurisdiction)))
    elif name == "compare":
        write(render_compare(compare(engine.corpus)))
    elif name == "sources":
        write(render_sources(find_sources(engine.corpus, arg)) or "No source matches that.")
    elif name == "passage":
        view = passage(engine.corpus, arg)
        write(render_passage(view) if view else f"No passage has the id {arg!r}.")
    elif name == "contents":
        write(render_contents(table_of_contents(engine.corpus)))
    elif name == "cite":
        write(_cite(engine, arg.strip(), last))
    elif name == "more":
        if last is None or not last.has_more:
            write("No more quotes for the last question.")
            return None
        more = engine.answer(last.question, page=last.page + 1)
        write(render_answer(more, color=color))
        return more
    else:
        write(HELP)
    return None


def _cite(engine: Engine, passage_id: str, last: Answer | None) -> str:
    """/cite ID, or /cite alone: the first quote of the last answer."""
    if not passage_id:
        if last is None or not last.quotes:
            return "Ask a question first, or give a passage id: /cite osai.policy.eu.1"
        passage_id = last.quotes[0].passage_id
    entry = engine.corpus.by_id.get(passage_id)
    return render_citations(entry) if entry else f"No passage has the id {passage_id!r}."


def _enable_history(path: Path | None) -> None:
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input() still works
        return
    if path is not None and path.exists():
        with contextlib.suppress(OSError):
            readline.read_history_file(path)


def _save_history(path: Path | None) -> None:
    if path is None:
        return
    try:
        import readline

        path.parent.mkdir(parents=True, exist_ok=True)
        readline.set_history_length(1000)
        readline.write_history_file(path)
    except (ImportError, OSError):
        pass
