"""Shared helpers for the bot's end-to-end tests: run `python -m bot` against the Discord stub,
read what it sent, and audit the traffic.

Typical use::

    async with DiscordStub(guilds=[guild]) as stub:
        async with running_bot(stub, tmp_path / "data") as bot:
            sent = await stub.send_dm(alice, "What does the EU AI Act exempt?")
            answer = await stub.wait_message(alice, after=sent)
        # leaving `running_bot` sent SIGTERM and asserted exit code 0

Everything here is asynchronous on purpose: the stub runs in the test's event loop, so a
blocking call (``subprocess.run``, ``time.sleep``) would stall the fake Discord and make the
bot miss its 3-second interaction deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import os
import re
import signal
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.load import Corpus
from tests.discord_stub import DiscordStub, MessageFlag, RecordedRequest, StubInteraction, User

JSON = dict[str, Any]

EPHEMERAL = int(MessageFlag.EPHEMERAL)
INTERACTION_DEADLINE = 3.0
READY_LINE = "connected as"  # bot/discord/client.py on_ready logs it once the gateway is ready

# Environment variables that would leak from the developer's shell into the bot under test.
_BOT_ENV_PREFIXES = ("VERBATIM_", "DISCORD_")


# --------------------------------------------------------------------------- the bot process


class BotExited(RuntimeError):
    """The bot process ended (or never got ready) when the test needed it running."""


@dataclass
class BotProcess:
    """A running `python -m bot`, with its combined stdout/stderr collected line by line."""

    process: asyncio.subprocess.Process
    env: dict[str, str]
    data_dir: Path
    log: list[str] = field(default_factory=list)
    _ready: asyncio.Event = field(default_factory=asyncio.Event)
    _reader: asyncio.Task[None] | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def returncode(self) -> int | None:
        return self.process.returncode

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log[-lines:])

    async def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while line := await stream.readline():
            text = line.decode(errors="replace").rstrip("\n")
            self.log.append(text)
            if READY_LINE in text:
                self._ready.set()

    async def wait_ready(self, timeout: float = 30.0) -> None:
        """Wait until the bot logged that it is connected and has its guilds."""
        ready = asyncio.ensure_future(self._ready.wait())
        exited = asyncio.ensure_future(self.process.wait())
        try:
            done, _ = await asyncio.wait(
                {ready, exited}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            for task in (ready, exited):
                task.cancel()
        if ready not in done or not self._ready.is_set():
            what = (
                f"exited with code {self.returncode}"
                if self.returncode is not None
                else f"was not ready after {timeout}s"
            )
            raise BotExited(f"the bot {what}; its log:\n{self.log_tail()}")

    async def stop(self, timeout: float = 15.0) -> int:
        """SIGTERM, then wait for the exit code (SIGKILL and raise if it hangs)."""
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), timeout)
            except TimeoutError:
                self.kill()
                await self.process.wait()
                raise BotExited(
                    f"the bot ignored SIGTERM for {timeout}s; its log:\n{self.log_tail()}"
                ) from None
        if self._reader is not None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self._reader, 5)
        assert self.process.returncode is not None
        return self.process.returncode

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()


def bot_env(stub: DiscordStub, data_dir: Path, **overrides: str | int | None) -> dict[str, str]:
    """The bot's environment: this one minus any VERBATIM_*/DISCORD_* settings, pointed at the
    stub, with its own data folder. ``overrides`` are VERBATIM_* names without the prefix
    (``cooldown_rate=2``); None removes a variable."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_BOT_ENV_PREFIXES)}
    env.update(stub.env())
    env.update(
        DISCORD_TOKEN=stub.token,
        VERBATIM_DATA_DIR=str(data_dir),
        VERBATIM_LOG_LEVEL="INFO",  # the ready line is logged at INFO
        PYTHONUNBUFFERED="1",
    )
    for name, value in overrides.items():
        key = "VERBATIM_" + name.upper()
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


async def start_bot(
    stub: DiscordStub,
    data_dir: Path,
    *,
    wait: bool = True,
    timeout: float = 30.0,
    argv: Iterable[str] = (),
    **overrides: str | int | None,
) -> BotProcess:
    """Start `python -m bot` against ``stub`` and (by default) wait until it is ready."""
    data_dir.mkdir(parents=True, exist_ok=True)
    env = bot_env(stub, data_dir, **overrides)
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *argv,
        env=env,
        cwd=str(data_dir.parent),  # no stray .env from the repository
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    bot = BotProcess(process, env, data_dir)
    bot._reader = asyncio.create_task(bot._read())
    if wait:
        try:
            await bot.wait_ready(timeout)
        except BaseException:
            bot.kill()
            await bot.stop()
            raise
    return bot


@contextlib.asynccontextmanager
async def running_bot(
    stub: DiscordStub, data_dir: Path, *, check_exit: bool = True, **overrides: str | int | None
) -> AsyncIterator[BotProcess]:
    """The bot, running against ``stub`` for the block; SIGTERMed on the way out, and (unless
    the block raised or ``check_exit`` is false) required to exit with code 0."""
    bot = await start_bot(stub, data_dir, **overrides)
    failed = False
    try:
        yield bot
    except BaseException:
        failed = True
        raise
    finally:
        code = await bot.stop()
        if check_exit and not failed:
            assert code == 0, f"the bot exited with {code} on SIGTERM; log:\n{bot.log_tail()}"


async def run_cli(
    *argv: str, env: Mapping[str, str], cwd: Path | None = None, timeout: float = 30.0
) -> tuple[int, str]:
    """Run `python -m bot ARGV...` to completion without blocking the event loop; return the
    exit code and the combined output."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *argv,
        env=dict(env),
        cwd=str(cwd) if cwd else None,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(process.communicate(), timeout)
    assert process.returncode is not None
    return process.returncode, out.decode(errors="replace")


# --------------------------------------------------------------------------- reading messages


_UNMARK = re.compile(r"\\(.)|\*\*|__", re.DOTALL)


def unmarkdown(text: str) -> str:
    """Undo the renderer's markup in one left-to-right pass: ``\\X`` → ``X``, ``**`` and
    ``__`` (a lost link's underline) → ''."""
    return _UNMARK.sub(lambda m: m.group(1) or "", text)


@dataclass(frozen=True)
class QuotedBlock:
    """One block quote of an answer, as shown, and the passage id its citation names."""

    shown: str  # the markdown as sent
    text: str  # after unmarkdown, without the trailing " …" of a shortened quote
    passage_id: str
    citation: str


_CITED_ID = re.compile(r"`([a-z0-9_]+(?:\.[a-z0-9_]+)+)`\s*$")


def quoted_blocks(text: str | None) -> list[QuotedBlock]:
    """The `> quote` + `— citation · \\`id\\`` blocks in an embed description or content."""
    blocks = []
    for chunk in (text or "").split("\n\n"):
        lines = chunk.split("\n")
        if not lines[0].startswith("> ") or len(lines) < 2:
            continue
        citation = lines[-1]
        found = _CITED_ID.search(citation)
        if not citation.startswith("— ") or found is None:
            continue
        shown = "\n".join(lines[:-1])
        body = "\n".join(line.removeprefix("> ") for line in lines[:-1])
        body = body.removesuffix(" …")
        blocks.append(QuotedBlock(shown, unmarkdown(body), found[1], citation))
    return blocks


def assert_verbatim(text: str | None, corpus: Corpus, *, at_least: int = 1) -> list[QuotedBlock]:
    """Every block quote in ``text`` is an exact substring of the passage its citation names."""
    blocks = quoted_blocks(text)
    assert len(blocks) >= at_least, f"expected ≥{at_least} quoted passages in:\n{text}"
    for block in blocks:
        entry = corpus.by_id.get(block.passage_id)
        assert entry is not None, f"cited passage {block.passage_id!r} is not in the corpus"
        assert block.text, f"empty quote for {block.passage_id}"
        assert block.text in entry.text, (
            f"the quote of {block.passage_id} is not verbatim:\n"
            f"shown:   {block.text!r}\npassage: {entry.text!r}"
        )
    return blocks


def passage_ids(message: JSON) -> list[str]:
    """Passage ids cited in a message's embeds (in order)."""
    ids: list[str] = []
    for embed in message.get("embeds") or []:
        text = (embed.get("description") or "") + "".join(
            f.get("value") or "" for f in embed.get("fields") or []
        )
        ids += re.findall(r"`([a-z0-9_]+(?:\.[a-z0-9_]+)+)`", text)
    return list(dict.fromkeys(ids))


def components_of(message: JSON) -> list[JSON]:
    """Every component (buttons, selects) in a message, flattened, in order."""
    out: list[JSON] = []

    def walk(items: Iterable[JSON]) -> None:
        for item in items:
            if item.get("type") != 1:
                out.append(item)
            walk(item.get("components") or [])

    walk(message.get("components") or [])
    return out


def custom_ids(message: JSON) -> list[str]:
    return [c["custom_id"] for c in components_of(message) if c.get("custom_id")]


def custom_id(message: JSON, prefix: str) -> str:
    """The one custom id starting with ``prefix`` (fails listing what there is)."""
    found = [c for c in custom_ids(message) if c.startswith(prefix)]
    assert len(found) == 1, f"expected one {prefix}* button, got {custom_ids(message)}"
    return found[0]


def is_ephemeral(data: JSON) -> bool:
    return bool(int(data.get("flags") or 0) & EPHEMERAL)


def texts_of(payload: JSON) -> list[str]:
    """Every piece of text a message payload would show: content and every embed text."""
    out = [payload.get("content") or ""]
    for embed in payload.get("embeds") or []:
        out += [embed.get("title") or "", embed.get("description") or ""]
        out += [(embed.get("footer") or {}).get("text") or ""]
        out += [(embed.get("author") or {}).get("name") or ""]
        for f in embed.get("fields") or []:
            out += [f.get("name") or "", f.get("value") or ""]
    for component in components_of(payload):
        out.append(component.get("label") or "")
    return [t for t in out if t]


# A mention that would render (and, without allowed_mentions, ping): not backslash-escaped.
LIVE_MENTION = re.compile(r"(?<!\\)@(?:everyone|here)\b|(?<!\\)<@[!&]?\d+>")


def live_mentions(payload: JSON) -> list[str]:
    return [m for text in texts_of(payload) for m in LIVE_MENTION.findall(text)]


# --------------------------------------------------------------------------- auditing traffic


MESSAGE_CALLBACKS = (4, 7)  # CHANNEL_MESSAGE_WITH_SOURCE, UPDATE_MESSAGE


@dataclass(frozen=True)
class SentPayload:
    """A message body the bot sent: a channel message, an interaction callback's data, a
    followup or an edit."""

    kind: str  # "message", "edit", "callback", "followup", "webhook-edit"
    request: RecordedRequest
    body: JSON


def sent_payloads(stub: DiscordStub, since: int = 0) -> list[SentPayload]:
    """Message bodies among ``stub.requests[since:]``."""
    out = []
    for r in stub.requests[since:]:
        body = r.body
        if r.method == "POST" and re.fullmatch(r"/channels/\d+/messages", r.path):
            out.append(SentPayload("message", r, body))
        elif r.method == "PATCH" and re.fullmatch(r"/channels/\d+/messages/\d+", r.path):
            out.append(SentPayload("edit", r, body))
        elif r.method == "POST" and re.fullmatch(r"/interactions/\d+/[^/]+/callback", r.path):
            if body.get("type") in MESSAGE_CALLBACKS:
                out.append(SentPayload("callback", r, body.get("data") or {}))
        elif r.method == "POST" and re.fullmatch(r"/webhooks/\d+/[^/]+", r.path):
            out.append(SentPayload("followup", r, body))
        elif r.method == "PATCH" and re.fullmatch(r"/webhooks/\d+/[^/]+/messages/.+", r.path):
            out.append(SentPayload("webhook-edit", r, body))
    return out


def pings_nobody(allowed: Any) -> bool:
    """``allowed_mentions`` that lets nothing ping: parse empty, no users/roles, and no
    replied-user ping."""
    return (
        isinstance(allowed, dict)
        and allowed.get("parse") == []
        and not allowed.get("users")
        and not allowed.get("roles")
        and not allowed.get("replied_user", False)
    )


def ping_problems(payloads: Iterable[SentPayload]) -> list[str]:
    """Payloads that could ping someone, or show a live @everyone/@here or mention."""
    problems = []
    for p in payloads:
        where = f"{p.kind} {p.request.method} {p.request.path}"
        if not pings_nobody(p.body.get("allowed_mentions")):
            problems.append(f"{where}: allowed_mentions={p.body.get('allowed_mentions')!r}")
        live = live_mentions(p.body)
        if live:
            problems.append(f"{where}: live mentions {live}")
    return problems


@dataclass
class Checkpoint:
    """Where the stub's request and interaction logs stood at some moment."""

    requests: int
    interactions: int

    @classmethod
    def of(cls, stub: DiscordStub) -> Checkpoint:
        return cls(len(stub.server.requests), len(stub.server.interactions))


Allowance = Callable[[RecordedRequest], bool]


def audit(
    stub: DiscordStub,
    since: Checkpoint | None = None,
    *,
    allow: Iterable[Allowance] = (),
    deadline: float = INTERACTION_DEADLINE,
) -> list[str]:
    """What went wrong on the wire since ``since``: stub internal errors, requests to unknown
    routes, refused requests (4xx/5xx) not matched by an ``allow`` predicate and not injected
    by a fault, interactions not acknowledged within ``deadline`` seconds, and message bodies
    that could ping someone."""
    since = since or Checkpoint(0, 0)
    allowances = list(allow)
    problems = [f"stub internal error: {e}" for e in stub.server.internal_errors]
    requests = stub.requests[since.requests :]
    problems += [f"unknown route: {r!r}" for r in requests if not r.known_route]
    problems += [
        f"refused: {r!r} {r.response}"
        for r in requests
        if r.known_route and r.status >= 400 and not r.fault and not any(ok(r) for ok in allowances)
    ]
    interactions: list[StubInteraction] = list(stub.server.interactions.values())
    for ix in interactions[since.interactions :]:
        if ix.response is None:
            problems.append(f"never acknowledged: {ix!r} {ix.data}")
        elif ix.latency is None or ix.latency >= deadline:
            problems.append(f"acknowledged after {ix.latency}s: {ix!r} {ix.data}")
    problems += ping_problems(sent_payloads(stub, since.requests))
    return problems


async def nothing_sent(
    stub: DiscordStub,
    *,
    since: float,
    path: str = r"/channels/\d+/messages|/channels/\d+/typing|/interactions/.+|/webhooks/.+",
    method: str | None = None,
) -> list[RecordedRequest]:
    """The matching requests made since ``since``, once the bot has handled every event
    dispatched before this call (the caller asserts the list is empty).

    Waits for an event, not a guessed time: one more DM, from a user of its own, answered. The
    gateway is one ordered stream and the bot answers first in, first out, so anything the
    earlier events were going to make it send is sent before that answer. The barrier's own
    requests (in its DM channel) are left out."""
    barrier = User(f"barrier-{time.monotonic_ns()}")
    sent = await stub.send_dm(barrier, "What does the EU AI Act exempt?")
    await stub.wait_message(barrier, after=sent)
    own = f"/channels/{stub.dm_channel(barrier).id}/"
    return [r for r in stub.find_requests(method, path, since=since) if not r.path.startswith(own)]


# --------------------------------------------------------------------------- load and faults


async def wait_log(
    bot: BotProcess, needle: str, *, since: int = 0, count: int = 1, timeout: float = 10.0
) -> list[str]:
    """Wait until ``count`` lines of the bot's log from index ``since`` on contain ``needle``;
    return them."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        found = [line for line in bot.log[since:] if needle in line]
        if len(found) >= count:
            return found
        if bot.returncode is not None or loop.time() > deadline:
            raise AssertionError(
                f"expected {count} log line(s) with {needle!r}, got {len(found)}; "
                f"log:\n{bot.log_tail()}"
            )
        await asyncio.sleep(0.05)


def read_health(data_dir: Path) -> JSON | None:
    """The bot's heartbeat file (``bot/health.py``), or None if there is none yet."""
    try:
        data = json.loads((data_dir / "health.json").read_text())
    except (FileNotFoundError, ValueError):
        return None
    return data if isinstance(data, dict) else None


async def wait_heartbeat(
    data_dir: Path,
    *,
    after: float,
    where: Callable[[JSON], bool] | None = None,
    timeout: float = 10.0,
) -> JSON:
    """Wait for a heartbeat written after ``after`` (``time.time()``) that satisfies
    ``where``; return it. Set VERBATIM_HEALTH_INTERVAL low for this to be quick."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    last = None
    while loop.time() < deadline:
        last = read_health(data_dir)
        if last is not None and last.get("time", 0) > after and (where is None or where(last)):
            return last
        await asyncio.sleep(0.05)
    raise AssertionError(f"no heartbeat after {after} satisfying the condition; last: {last}")


def rss_bytes(pid: int) -> int:
    """A process's resident set size, from ``/proc/<pid>/status`` (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024  # the figure is in kB
    raise LookupError(f"no VmRSS for process {pid}")


def percentile(values: Iterable[float], q: float) -> float:
    """The nearest-rank ``q``-th percentile (0 < q <= 100)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]
