"""SQLite log of questions and 👍/👎 feedback that never gets in the way of answering."""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar

from corpus.types import JURISDICTIONS
from retrieval.types import Confidence, Status

if TYPE_CHECKING:
    from bot.settings import Settings

__all__ = [
    "CHANNELS",
    "DB_FILENAME",
    "JURISDICTIONS",
    "MIGRATIONS",
    "SALT_FILENAME",
    "SCHEMA_VERSION",
    "STATUSES",
    "VOTES",
    "Channel",
    "DownvotedAnswer",
    "LogStats",
    "QuestionLog",
    "Status",
    "Vote",
    "check_question",
    "check_vote",
    "utc_now",
]

logger = logging.getLogger("verbatim.store")

T = TypeVar("T")

Channel = Literal["slash", "dm", "mention", "cli"]
Vote = Literal["up", "down"]

CHANNELS: Final[tuple[Channel, ...]] = ("slash", "dm", "mention", "cli")
STATUSES: Final[tuple[Status, ...]] = ("answered", "no_answer", "invalid")
CONFIDENCES: Final[tuple[Confidence | None, ...]] = ("high", "low", None)
VOTES: Final[tuple[Vote, ...]] = ("up", "down")

DB_FILENAME: Final = "verbatim.sqlite3"
SALT_FILENAME: Final = "verbatim.salt"

# Row-size bounds: a question is one chat message, and an answer quotes a handful of passages.
MAX_TEXT_CHARS: Final = 4000
MAX_PASSAGES: Final = 100

PURGE_INTERVAL: Final = timedelta(hours=1)
# After a hard failure (corrupt file, unwritable dir) don't retry opening on every question.
REOPEN_BACKOFF_SECONDS: Final = 30.0

_TIMESTAMP_FORMAT: Final = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC (the default clock)."""
    return datetime.now(UTC)


def _utc(moment: datetime) -> datetime:
    # Naive datetimes are taken as UTC so an injected test clock can stay simple.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _timestamp(moment: datetime) -> str:
    # Fixed-width ISO text sorts chronologically, so period filters are plain string comparisons.
    return _utc(moment).strftime(_TIMESTAMP_FORMAT)


def _parse_timestamp(text: str) -> datetime:
    return datetime.strptime(text, _TIMESTAMP_FORMAT).replace(tzinfo=UTC)


# --- schema -------------------------------------------------------------------------------------

Migration = Callable[[sqlite3.Connection], None]


def _sql(*statements: str) -> Migration:
    """A migration made of SQL statements, run in order inside the migration transaction."""

    def apply(conn: sqlite3.Connection) -> None:
        # Not executescript(): it commits first, which would break the all-or-nothing upgrade.
        for statement in statements:
            conn.execute(statement)

    return apply


# Entry N upgrades a database from version N to N + 1 (PRAGMA user_version). Append, never edit:
# databases in the field were built by the entries as they were.
MIGRATIONS: Final[tuple[Migration, ...]] = (
    # v1: questions, the jurisdictions they touched, the passages quoted, and one vote per user.
    _sql(
        """CREATE TABLE questions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            asked_at TEXT NOT NULL,
            channel TEXT NOT NULL,
            status TEXT NOT NULL,
            text TEXT NOT NULL
        )""",
        """CREATE TABLE question_jurisdictions (
            question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
            jurisdiction TEXT NOT NULL,
            PRIMARY KEY (question_id, jurisdiction)
        )""",
        """CREATE TABLE question_passages (
            question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            passage_id TEXT NOT NULL,
            PRIMARY KEY (question_id, position)
        )""",
        """CREATE TABLE feedback (
            question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
            user_hash TEXT NOT NULL,
            vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
            voted_at TEXT NOT NULL,
            PRIMARY KEY (question_id, user_hash)
        )""",
        "CREATE INDEX questions_asked_at ON questions (asked_at)",
    ),
    # v2: a salted hash of who asked, so forget_user can delete a user's questions, not only votes.
    _sql(
        "ALTER TABLE questions ADD COLUMN user_hash TEXT",
        "CREATE INDEX questions_user_hash ON questions (user_hash)",
        "CREATE INDEX feedback_user_hash ON feedback (user_hash)",
    ),
    # v3: how sure an answer was ("high", "low"; NULL when not answered or logged before v3),
    # so a maintainer sees the questions answered only with related passages.
    _sql("ALTER TABLE questions ADD COLUMN confidence TEXT"),
)
SCHEMA_VERSION: Final = len(MIGRATIONS)


class _StoreError(Exception):
    """A store problem that is not an sqlite3/OS error but must be handled like one."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(detail)
        self.kind = kind


@contextmanager
def _transaction(conn: sqlite3.Connection, begin: str = "BEGIN IMMEDIATE") -> Iterator[None]:
    # IMMEDIATE takes the write lock up front, so a busy database fails at BEGIN, not mid-write.
    conn.execute(begin)
    try:
        yield
    except BaseException:
        # SQLite may already have rolled back (e.g. on SQLITE_FULL); keep the original error.
        if conn.in_transaction:
            with suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema up to SCHEMA_VERSION in one transaction: all migrations or none."""
    with _transaction(conn):
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise _StoreError(
                "schema too new",
                f"database schema v{version} is newer than this bot (v{SCHEMA_VERSION})",
            )
        for migration in MIGRATIONS[version:]:
            migration(conn)
        if version != SCHEMA_VERSION:
            # PRAGMA takes no parameters; SCHEMA_VERSION is our own int.
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


# --- salt ---------------------------------------------------------------------------------------


def _salt_bytes(salt: bytes | str) -> bytes:
    value = salt.encode("utf-8") if isinstance(salt, str) else salt
    if not value:
        raise ValueError("salt must not be empty")
    return value


def _read_salt(path: Path) -> bytes:
    text = path.read_text(encoding="ascii", errors="replace").strip()
    try:
        salt = bytes.fromhex(text)
    except ValueError:
        salt = b""
    if len(salt) < 16:
        raise _StoreError(
            "bad salt file", f"{path} does not hold a hex salt; remove it to start a new one"
        )
    return salt


def _load_or_create_salt(path: Path) -> bytes:
    """Read the salt file, creating it (random, mode 0600) the first time."""
    with suppress(FileNotFoundError):
        return _read_salt(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        # link() refuses to overwrite: if another process got there first, its salt wins and
        # both processes hash users the same way. A reader never sees a half-written file.
        with suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return _read_salt(path)


# --- failures -----------------------------------------------------------------------------------

_HINTS: Final[Mapping[str, str]] = {
    "locked": "another process holds the database lock",
    "full": "the disk is full",
    "read-only": "the database is read-only",
    "corrupt": "the database file is damaged or not an SQLite database",
    "unwritable": "the data directory or database file cannot be written",
    "queue full": "writes are arriving faster than the disk takes them",
    "unstorable": "a value SQLite cannot store (text UTF-8 cannot encode, an integer too large)",
    "slow write": "a write took too long, so the answer went out without feedback buttons",
}


_SURROGATE = re.compile("[\ud800-\udfff]")


def _storable(text: str) -> str:
    """``text`` as UTF-8 can hold it: a lone surrogate (callers should have cleaned it away)
    becomes U+FFFD rather than failing the insert."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def _classify(exc: BaseException) -> tuple[str, str]:
    """Map a storage exception to one of a few failure kinds (plus its message)."""
    detail = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, _StoreError):
        return exc.kind, str(exc)
    if isinstance(exc, OSError):
        return "unwritable", detail
    if isinstance(exc, UnicodeError | OverflowError):
        return "unstorable", detail
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    message = str(exc).lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in message:
        return "locked", detail
    if name.startswith("SQLITE_FULL") or "full" in message:
        return "full", detail
    if name.startswith("SQLITE_READONLY") or "readonly" in message:
        return "read-only", detail
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "not a database" in message:
        return "corrupt", detail
    if "malformed" in message:
        return "corrupt", detail
    if name.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_PERM", "SQLITE_AUTH")):
        return "unwritable", detail
    if "unable to open" in message or "disk i/o" in message:
        return "unwritable", detail
    return "error", detail


class _Failures:
    """Counts storage failures and warns once per kind, so a broken disk can't flood the log."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # Keys come from _classify's fixed set of kinds, so this stays small.
        self._counts: dict[str, int] = {}

    def note(self, kind: str, detail: str) -> None:
        with self._lock:
            first = kind not in self._counts
            self._counts[kind] = self._counts.get(kind, 0) + 1
        if first:
            hint = _HINTS.get(kind, "unexpected storage error")
            logger.warning(
                "question log: %s (%s: %s); the bot keeps answering but this is not recorded. "
                "Further %r failures are counted, not logged.",
                kind,
                hint,
                detail,
                kind,
            )

    def counts(self) -> dict[str, int]:
        with self._lock:
            return dict(self._counts)


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DownvotedAnswer:
    """An answer that got at least one 👎, with what it quoted."""

    question_id: int
    text: str
    passage_ids: tuple[str, ...]
    down: int
    up: int
    asked_at: datetime


@dataclass(frozen=True)
class LogStats:
    """Raw figures for one period, read in a single snapshot; report.py turns them into a Report."""

    by_status: Mapping[str, int]
    by_channel: Mapping[str, int]
    by_jurisdiction: Mapping[str, int]
    top_passages: tuple[tuple[str, int], ...]
    downvoted: tuple[DownvotedAnswer, ...]
    # Texts of no_answer questions, newest first, at most max_unanswered of them.
    unanswered_texts: tuple[str, ...]
    # Texts of questions answered only with related passages (low confidence), likewise.
    related_texts: tuple[str, ...]
    votes_up: int
    votes_down: int

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def check_question(
    channel: str, status: str, jurisdictions: Sequence[str], confidence: str | None = None
) -> None:
    """Reject values outside the documented sets; a typo should fail in tests, not skew reports."""
    if confidence not in CONFIDENCES:
        raise ValueError(f"unknown confidence {confidence!r}; expected one of {CONFIDENCES}")
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel kind {channel!r}; expected one of {CHANNELS}")
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}; expected one of {STATUSES}")
    unknown = [j for j in jurisdictions if j not in JURISDICTIONS]
    if unknown:
        raise ValueError(f"unknown jurisdictions {unknown!r}; expected some of {JURISDICTIONS}")


def check_vote(vote: str) -> None:
    """Reject a vote other than up or down."""
    if vote not in VOTES:
        raise ValueError(f"unknown vote {vote!r}; expected one of {VOTES}")


# --- the log ------------------------------------------------------------------------------------


class QuestionLog:
    """Synchronous question/feedback log; storage failures are logged once and never raised.

    Thread-safe (one connection behind a lock). From asyncio code use
    bot.questionlog.writer.AsyncQuestionLog for writes and ``asyncio.to_thread`` for reads,
    since a locked database can make a call wait for up to ``busy_timeout`` seconds.
    """

    def __init__(
        self,
        data_dir: str | os.PathLike[str],
        *,
        enabled: bool = True,
        retention_days: int | None = None,
        salt: bytes | str | None = None,
        busy_timeout: float = 2.0,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        if retention_days is not None and retention_days < 0:
            raise ValueError(f"retention_days must be >= 0 or None, got {retention_days}")
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / DB_FILENAME
        self.enabled = enabled
        # 0 and None both mean "keep forever".
        self.retention = timedelta(days=retention_days) if retention_days else None
        self._salt = _salt_bytes(salt) if salt is not None else None
        self._busy_timeout = busy_timeout
        self._clock = clock
        self._failures = _Failures()
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._retry_at = 0.0
        self._last_purge: datetime | None = None
        self._closed = False

    @classmethod
    def from_settings(cls, settings: Settings) -> QuestionLog:
        """The log where the settings keep it, with their retention: how every command opens it."""
        return cls(
            settings.data_folder,
            enabled=settings.question_log,
            retention_days=settings.retention_days,
        )

    # -- public API --

    def now(self) -> datetime:
        """The log's clock (injectable for tests), in UTC."""
        return _utc(self._clock())

    def record(
        self,
        text: str,
        *,
        channel: Channel,
        status: Status,
        jurisdictions: Sequence[str] = (),
        passage_ids: Sequence[str] = (),
        user_id: int | str | None = None,
        confidence: Confidence | None = None,
    ) -> int | None:
        """Log a question; returns its id, or None if logging is off or storage failed."""
        check_question(channel, status, jurisdictions, confidence)
        if not self.enabled:
            return None
        action = partial(
            self._insert_question,
            text=_storable(text[:MAX_TEXT_CHARS]),
            channel=channel,
            status=status,
            jurisdictions=tuple(dict.fromkeys(jurisdictions)),
            passage_ids=tuple(passage_ids)[:MAX_PASSAGES],
            user_id=user_id,
            confidence=confidence,
        )
        return self._call(action)

    def feedback(self, question_id: int, user_id: int | str, vote: Vote) -> bool:
        """Store a user's 👍/👎 on a question, replacing their earlier vote; False if not stored."""
        check_vote(vote)
        if not self.enabled:
            return False
        return self._call(lambda conn: self._upsert_vote(conn, question_id, user_id, vote)) is True

    def forget_user(self, user_id: int | str) -> int | None:
        """Delete a user's questions and votes; returns rows deleted, or None if storage failed."""
        # Works with logging off too: turning logging off must not strand earlier data.
        if not self.enabled and not self.path.exists():
            return 0
        return self._call(lambda conn: self._delete_user(conn, user_id), create=self.enabled)

    def stats(
        self, since: datetime | None = None, *, limit: int = 10, max_unanswered: int = 10_000
    ) -> LogStats | None:
        """Figures for questions asked at or after ``since``; None if logging is off or failed."""
        if not self.enabled:
            return None
        start = _timestamp(since) if since is not None else ""
        return self._call(lambda conn: self._read_stats(conn, start, limit, max_unanswered))

    def close(self) -> None:
        """Close the database; later calls do nothing and return None/False."""
        with self._lock:
            self._closed = True
            self._drop_connection()

    def __enter__(self) -> QuestionLog:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- connection handling --

    def _call(self, action: Callable[[sqlite3.Connection], T], *, create: bool = True) -> T | None:
        """Run ``action`` on the connection; storage failures become one warning and None."""
        with self._lock:
            try:
                conn = self._connection(create=create)
                return None if conn is None else action(conn)
            # UnicodeError, OverflowError: what a caller handed us (a lone surrogate, a
            # button's id past 64 bits) must cost at most its row, never the answer.
            except (sqlite3.Error, OSError, _StoreError, UnicodeError, OverflowError) as exc:
                self._fail(exc)
                return None

    def _connection(self, *, create: bool) -> sqlite3.Connection | None:
        if self._conn is not None:
            return self._conn
        if self._closed or time.monotonic() < self._retry_at:
            return None
        if not create and not self.path.exists():
            return None
        self._conn = self._open(create=create)
        return self._conn

    def _open(self, *, create: bool) -> sqlite3.Connection:
        if create:
            self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            # Create the file ourselves so it is private; SQLite gives -wal/-shm the same mode.
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600))
        salt = self._salt or _load_or_create_salt(self.data_dir / SALT_FILENAME)
        conn = sqlite3.connect(
            f"{self.path.resolve().as_uri()}?mode=rw",
            uri=True,
            timeout=self._busy_timeout,
            isolation_level=None,  # we issue BEGIN/COMMIT ourselves
            check_same_thread=False,  # the lock serialises use across threads
        )
        try:
            # WAL lets reports read while the bot writes; NORMAL sync is safe with WAL.
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            # Deleted rows (retention, forget_user) are zeroed, not left in free pages.
            conn.execute("PRAGMA secure_delete = ON")
            _migrate(conn)
            self._salt = salt
            with _transaction(conn):
                self._purge(conn, self.now())
        except BaseException:
            conn.close()
            raise
        return conn

    def _fail(self, exc: BaseException) -> None:
        kind, detail = _classify(exc)
        self._failures.note(kind, detail)
        if kind not in ("locked", "unstorable"):
            # Locks pass, and a value SQLite cannot take says nothing about the database; for
            # anything else start afresh later rather than on every question.
            self._drop_connection()
            self._retry_at = time.monotonic() + REOPEN_BACKOFF_SECONDS

    def _drop_connection(self) -> None:
        if self._conn is not None:
            with suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    def _hash_user(self, user_id: int | str) -> str:
        # Only set by _open, which always runs before any action that hashes.
        assert self._salt is not None
        return hmac.new(self._salt, str(user_id).encode("utf-8"), hashlib.sha256).hexdigest()

    # -- actions (run under the lock, on an open connection) --

    def _purge(self, conn: sqlite3.Connection, now: datetime) -> None:
        """Delete questions past retention (their votes and quotes cascade); caller holds a tx."""
        if self.retention is not None:
            cutoff = _timestamp(now - self.retention)
            conn.execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,))
        self._last_purge = now

    @contextmanager
    def _write(self, conn: sqlite3.Connection, now: datetime) -> Iterator[None]:
        """A write transaction that also applies retention, at most once per PURGE_INTERVAL."""
        with _transaction(conn):
            if self._last_purge is None or now - self._last_purge >= PURGE_INTERVAL:
                self._purge(conn, now)
            yield

    def _insert_question(
        self,
        conn: sqlite3.Connection,
        *,
        text: str,
        channel: str,
        status: str,
        jurisdictions: tuple[str, ...],
        passage_ids: tuple[str, ...],
        user_id: int | str | None,
        confidence: str | None,
    ) -> int:
        now = self.now()
        user_hash = None if user_id is None else self._hash_user(user_id)
        with self._write(conn, now):
            cursor = conn.execute(
                "INSERT INTO questions (asked_at, channel, status, text, user_hash, confidence)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (_timestamp(now), channel, status, text, user_hash, confidence),
            )
            question_id = cursor.lastrowid
            assert question_id is not None
            conn.executemany(
                "INSERT INTO question_jurisdictions (question_id, jurisdiction) VALUES (?, ?)",
                [(question_id, j) for j in jurisdictions],
            )
            conn.executemany(
                "INSERT INTO question_passages (question_id, position, passage_id)"
                " VALUES (?, ?, ?)",
                [(question_id, i, p) for i, p in enumerate(passage_ids)],
            )
        return question_id

    def _upsert_vote(
        self, conn: sqlite3.Connection, question_id: int, user_id: int | str, vote: Vote
    ) -> bool:
        now = self.now()
        user_hash = self._hash_user(user_id)
        with self._write(conn, now):
            exists = conn.execute("SELECT 1 FROM questions WHERE id = ?", (question_id,))
            if exists.fetchone() is None:
                return False  # unknown or expired question: nothing to attach the vote to
            conn.execute(
                "INSERT INTO feedback (question_id, user_hash, vote, voted_at)"
                " VALUES (?, ?, ?, ?)"
                " ON CONFLICT (question_id, user_hash)"
                " DO UPDATE SET vote = excluded.vote, voted_at = excluded.voted_at",
                (question_id, user_hash, 1 if vote == "up" else -1, _timestamp(now)),
            )
        return True

    def _delete_user(self, conn: sqlite3.Connection, user_id: int | str) -> int:
        user_hash = self._hash_user(user_id)
        with _transaction(conn):
            votes = conn.execute("DELETE FROM feedback WHERE user_hash = ?", (user_hash,))
            asked = conn.execute("DELETE FROM questions WHERE user_hash = ?", (user_hash,))
            deleted = votes.rowcount + asked.rowcount
        # Old page images linger in the WAL until a checkpoint; fold them in now. Best effort:
        # a busy reader only delays it, and the next automatic checkpoint finishes the job.
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        return deleted

    def _read_stats(
        self, conn: sqlite3.Connection, start: str, limit: int, max_unanswered: int
    ) -> LogStats:
        # One read transaction, so every figure describes the same moment.
        with _transaction(conn, "BEGIN"):
            return LogStats(
                by_status=_counts(conn, STATUSES, _BY_STATUS, start),
                by_channel=_counts(conn, CHANNELS, _BY_CHANNEL, start),
                by_jurisdiction=_jurisdiction_counts(conn, start),
                top_passages=tuple(
                    (str(pid), int(n)) for pid, n in conn.execute(_TOP_PASSAGES, (start, limit))
                ),
                downvoted=_downvoted(conn, start, limit),
                unanswered_texts=tuple(
                    str(row[0]) for row in conn.execute(_UNANSWERED, (start, max_unanswered))
                ),
                related_texts=tuple(
                    str(row[0]) for row in conn.execute(_RELATED, (start, max_unanswered))
                ),
                votes_up=_scalar(conn, _VOTES, (start, 1)),
                votes_down=_scalar(conn, _VOTES, (start, -1)),
            )


# --- report queries (``start`` is an ISO timestamp, or "" for all time) --------------------------

_BY_STATUS: Final = "SELECT status, COUNT(*) FROM questions WHERE asked_at >= ? GROUP BY status"
_BY_CHANNEL: Final = "SELECT channel, COUNT(*) FROM questions WHERE asked_at >= ? GROUP BY channel"
_BY_JURISDICTION: Final = """
    SELECT j.jurisdiction, COUNT(*) FROM question_jurisdictions AS j
    JOIN questions AS q ON q.id = j.question_id
    WHERE q.asked_at >= ? GROUP BY j.jurisdiction"""
_NO_JURISDICTION: Final = """
    SELECT COUNT(*) FROM questions AS q WHERE q.asked_at >= ?
    AND NOT EXISTS (SELECT 1 FROM question_jurisdictions AS j WHERE j.question_id = q.id)"""
_TOP_PASSAGES: Final = """
    SELECT p.passage_id, COUNT(DISTINCT p.question_id) AS n FROM question_passages AS p
    JOIN questions AS q ON q.id = p.question_id
    WHERE q.asked_at >= ? GROUP BY p.passage_id ORDER BY n DESC, p.passage_id LIMIT ?"""
_DOWNVOTED: Final = """
    SELECT q.id, q.text, q.asked_at, SUM(f.vote < 0) AS down, SUM(f.vote > 0) AS up
    FROM questions AS q JOIN feedback AS f ON f.question_id = q.id
    WHERE q.asked_at >= ? GROUP BY q.id HAVING down > 0
    ORDER BY down DESC, up ASC, q.id DESC LIMIT ?"""
_PASSAGES_OF: Final = (
    "SELECT passage_id FROM question_passages WHERE question_id = ? ORDER BY position"
)
_UNANSWERED: Final = """
    SELECT text FROM questions WHERE status = 'no_answer' AND asked_at >= ?
    ORDER BY asked_at DESC, id DESC LIMIT ?"""
_RELATED: Final = """
    SELECT text FROM questions WHERE confidence = 'low' AND asked_at >= ?
    ORDER BY asked_at DESC, id DESC LIMIT ?"""
_VOTES: Final = """
    SELECT COUNT(*) FROM feedback AS f JOIN questions AS q ON q.id = f.question_id
    WHERE q.asked_at >= ? AND f.vote = ?"""


def _scalar(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...]) -> int:
    return int(conn.execute(sql, params).fetchone()[0] or 0)


def _counts(conn: sqlite3.Connection, keys: Sequence[str], sql: str, start: str) -> dict[str, int]:
    # Every known key appears (with 0) so reports have stable rows; unknown keys are kept too.
    counts = dict.fromkeys(keys, 0)
    counts.update((str(key), int(n)) for key, n in conn.execute(sql, (start,)))
    return counts


def _jurisdiction_counts(conn: sqlite3.Connection, start: str) -> dict[str, int]:
    counts = _counts(conn, JURISDICTIONS, _BY_JURISDICTION, start)
    counts["none"] = _scalar(conn, _NO_JURISDICTION, (start,))
    return counts


def _downvoted(conn: sqlite3.Connection, start: str, limit: int) -> tuple[DownvotedAnswer, ...]:
    rows = conn.execute(_DOWNVOTED, (start, limit)).fetchall()
    return tuple(
        DownvotedAnswer(
            question_id=int(qid),
            text=str(text),
            passage_ids=tuple(str(r[0]) for r in conn.execute(_PASSAGES_OF, (qid,))),
            down=int(down),
            up=int(up),
            asked_at=_parse_timestamp(str(asked_at)),
        )
        for qid, text, asked_at, down, up in rows
    )
