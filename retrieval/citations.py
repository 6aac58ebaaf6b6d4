"""Copy-ready citations of a passage: APA 7, Chicago 17 (notes and bibliography), MLA 9 and
BibTeX (biblatex `@online`), each for a web article.

The review is cited with its authors, date, title, publisher and URL, and the passage by
its section (styles place a section in the in-text citation, not in the reference). An
excerpt also cites the work it quotes, with only the facts we could confirm: an
unconfirmed date, venue or URL is left out, never cited as fact. Pure: text in, text out.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from corpus.load import Entry
from corpus.types import Document, Source

Style = Literal["apa", "chicago", "mla", "bibtex"]
STYLES: tuple[Style, ...] = ("apa", "chicago", "mla", "bibtex")
STYLE_NAMES: dict[Style, str] = {
    "apa": "APA",
    "chicago": "Chicago",
    "mla": "MLA",
    "bibtex": "BibTeX",
}
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
# MLA abbreviates months longer than four letters.
_MLA_MONTHS = "Jan. Feb. Mar. Apr. May June July Aug. Sept. Oct. Nov. Dec.".split()


@dataclass(frozen=True)
class Citation:
    """One style's citation of a passage: the reference-list entry, how to cite it in the
    text (with the section), and for an excerpt the reference of the work it quotes."""

    style: Style
    reference: str
    in_text: str | None = None
    quoted_source: str | None = None


def parse_style(value: str) -> Style | None:
    folded = value.strip().casefold()
    return next((s for s in STYLES if s == folded or STYLE_NAMES[s].casefold() == folded), None)


def cite(entry: Entry, style: Style) -> Citation:
    """The citation of a passage in `style`."""
    doc, section = entry.document, entry.section_path[-1] if entry.section_path else None
    source = entry.source if entry.kind == "excerpt" else None
    if style == "bibtex":
        ref = bibtex(doc, entry.section_path)
        return Citation(style, ref, None, bibtex_source(source) if source else None)
    reference = {"apa": _apa, "chicago": _chicago, "mla": _mla}[style](doc)
    in_text = _in_text(doc, section, style)
    quoted = _source_reference(source, style) if source else None
    return Citation(style, reference, in_text, quoted)


# --- names and dates --------------------------------------------------------------------


def _split(name: str) -> tuple[str, str]:
    """(given names, family name) of a person's name as written ("Elliot Mckernon")."""
    given, _, family = name.strip().rpartition(" ")
    return given, family


def _listed(names: list[str], conjunction: str) -> str:
    """ "A", "A, & B", "A, B, & C": with a comma before the conjunction, since reference
    names are inverted ("Mckernon, E., & Cheng, D.")."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f", {conjunction} {names[-1]}"


def _initials(given: str) -> str:
    return " ".join(f"{part[0]}." for part in re.split(r"[\s]+", given) if part)


def _publisher(doc: Document) -> str | None:
    # "Convergence Analysis, Governance Recommendations Research Program": the publisher is
    # the organisation; the program within it is not part of a reference.
    return doc.publisher.split(",")[0].strip() if doc.publisher else None


def _date_long(date: dt.date | None) -> str:
    return f"{_MONTHS[date.month - 1]} {date.day}, {date.year}" if date else "n.d."


def _ensure_period(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


# --- the review -------------------------------------------------------------------------


def _apa(doc: Document) -> str:
    """Author, A. A., & Author, B. B. (2024, April 29). Title. Site. URL"""
    people = [f"{family}, {_initials(given)}" for given, family in map(_split, doc.authors)]
    authors = _listed(people, "&")
    date = f"{doc.date.year}, {_MONTHS[doc.date.month - 1]} {doc.date.day}" if doc.date else "n.d."
    parts = [_ensure_period(authors) if authors else "", f"({date}).", _ensure_period(doc.title)]
    if _publisher(doc):
        parts.append(f"{_publisher(doc)}.")
    if doc.url:
        parts.append(doc.url)
    return " ".join(p for p in parts if p)


def _chicago(doc: Document) -> str:
    """Family, Given, and Given Family. "Title." Publisher, Month Day, Year. URL."""
    names = list(doc.authors)
    if names:
        given, family = _split(names[0])
        names[0] = f"{family}, {given}"
    authors = _listed(names, "and")
    parts = [_ensure_period(authors) if authors else "", f"“{_ensure_period(doc.title)}”"]
    where = ", ".join(x for x in (_publisher(doc), _date_long(doc.date)) if x)
    parts.append(f"{where}.")
    if doc.url:
        parts.append(f"{doc.url}.")
    return " ".join(p for p in parts if p)


def _mla(doc: Document) -> str:
    """Family, Given, and Given Family. "Title." Publisher, Day Mon. Year, URL."""
    names = list(doc.authors)
    if len(names) > 2:
        names = [*names[:1], "et al."]
    if names:
        given, family = _split(names[0])
        names[0] = f"{family}, {given}"
    authors = (
        names[0]
        if len(names) == 1
        else (f"{names[0]}, et al" if names[-1] == "et al." else f"{names[0]}, and {names[1]}")
    )
    date = f"{doc.date.day} {_MLA_MONTHS[doc.date.month - 1]} {doc.date.year}" if doc.date else None
    # MLA 9 drops the scheme from a URL.
    url = re.sub(r"^https?://", "", doc.url) if doc.url else None
    container = ", ".join(x for x in (_publisher(doc), date, url) if x)
    parts = [f"{authors}." if authors else "", f"“{_ensure_period(doc.title)}”"]
    if container:
        parts.append(f"{container}.")
    return " ".join(p for p in parts if p)


def _in_text(doc: Document, section: str | None, style: Style) -> str:
    families = [_split(a)[1] for a in doc.authors]
    year = str(doc.date.year) if doc.date else "n.d."
    where = f"“{section}”" if section else ""
    if style == "apa":
        who = " & ".join(families) if len(families) <= 2 else f"{families[0]} et al."
        return f"({who}, {year}{', section ' + where if where else ''})"
    if style == "mla":
        who = " and ".join(families) if len(families) <= 2 else f"{families[0]} et al."
        return f"({who}{', sec. ' + where if where else ''})"
    # Chicago: a short-form note.
    who = " and ".join(families) if len(families) <= 3 else f"{families[0]} et al."
    short = doc.title.split(":")[0]
    # Chicago puts the closing period inside the quotation marks.
    return f"{who}, “{short},” sec. “{section}.”" if section else f"{who}, “{short}.”"


# --- the quoted source ------------------------------------------------------------------


def _confirmed(source: Source, fact: str) -> bool:
    return fact not in source.unconfirmed


def _source_date(date: str | None, style: Style) -> str | None:
    """ "2023", "2023-10" or "2023-10-31" as the style writes dates."""
    if not date:
        return None
    parts = [int(x) for x in date.split("-") if x.isdigit()]
    if not parts:
        return date
    year, month, day = [*parts, 0, 0][:3]
    if not 1 <= month <= 12:
        return str(year)
    if style == "apa":
        return f"{year}, {_MONTHS[month - 1]}" + (f" {day}" if day else "")
    if style == "mla":
        return (f"{day} " if day else "") + f"{_MLA_MONTHS[month - 1]} {year}"
    return f"{_MONTHS[month - 1]} " + (f"{day}, " if day else "") + str(year)


def _source_reference(source: Source, style: Style) -> str:
    authors = ", ".join(source.authors) if _confirmed(source, "authors") else ""
    confirmed_date = source.date if _confirmed(source, "date") else None
    date = _source_date(confirmed_date, style)
    venue = source.venue if source.venue and _confirmed(source, "venue") else None
    url = source.confirmed_url
    title = _ensure_period(source.title)
    if style == "apa":
        parts = [_ensure_period(authors) if authors else "", f"({date or 'n.d.'}).", title]
        parts += [f"{venue}." if venue else "", url or ""]
    elif style == "chicago":
        parts = [_ensure_period(authors) if authors else "", f"“{title}”"]
        where = ", ".join(x for x in (venue, date) if x)
        parts += [f"{where}." if where else "", f"{url}." if url else ""]
    else:  # mla
        where = ", ".join(x for x in (venue, date, re.sub(r"^https?://", "", url or "")) if x)
        parts = [_ensure_period(authors) if authors else "", f"“{title}”"]
        parts.append(f"{where}." if where else "")
    return " ".join(p for p in parts if p)


# --- BibTeX -----------------------------------------------------------------------------

_TEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _tex(text: str) -> str:
    """A BibTeX field value: TeX's special characters escaped, ~ and ^ spelled out."""
    text = text.replace("\\", r"\textbackslash{}")
    text = _TEX_SPECIAL.sub(r"\\\1", text)
    return text.replace("~", r"\textasciitilde{}").replace("^", r"\textasciicircum{}")


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


_STOP = {"a", "an", "the", "on", "of", "and", "in", "for", "to"}


def bibtex_key(authors: tuple[str, ...], date: str | None, title: str) -> str:
    """family + year + first significant title word ("mckernon2024opensource"): stable as
    long as those facts are, and ASCII only."""
    # "Touvron et al., Meta" and "Anjali Gopal et al. (SecureBio / MIT)" name a first author.
    first = re.sub(r"\(.*?\)|\bet al\b\.?|,.*|\sand\s.*", "", authors[0]).strip() if authors else ""
    family = _ascii_word(_split(first)[1]) if first else "anon"
    year = (date or "")[:4] if (date or "")[:4].isdigit() else "nd"
    words = [_ascii_word(w) for w in title.split()]
    word = next((w for w in words if w and w not in _STOP), "")
    return f"{family or 'anon'}{year}{word}"


def _entry(kind: str, key: str, fields: list[tuple[str, str | None]]) -> str:
    lines = [f"@{kind}{{{key},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields if value]
    lines.append("}")
    return "\n".join(lines)


def bibtex(doc: Document, section_path: tuple[str, ...] = ()) -> str:
    """The review as a biblatex `@online` entry; the section goes in `note`."""
    date = doc.date.isoformat() if doc.date else None
    authors = " and ".join(f"{_tex(f)}, {_tex(g)}" for g, f in map(_split, doc.authors))
    return _entry(
        "online",
        bibtex_key(doc.authors, date, doc.title),
        [
            ("author", authors),
            # Double braces keep the title's capitals.
            ("title", f"{{{_tex(doc.title)}}}"),
            ("date", date),
            ("organization", _tex(_publisher(doc) or "") or None),
            ("url", doc.url),
            ("note", _tex("Section: " + " > ".join(section_path)) if section_path else None),
        ],
    )


def bibtex_source(source: Source) -> str:
    """A quoted work as `@online` (with a URL) or `@misc`; authors braced as written, since
    some are organisations or "et al." lists that BibTeX must not parse as names."""
    date = source.date if source.date and _confirmed(source, "date") else None
    authors = (
        " and ".join(f"{{{_tex(a)}}}" for a in source.authors)
        if _confirmed(source, "authors")
        else None
    )
    url = source.confirmed_url
    venue = source.venue if source.venue and _confirmed(source, "venue") else None
    return _entry(
        "online" if url else "misc",
        bibtex_key(source.authors, date, source.title),
        [
            ("author", authors),
            ("title", f"{{{_tex(source.title)}}}"),
            ("date", date),
            ("note", _tex(venue) if venue else None),
            ("url", url),
        ],
    )
