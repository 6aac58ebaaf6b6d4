"""Maintainer report from the question log: unanswered, only related, most quoted, most disliked."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final

from bot.questionlog.store import CHANNELS, JURISDICTIONS, STATUSES, DownvotedAnswer, QuestionLog
from retrieval.text import tokenize

__all__ = [
    "DownvotedAnswer",
    "Normaliser",
    "PassageCount",
    "Report",
    "UnansweredGroup",
    "build_report",
    "group_unanswered",
    "parse_since",
    "render_report_text",
]

Normaliser = Callable[[str], tuple[str, ...]]


def search_terms(text: str) -> tuple[str, ...]:
    """Group questions the way retrieval reads them: their stemmed terms, sorted, unique."""
    return tuple(sorted(set(tokenize(text))))


@dataclass(frozen=True)
class UnansweredGroup:
    """Unanswered questions that normalise to the same terms."""

    terms: tuple[str, ...]
    count: int
    example: str  # the most recent wording


@dataclass(frozen=True)
class PassageCount:
    """How many questions quoted a passage."""

    passage_id: str
    count: int


@dataclass(frozen=True)
class Report:
    """Figures for one period; ``enabled``/``available`` say whether there is anything to show."""

    enabled: bool
    available: bool
    period: timedelta | None  # None: all time
    since: datetime | None
    until: datetime
    total: int = 0
    by_status: Mapping[str, int] = field(default_factory=dict)
    by_channel: Mapping[str, int] = field(default_factory=dict)
    by_jurisdiction: Mapping[str, int] = field(default_factory=dict)
    unanswered: tuple[UnansweredGroup, ...] = ()
    # How many unanswered questions were grouped (the newest max_unanswered of the period).
    unanswered_grouped: int = 0
    # Questions answered only with related passages, grouped the same way.
    related: tuple[UnansweredGroup, ...] = ()
    downvoted: tuple[DownvotedAnswer, ...] = ()
    top_passages: tuple[PassageCount, ...] = ()
    votes_up: int = 0
    votes_down: int = 0


def group_unanswered(
    texts: Iterable[str], normalise: Normaliser, limit: int
) -> tuple[UnansweredGroup, ...]:
    """The ``limit`` largest groups; ``texts`` newest first, so each example is the latest one."""
    counts: dict[tuple[str, ...], int] = {}
    examples: dict[tuple[str, ...], str] = {}
    for text in texts:
        terms = normalise(text)
        counts[terms] = counts.get(terms, 0) + 1
        examples.setdefault(terms, text)
    # sorted() is stable, so equal counts stay newest first.
    ranked = sorted(counts, key=lambda terms: -counts[terms])
    return tuple(UnansweredGroup(terms, counts[terms], examples[terms]) for terms in ranked[:limit])


def build_report(
    log: QuestionLog,
    since: timedelta | None,
    *,
    normalise: Normaliser = search_terms,
    limit: int = 10,
    max_unanswered: int = 10_000,
) -> Report:
    """Report on questions asked within ``since`` of now (all time if None).

    Blocks on the database (up to its busy timeout), so call it via ``asyncio.to_thread`` from
    the bot. Questions are grouped by ``normalise``, by default as search reads them.
    """
    if since is not None and since < timedelta(0):
        raise ValueError(f"since must not be negative, got {since}")
    until = log.now()
    start = None if since is None else until - since
    stats = log.stats(start, limit=limit, max_unanswered=max_unanswered)
    if stats is None:
        return Report(enabled=log.enabled, available=False, period=since, since=start, until=until)
    return Report(
        enabled=True,
        available=True,
        period=since,
        since=start,
        until=until,
        total=stats.total,
        by_status=stats.by_status,
        by_channel=stats.by_channel,
        by_jurisdiction=stats.by_jurisdiction,
        unanswered=group_unanswered(stats.unanswered_texts, normalise, limit),
        unanswered_grouped=len(stats.unanswered_texts),
        related=group_unanswered(stats.related_texts, normalise, limit),
        downvoted=stats.downvoted,
        top_passages=tuple(PassageCount(pid, n) for pid, n in stats.top_passages),
        votes_up=stats.votes_up,
        votes_down=stats.votes_down,
    )


# --- parsing ------------------------------------------------------------------------------------

_SINCE: Final = re.compile(r"(\d{1,6})\s*([mhdw])")
_UNITS: Final[Mapping[str, str]] = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(value: str) -> timedelta:
    """Parse a period such as "30m", "24h", "7d" or "2w"."""
    match = _SINCE.fullmatch(value.strip().lower())
    if match is None or int(match[1]) == 0:
        raise ValueError(
            f"invalid period {value!r}: expected a whole number from 1 to 999999 followed by "
            "m (minutes), h (hours), d (days) or w (weeks), e.g. '30m', '24h', '7d' or '2w'"
        )
    return timedelta(**{_UNITS[match[2]]: int(match[1])})


# --- rendering ----------------------------------------------------------------------------------

_TEXT_WIDTH: Final = 70


def _describe(period: timedelta) -> str:
    seconds = int(period.total_seconds())
    for unit, size in (("week", 604_800), ("day", 86_400), ("hour", 3_600), ("minute", 60)):
        if seconds and seconds % size == 0:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return str(period)


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _period_line(report: Report) -> str:
    if report.period is None or report.since is None:
        return f"Period: all time, until {_when(report.until)}"
    span = f"{_when(report.since)} to {_when(report.until)}"
    return f"Period: last {_describe(report.period)} ({span})"


def _clip(text: str, width: int = _TEXT_WIDTH) -> str:
    # One line per row: user text may hold newlines or runs of spaces.
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int]) -> list[str]:
    """Rows under a header, columns padded to width; numeric columns right-aligned."""
    if not rows:
        return ["  (none)"]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return ("  " + "  ".join(padded)).rstrip()

    return [line(header), *(line(row) for row in rows)]


def _section(title: str, body: list[str]) -> list[str]:
    return ["", title, "-" * len(title), *body]


def _ordered(counts: Mapping[str, int], keys: Sequence[str]) -> list[list[str]]:
    # Known keys in their usual order first, then anything unexpected found in the database.
    order = [*keys, *sorted(set(counts) - set(keys))]
    return [[key, str(counts.get(key, 0))] for key in order]


def _group_rows(groups: Sequence[UnansweredGroup]) -> list[list[str]]:
    return [[str(g.count), " ".join(g.terms) or "(no words)", _clip(g.example, 50)] for g in groups]


def render_report_text(report: Report) -> str:
    """The report as plain text with headings and aligned columns."""
    lines = ["Verbatim question report", _period_line(report)]
    if not report.enabled:
        lines += ["", "Question logging is off (enabled=False): nothing is recorded to report."]
        return "\n".join(lines) + "\n"
    if not report.available:
        lines += [
            "",
            "The question log could not be read; see the 'verbatim.store' warnings in the log.",
        ]
        return "\n".join(lines) + "\n"

    totals = [["all questions", str(report.total)], *_ordered(report.by_status, STATUSES)]
    lines += _section("Totals by status", _table(["status", "count"], totals, {1}))
    lines += _section(
        "Totals by channel",
        _table(["channel", "count"], _ordered(report.by_channel, CHANNELS), {1}),
    )
    jurisdictions = _ordered(report.by_jurisdiction, [*JURISDICTIONS, "none"])
    lines += _section(
        "Questions per jurisdiction", _table(["jurisdiction", "count"], jurisdictions, {1})
    )
    # Plain words, not emoji: emoji are two columns wide in terminals and would break alignment.
    votes = [["up", str(report.votes_up)], ["down", str(report.votes_down)]]
    lines += _section("Feedback votes", _table(["vote", "count"], votes, {1}))

    unanswered = _group_rows(report.unanswered)
    title = "Most frequent unanswered questions"
    if report.unanswered_grouped < report.by_status.get("no_answer", 0):
        title += f" (newest {report.unanswered_grouped} grouped)"
    lines += _section(title, _table(["count", "terms", "example"], unanswered, {0}))
    related = _group_rows(report.related)
    lines += _section(
        "Most frequent questions answered only with related passages (words the lexicon may lack)",
        _table(["count", "terms", "example"], related, {0}),
    )

    downvoted = [
        [str(a.down), str(a.up), str(a.question_id), ", ".join(a.passage_ids) or "-", _clip(a.text)]
        for a in report.downvoted
    ]
    lines += _section(
        "Most downvoted answers",
        _table(["down", "up", "id", "passages", "question"], downvoted, {0, 1, 2}),
    )
    passages = [[str(p.count), p.passage_id] for p in report.top_passages]
    lines += _section("Most quoted passages", _table(["count", "passage"], passages, {0}))
    return "\n".join(lines) + "\n"
