"""The question log (bot.questionlog): the SQLite store, its background writer and the report."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import stat
import threading
from collections.abc import Iterator, Sequence
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.questionlog.report import (
    build_report,
    parse_since,
    render_report_text,
)
from bot.questionlog.store import (
    DB_FILENAME,
    SALT_FILENAME,
    SCHEMA_VERSION,
    Channel,
    QuestionLog,
    Status,
)
from bot.questionlog.writer import AsyncQuestionLog

START = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


class FakeClock:
    """A settable clock, so retention and report periods can be tested without waiting."""

    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def log(tmp_path: Path, clock: FakeClock) -> Iterator[QuestionLog]:
    qlog = QuestionLog(tmp_path / "data", clock=clock, salt=b"test-salt")
    yield qlog
    qlog.close()


def store_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [
        r for r in caplog.records if r.name == "verbatim.store" and r.levelno == logging.WARNING
    ]


def ask(
    qlog: QuestionLog,
    text: str,
    status: Status = "answered",
    *,
    channel: Channel = "slash",
    jurisdictions: Sequence[str] = (),
    passages: Sequence[str] = (),
    user: int | None = None,
) -> int:
    qid = qlog.record(
        text,
        channel=channel,
        status=status,
        jurisdictions=jurisdictions,
        passage_ids=passages,
        user_id=user,
    )
    assert qid is not None
    return qid


def total(qlog: QuestionLog) -> int:
    stats = qlog.stats()
    assert stats is not None
    return stats.total


# --- recording, feedback and report figures -----------------------------------------------------


def test_record_feedback_and_report_figures(log: QuestionLog) -> None:
    q1 = ask(log, "Does the EU AI Act exempt open models?", jurisdictions=["EU"], passages=["eu-1"])
    q2 = ask(
        log,
        "Compare US and EU rules",
        channel="dm",
        jurisdictions=["US", "EU"],
        passages=["us-3", "eu-1", "eu-2"],
    )
    ask(log, "What about the UK?", "no_answer", channel="mention")
    ask(log, "asdf", "invalid", channel="cli")
    assert q2 > q1

    assert log.feedback(q2, user_id=10, vote="up")
    assert log.feedback(q2, user_id=10, vote="down")  # replaces the 👍, not a second vote
    assert log.feedback(q2, user_id=11, vote="down")
    assert log.feedback(q1, user_id=10, vote="down")
    assert log.feedback(q1, user_id=11, vote="up")
    assert not log.feedback(9999, user_id=10, vote="up")  # no such question

    report = build_report(log, None)
    assert report.enabled and report.available
    assert report.total == 4
    assert report.by_status == {"answered": 2, "no_answer": 1, "invalid": 1}
    assert report.by_channel == {"slash": 1, "dm": 1, "mention": 1, "cli": 1}
    assert report.by_jurisdiction == {"US": 1, "EU": 2, "China": 0, "none": 2}
    assert (report.votes_up, report.votes_down) == (1, 3)

    worst, second = report.downvoted
    assert (worst.question_id, worst.down, worst.up) == (q2, 2, 0)
    assert worst.passage_ids == ("us-3", "eu-1", "eu-2")  # quoting order kept
    assert worst.text == "Compare US and EU rules"
    assert (second.question_id, second.down, second.up) == (q1, 1, 1)

    assert [(p.passage_id, p.count) for p in report.top_passages] == [
        ("eu-1", 2),
        ("eu-2", 1),
        ("us-3", 1),
    ]
    assert [(g.terms, g.count) for g in report.unanswered] == [(("uk",), 1)]


def test_unanswered_questions_group_by_normalised_terms(log: QuestionLog) -> None:
    ask(log, "What about the UK?", "no_answer")
    ask(log, "What about Brazil?", "no_answer")
    ask(log, "what about the uk", "no_answer")
    ask(log, "What about the UK?", "answered")  # answered: not an unanswered question

    groups = build_report(log, None).unanswered
    assert [(g.terms, g.count) for g in groups] == [(("uk",), 2), (("brazil",), 1)]
    assert groups[0].example == "what about the uk"  # the latest wording


def test_report_uses_the_normaliser_it_is_given(log: QuestionLog) -> None:
    ask(log, "open weights?", "no_answer")
    ask(log, "open source?", "no_answer")

    def first_word(text: str) -> tuple[str, ...]:
        return (text.split()[0],)

    groups = build_report(log, None, normalise=first_word).unanswered
    assert [(g.terms, g.count) for g in groups] == [(("open",), 2)]


def test_report_period_excludes_older_questions(log: QuestionLog, clock: FakeClock) -> None:
    ask(log, "old question", "no_answer")
    clock.advance(days=10)
    ask(log, "new question", "no_answer")

    week = build_report(log, timedelta(days=7))
    assert week.total == 1
    assert week.unanswered[0].example == "new question"
    assert week.since == clock.now - timedelta(days=7)
    assert build_report(log, None).total == 2


def test_render_report_text(log: QuestionLog, clock: FakeClock) -> None:
    qid = ask(log, "Is Llama open source?", jurisdictions=["US"], passages=["us-7"])
    log.feedback(qid, user_id=1, vote="down")
    ask(log, "What about the UK?", "no_answer")

    text = render_report_text(build_report(log, timedelta(days=7)))
    for heading in (
        "Totals by status",
        "Totals by channel",
        "Questions per jurisdiction",
        "Most frequent unanswered questions",
        "Most downvoted answers",
        "Most quoted passages",
    ):
        assert heading in text
    assert "last 1 week" in text
    assert "2024-04-24 12:00 UTC to 2024-05-01 12:00 UTC" in text
    lines = text.splitlines()
    # Aligned columns: numbers right-aligned under their header.
    header = lines.index("  status         count")
    assert lines[header + 1 : header + 3] == ["  all questions      2", "  answered           1"]
    assert any("us-7" in line and "Is Llama open source?" in line for line in lines)
    assert all(line == line.rstrip() for line in lines)


# --- settings -----------------------------------------------------------------------------------


def test_logging_disabled_writes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    qlog = QuestionLog(data, enabled=False)
    assert qlog.record("hello", channel="slash", status="answered", user_id=1) is None
    assert qlog.feedback(1, user_id=1, vote="up") is False
    assert qlog.forget_user(1) == 0
    report = build_report(qlog, None)
    qlog.close()

    assert not data.exists()
    assert not report.enabled
    assert "logging is off" in render_report_text(report)


async def test_logging_disabled_async(tmp_path: Path) -> None:
    alog = AsyncQuestionLog(QuestionLog(tmp_path / "data", enabled=False))
    assert await alog.record("hi", channel="dm", status="answered") is None
    assert await alog.feedback(1, user_id=1, vote="up") is False
    await alog.aclose()
    assert not (tmp_path / "data").exists()


def test_retention_deletes_old_rows_on_open(tmp_path: Path, clock: FakeClock) -> None:
    with QuestionLog(tmp_path, clock=clock) as qlog:
        old = ask(qlog, "old", user=1)
        qlog.feedback(old, user_id=2, vote="down")
        clock.advance(days=5)
        ask(qlog, "recent")
    clock.advance(days=3)  # "old" is now 8 days old, "recent" 3

    with QuestionLog(tmp_path, clock=clock, retention_days=7) as qlog:
        report = build_report(qlog, None)
    assert report.total == 1
    assert report.downvoted == ()  # the vote went with its question


def test_retention_on_write_runs_at_most_hourly(tmp_path: Path, clock: FakeClock) -> None:
    with QuestionLog(tmp_path, clock=clock, retention_days=1) as qlog:
        ask(qlog, "first")  # purge ran on open, at START
        clock.advance(hours=23, minutes=50)
        ask(qlog, "second")  # purge runs (an hour has passed) but "first" is not yet a day old
        assert total(qlog) == 2
        clock.advance(minutes=20)  # "first" is now expired, but the last purge was 20 min ago
        ask(qlog, "third")
        assert total(qlog) == 3
        clock.advance(hours=1)
        ask(qlog, "fourth")  # an hour since the last purge: "first" goes
        assert total(qlog) == 3


@pytest.mark.parametrize("days", [0, None])
def test_retention_zero_or_none_keeps_everything(
    tmp_path: Path, clock: FakeClock, days: int | None
) -> None:
    with QuestionLog(tmp_path, clock=clock, retention_days=days) as qlog:
        ask(qlog, "ancient")
        clock.advance(days=3650)
        ask(qlog, "today")
        assert total(qlog) == 2


# --- schema -------------------------------------------------------------------------------------

# The v1 schema frozen as shipped: the migration must keep working from exactly this.
V1_SQL = """
CREATE TABLE questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    asked_at TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE question_jurisdictions (
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    jurisdiction TEXT NOT NULL,
    PRIMARY KEY (question_id, jurisdiction)
);
CREATE TABLE question_passages (
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    passage_id TEXT NOT NULL,
    PRIMARY KEY (question_id, position)
);
CREATE TABLE feedback (
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    user_hash TEXT NOT NULL,
    vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    voted_at TEXT NOT NULL,
    PRIMARY KEY (question_id, user_hash)
);
CREATE INDEX questions_asked_at ON questions (asked_at);
INSERT INTO questions (asked_at, channel, status, text)
    VALUES ('2024-04-30T09:00:00.000000Z', 'slash', 'no_answer', 'What about Japan?');
INSERT INTO question_passages VALUES (1, 0, 'eu-9');
INSERT INTO feedback VALUES (1, 'somehash', -1, '2024-04-30T09:01:00.000000Z');
PRAGMA user_version = 1;
"""


def test_migrates_a_version_1_database(tmp_path: Path, clock: FakeClock) -> None:
    conn = sqlite3.connect(tmp_path / DB_FILENAME)
    conn.executescript(V1_SQL)
    conn.close()

    with QuestionLog(tmp_path, clock=clock) as qlog:
        new = ask(qlog, "What about Japan?", "no_answer", user=42)
        report = build_report(qlog, None)
        assert qlog.forget_user(42) == 1  # v2's user_hash column at work

    conn = sqlite3.connect(tmp_path / DB_FILENAME)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    columns = {row[1] for row in conn.execute("PRAGMA table_info(questions)")}
    assert {"user_hash", "confidence"} <= columns
    assert conn.execute("SELECT id, text FROM questions").fetchall() == [(1, "What about Japan?")]
    conn.close()

    assert new == 2
    assert report.total == 2
    assert [(g.terms, g.count) for g in report.unanswered] == [(("japan",), 2)]
    assert report.downvoted[0].passage_ids == ("eu-9",)


def test_fresh_database_is_at_current_version(log: QuestionLog) -> None:
    ask(log, "hello")
    with closing(sqlite3.connect(log.path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_schema_is_left_alone(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    conn = sqlite3.connect(tmp_path / DB_FILENAME)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with QuestionLog(tmp_path) as qlog:
        assert qlog.record("hi", channel="cli", status="answered") is None
    assert len(store_warnings(caplog)) == 1
    assert "newer" in store_warnings(caplog)[0].getMessage()


# --- privacy ------------------------------------------------------------------------------------


def test_user_ids_are_stored_only_as_salted_hashes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    user = 987654321098765432
    with QuestionLog(data) as qlog:
        qid = ask(qlog, "Who regulates open models?", user=user)
        assert qlog.feedback(qid, user_id=user, vote="up")
        with closing(sqlite3.connect(qlog.path)) as conn:
            hashes = [
                row[0]
                for row in conn.execute(
                    "SELECT user_hash FROM questions UNION SELECT user_hash FROM feedback"
                )
            ]
        raw = b"".join(p.read_bytes() for p in data.iterdir() if p.name.startswith(DB_FILENAME))
    assert str(user).encode() not in raw
    assert user.to_bytes(8, "big") not in raw and user.to_bytes(8, "little") not in raw

    salt_file = data / SALT_FILENAME
    assert stat.S_IMODE(salt_file.stat().st_mode) == 0o600
    assert len(bytes.fromhex(salt_file.read_text())) == 32
    assert len(hashes) == 1 and len(hashes[0]) == 64  # same user, same hash; sha256 hex

    # A different salt gives a different hash: the hash can't be matched across deployments.
    other = tmp_path / "other"
    with QuestionLog(other, salt="another salt") as qlog:
        ask(qlog, "x", user=user)
    with closing(sqlite3.connect(other / DB_FILENAME)) as conn:
        other_hash = conn.execute("SELECT user_hash FROM questions").fetchone()[0]
    assert other_hash != hashes[0]


def test_salt_file_is_reused(tmp_path: Path) -> None:
    with QuestionLog(tmp_path) as qlog:
        ask(qlog, "first", user=7)
    salt = (tmp_path / SALT_FILENAME).read_text()
    with QuestionLog(tmp_path) as qlog:
        ask(qlog, "second", user=7)
        assert qlog.forget_user(7) == 2  # both questions: the same salt hashed them alike
    assert (tmp_path / SALT_FILENAME).read_text() == salt


def test_forget_user_deletes_their_questions_and_votes(log: QuestionLog) -> None:
    mine = ask(log, "mine", user=1)
    theirs = ask(log, "theirs", user=2)
    log.feedback(theirs, user_id=1, vote="down")
    log.feedback(theirs, user_id=2, vote="up")

    assert log.forget_user(1) == 2  # one question, one vote
    report = build_report(log, None)
    assert report.total == 1
    assert (report.votes_up, report.votes_down) == (1, 0)
    assert not log.feedback(mine, user_id=3, vote="up")  # the question is gone


# --- failures never reach the caller ------------------------------------------------------------


def test_unwritable_data_dir(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a regular file")
    with QuestionLog(blocker / "data") as qlog:
        assert qlog.record("q1", channel="slash", status="answered", user_id=1) is None
        assert qlog.record("q2", channel="slash", status="answered") is None
        assert qlog.feedback(1, user_id=1, vote="up") is False
        assert qlog.stats() is None
        report = build_report(qlog, None)
        # Backoff: no reopen attempt per question.
        assert qlog._failures.counts() == {"unwritable": 1}
    warnings = store_warnings(caplog)
    assert len(warnings) == 1
    assert "unwritable" in warnings[0].getMessage()
    assert report.enabled and not report.available
    assert "could not be read" in render_report_text(report)


def test_corrupt_database_file(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / DB_FILENAME).write_bytes(os.urandom(8192))
    with QuestionLog(tmp_path) as qlog:
        for _ in range(3):
            assert qlog.record("q", channel="slash", status="answered") is None
    warnings = store_warnings(caplog)
    assert len(warnings) == 1
    assert "corrupt" in warnings[0].getMessage()


async def test_unwritable_data_dir_async(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    alog = AsyncQuestionLog(QuestionLog(blocker / "data"), record_timeout=1.0)
    for _ in range(3):
        assert await alog.record("q", channel="dm", status="answered") is None
    assert await alog.forget_user(1) is None
    await alog.aclose()
    assert len(store_warnings(caplog)) == 1


async def test_locked_database_does_not_hold_up_record(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A write waits up to a minute for the lock, so while we hold it no write can finish:
    # record() returning at all shows it did not wait for the disk. No stopwatch: the outer
    # wait_for only turns a hang into a failure, far above any machine's scheduling.
    qlog = QuestionLog(tmp_path, busy_timeout=60.0)
    alog = AsyncQuestionLog(qlog, record_timeout=0.05)
    assert await alog.record("before", channel="slash", status="answered") is not None

    other = sqlite3.connect(tmp_path / DB_FILENAME, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        for _ in range(2):
            during = alog.record("during", channel="slash", status="answered")
            assert await asyncio.wait_for(during, timeout=30) is None
    finally:
        other.rollback()
        other.close()
    await alog.flush()  # the waiting writes take the lock once it is free: nothing is lost
    assert await alog.record("after", channel="slash", status="answered") is not None
    await alog.flush()
    assert total(qlog) == 4
    await alog.aclose()
    kinds = [r.getMessage().split(" (")[0] for r in store_warnings(caplog)]
    # One warning, not one per question.
    assert kinds == ["question log: slow write"]


def test_a_lock_held_past_the_busy_timeout_costs_the_row_and_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    qlog = QuestionLog(tmp_path, busy_timeout=0.05)
    assert qlog.record("before", channel="slash", status="answered") is not None
    other = sqlite3.connect(tmp_path / DB_FILENAME, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        for _ in range(2):
            assert qlog.record("during", channel="slash", status="answered") is None
    finally:
        other.rollback()
        other.close()
    # A lock passes: the next question is recorded without waiting out a backoff.
    assert qlog.record("after", channel="slash", status="answered") is not None
    assert total(qlog) == 2
    qlog.close()
    assert qlog._failures.counts() == {"locked": 2}
    kinds = [r.getMessage().split(" (")[0] for r in store_warnings(caplog)]
    assert kinds == ["question log: locked"]


def test_what_sqlite_cannot_store_never_costs_the_answer(
    log: QuestionLog, caplog: pytest.LogCaptureFixture
) -> None:
    # Lone surrogates (callers clean them away; the log must not depend on it) are kept as
    # U+FFFD; an id past SQLite's 64 bits fails its own row only, with one warning.
    qid = ask(log, "What is \ud800RLHF?\udcff")
    assert log.record("\udfff", channel="dm", status="invalid") is not None
    assert log.feedback(2**70, user_id=1, vote="up") is False
    assert log.feedback(2**70, user_id=1, vote="down") is False
    assert log.feedback(qid, user_id=1, vote="up") is True  # no backoff after the overflow
    stats = log.stats(max_unanswered=10)
    assert stats is not None and stats.total == 2 and stats.votes_up == 1
    with closing(sqlite3.connect(log.path)) as conn:
        texts = [t for (t,) in conn.execute("SELECT text FROM questions ORDER BY id")]
    assert texts == ["What is \ufffdRLHF?\ufffd", "\ufffd"]
    assert log._failures.counts() == {"unstorable": 2}
    assert len(store_warnings(caplog)) == 1


async def test_async_log_takes_any_text_and_answers_go_on(tmp_path: Path) -> None:
    async with AsyncQuestionLog(QuestionLog(tmp_path), record_timeout=30.0) as alog:
        assert await alog.record("\ud800", channel="slash", status="invalid") is not None
        assert await alog.feedback(2**70, user_id=1, vote="up") is True  # queued, not raised
        await alog.flush()
        assert alog.log._failures.counts() == {"unstorable": 1}


async def test_queue_overflow_is_bounded(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    gate = threading.Event()

    class GatedLog(QuestionLog):
        """Holds every write until the gate opens, like a disk that stalls."""

        def record(self, *args: object, **kwargs: object) -> int | None:
            gate.wait(5)
            return super().record(*args, **kwargs)  # type: ignore[arg-type]

    alog = AsyncQuestionLog(GatedLog(tmp_path), max_queue=3, record_timeout=0.01)
    results = [await alog.record(f"q{i}", channel="cli", status="answered") for i in range(20)]
    assert results == [None] * 20
    # At most one write in the worker's hands plus three queued; the rest are dropped.
    assert alog.dropped >= 20 - 3 - 1
    assert alog._queue.qsize() <= 3
    gate.set()
    await alog.flush()
    report = build_report(alog.log, None)
    await alog.aclose()

    assert report.total == 20 - alog.dropped  # everything accepted was written
    messages = [r.getMessage() for r in store_warnings(caplog)]
    assert sum("queue full" in m for m in messages) == 1


async def test_async_record_returns_ids_and_feedback_lands(tmp_path: Path) -> None:
    async with AsyncQuestionLog(QuestionLog(tmp_path), record_timeout=2.0) as alog:
        qid = await alog.record("q", channel="slash", status="answered", passage_ids=["p"])
        assert isinstance(qid, int)
        assert await alog.feedback(qid, user_id=5, vote="down")
        await alog.flush()
        report = await asyncio.to_thread(build_report, alog.log, None)
    assert report.downvoted[0].question_id == qid


def test_bad_arguments_raise(log: QuestionLog) -> None:
    with pytest.raises(ValueError, match="channel"):
        log.record("q", channel="sms", status="answered")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="jurisdictions"):
        log.record("q", channel="dm", status="answered", jurisdictions=["UK"])
    with pytest.raises(ValueError, match="vote"):
        log.feedback(1, user_id=1, vote="meh")  # type: ignore[arg-type]


# --- parse_since --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", timedelta(days=7)),
        ("24h", timedelta(hours=24)),
        ("30m", timedelta(minutes=30)),
        ("2w", timedelta(weeks=2)),
        (" 3D ", timedelta(days=3)),
    ],
)
def test_parse_since(text: str, expected: timedelta) -> None:
    assert parse_since(text) == expected


@pytest.mark.parametrize("text", ["", "7", "d", "7x", "-1d", "0d", "1.5h", "7 days", "9999999w"])
def test_parse_since_rejects_bad_values(text: str) -> None:
    with pytest.raises(ValueError, match=r"invalid period .*e\.g\. '30m', '24h', '7d' or '2w'"):
        parse_since(text)


def test_questions_answered_only_with_related_passages_are_grouped(
    tmp_path: Path, clock: FakeClock
) -> None:
    with QuestionLog(tmp_path, clock=clock) as qlog:
        for text in ("How big is Llama 2's training set?", "how big is llama 2 training set"):
            qlog.record(text, channel="cli", status="answered", confidence="low")
        qlog.record(
            "What does the EU AI Act exempt?", channel="cli", status="answered", confidence="high"
        )
        report = build_report(qlog, None)
    assert [(g.count, g.example) for g in report.related] == [
        (2, "how big is llama 2 training set")
    ]
    assert "answered only with related passages" in render_report_text(report)


def test_an_unknown_confidence_is_refused(tmp_path: Path) -> None:
    with QuestionLog(tmp_path) as qlog, pytest.raises(ValueError, match="confidence"):
        qlog.record("q", channel="cli", status="answered", confidence="medium")  # type: ignore[arg-type]
