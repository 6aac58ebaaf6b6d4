"""The fake Discord itself: an aiohttp app with the REST API (``/api/v10/...``) and the gateway.

:class:`StubServer` owns all state — users, guilds, channels, stored messages, synced commands,
pending interactions, the gateway session — and records every REST request. Tests normally
talk to it through :class:`tests.discord_stub.driver.DiscordStub`, which adds the
convenience methods; this module is about behaving like Discord.

What it imitates (discord.py 2.7.1's view of Discord):

* REST: JSON bodies, or multipart with a ``payload_json`` part plus files. Errors use
  Discord's shape ``{"code": ..., "message": ..., "errors": {...}}``. 429s carry ``retry_after``
  in the body and the ``X-RateLimit-*``/``Retry-After``/``Via`` headers (discord.py treats a
  429 *without* ``Via`` as a Cloudflare ban and does not retry).
* Gateway: HELLO, heartbeat ACKs, IDENTIFY → READY + GUILD_CREATE, RESUME → replay + RESUMED,
  ``zlib-stream`` transport compression when the URL asks for it (discord.py does by default).
* Interactions: a callback more than ``interaction_deadline`` seconds after dispatch is refused
  (404, code 10062 "Unknown interaction", as Discord does), a second callback is refused (400,
  code 40060), followups and ``@original`` edits work for ``followup_window`` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import re
import time
import uuid
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import BodyPartReader, WSMsgType, web

from .payloads import (
    JSON,
    CallbackType,
    Channel,
    ChannelType,
    Guild,
    Intent,
    InteractionType,
    MessageFlag,
    Permission,
    User,
    application_payload,
    channel_payload,
    client_user_payload,
    guild_create_payload,
    iso_now,
    member_payload,
    message_payload,
    new_snowflake,
    ready_payload,
    user_payload,
)
from .validation import FormErrors, check_autocomplete_choices, check_commands, check_message
from .validation import check_modal as check_modal_data

T = TypeVar("T")

API_PATH = re.compile(r"^/api/v(?P<version>\d+)(?P<path>/.*)$")
MENTION = re.compile(r"<@!?(\d+)>")


# --------------------------------------------------------------------------- records


@dataclass
class UploadedFile:
    """A file part of a multipart request."""

    field_name: str
    filename: str | None
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    """One REST request the stub received, and how it answered.

    ``path`` is relative to the API root (``/channels/1/messages``, no ``/api/v10``).
    ``json`` is the parsed JSON body — for multipart requests, the ``payload_json`` part.
    ``received_at`` is ``time.monotonic()`` on arrival; the record is appended to
    ``StubServer.requests`` once the response is decided, so ``status``/``response`` are set.
    """

    method: str
    path: str
    query: dict[str, str]
    json: Any
    files: list[UploadedFile]
    headers: dict[str, str]
    received_at: float
    api_version: int = 10
    status: int = 0
    response: Any = None
    fault: str | None = None
    known_route: bool = True

    @property
    def body(self) -> JSON:
        """The JSON body as a dict (empty if there was none or it was not an object)."""
        return self.json if isinstance(self.json, dict) else {}

    def __repr__(self) -> str:
        extra = f" fault={self.fault}" if self.fault else ""
        return f"<{self.method} {self.path} -> {self.status}{extra}>"


@dataclass
class UndeliveredEvent:
    """A gateway event the stub did not send because the client lacked the intent for it."""

    event: str
    missing_intent: Intent
    data: JSON


class DiscordAPIError(Exception):
    """Raised inside route handlers to answer with a Discord-shaped error."""

    def __init__(self, status: int, code: int, message: str, errors: JSON | None = None) -> None:
        super().__init__(f"{status} {message} (code {code})")
        self.status = status
        self.body: JSON = {"code": code, "message": message}
        if errors:
            self.body["errors"] = errors

    @classmethod
    def invalid_form(cls, errors: FormErrors) -> DiscordAPIError:
        """The 400 "Invalid Form Body" error for ``errors``."""
        return cls(400, 50035, "Invalid Form Body", errors.tree)


def unknown_message() -> DiscordAPIError:
    """Discord's 404 for a message that does not exist."""
    return DiscordAPIError(404, 10008, "Unknown Message")


def empty_message() -> DiscordAPIError:
    """Discord's 400 for a message with nothing in it."""
    return DiscordAPIError(400, 50006, "Cannot send an empty message")


@dataclass
class Fault:
    """An injected failure for the next ``remaining`` matching requests."""

    remaining: int
    status: int
    retry_after: float = 0.0
    is_global: bool = False
    scope: str = "user"
    method: str | None = None
    path: re.Pattern[str] | None = None

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault applies to a request."""
        if self.remaining <= 0:
            return False
        if self.method is not None and self.method != method:
            return False
        return self.path is None or self.path.fullmatch(path) is not None


@dataclass
class StubConfig:
    """Behaviour knobs of the fake Discord."""

    token: str = "stub-bot-token"
    heartbeat_interval_ms: int = 41_250
    interaction_deadline: float = 3.0
    followup_window: float = 15 * 60.0
    enforce_intents: bool = True
    echo_own_messages: bool = True
    app_flags: int = 0


# --------------------------------------------------------------------------- interactions


class StubInteraction:
    """An interaction the stub dispatched, and everything the client did in answer to it.

    ``response`` is the callback body (``{"type": 4, "data": {...}}``) once an *accepted*
    callback arrived; refused ones are in ``callback_attempts`` with their status.
    """

    def __init__(
        self,
        server: StubServer,
        payload: JSON,
        *,
        user: User,
        channel: Channel,
        guild: Guild | None,
        message_id: str | None = None,
    ) -> None:
        self._server = server
        self.payload = payload
        self.id: str = payload["id"]
        self.token: str = payload["token"]
        self.type: int = payload["type"]
        self.user = user
        self.channel = channel
        self.guild = guild
        self.message_id = message_id
        self.dispatched_at: float | None = None
        self.response: JSON | None = None
        self.responded_at: float | None = None
        self.response_files: list[UploadedFile] = []
        self.callback_attempts: list[RecordedRequest] = []
        self.original_message_id: str | None = None
        self.followup_ids: list[str] = []

    def __repr__(self) -> str:
        return f"<StubInteraction id={self.id} type={self.type} response={self.response_type}>"

    @property
    def data(self) -> JSON:
        """The interaction's ``data`` (command name/options, custom_id, ...)."""
        return self.payload.get("data") or {}

    @property
    def response_type(self) -> int | None:
        """The accepted callback type (4 message, 5 defer, 6/7 component, 8 choices, 9 modal)."""
        return None if self.response is None else self.response.get("type")

    @property
    def response_data(self) -> JSON:
        """The accepted callback's ``data`` (empty if none)."""
        return (self.response or {}).get("data") or {}

    @property
    def latency(self) -> float | None:
        """Seconds from dispatch to the accepted callback."""
        if self.responded_at is None or self.dispatched_at is None:
            return None
        return self.responded_at - self.dispatched_at

    @property
    def choices(self) -> list[JSON]:
        """The autocomplete choices the client answered with."""
        return list(self.response_data.get("choices") or [])

    @property
    def original(self) -> JSON | None:
        """The message the interaction response created or updated, as currently stored."""
        if self.original_message_id is None:
            return None
        return self._server.messages.get(self.original_message_id)

    @property
    def followups(self) -> list[JSON]:
        """Messages sent through the followup webhook (after a defer, the first one *is* the
        original message: Discord turns the "thinking…" message into it)."""
        return [self._server.messages[i] for i in self.followup_ids if i in self._server.messages]

    async def wait_response(self, timeout: float = 10.0) -> JSON:
        """Wait for an accepted callback and return its body."""
        return await self._server.wait_until(
            lambda: self.response,
            timeout,
            lambda: f"an accepted callback for {self!r} (attempts: {self.callback_attempts})",
        )

    async def wait_final(self, timeout: float = 10.0) -> JSON:
        """Wait until the response message exists and is no longer "thinking…"; return it."""

        def final() -> JSON | None:
            message = self.original
            if message is None or int(message.get("flags") or 0) & MessageFlag.LOADING:
                return None
            return message

        return await self._server.wait_until(
            final, timeout, lambda: f"a final response message for {self!r}"
        )


RESPONSE_FLAGS = MessageFlag.EPHEMERAL | MessageFlag.SUPPRESS_EMBEDS | MessageFlag.IS_COMPONENTS_V2
"""Message flags an interaction response or followup may set."""

ALLOWED_CALLBACKS: dict[int, frozenset[int]] = {
    InteractionType.APPLICATION_COMMAND: frozenset({4, 5, 9}),
    InteractionType.MESSAGE_COMPONENT: frozenset({4, 5, 6, 7, 9}),
    InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE: frozenset({8}),
    InteractionType.MODAL_SUBMIT: frozenset({4, 5, 6, 7}),
}


# --------------------------------------------------------------------------- gateway


class GatewayConnection:
    """One websocket connection, with its transport compression stream."""

    def __init__(self, ws: web.WebSocketResponse, request: web.Request) -> None:
        self.ws = ws
        self.request = request
        self.compression = request.query.get("compress")
        self._compressor: Any = None
        self._zstd_flush: Any = None
        if self.compression == "zlib-stream":
            self._compressor = zlib.compressobj()
        elif self.compression == "zstd-stream":
            try:  # only if the client could decode it; otherwise plain text frames
                import zstandard  # type: ignore[import-not-found, unused-ignore]

                self._compressor = zstandard.ZstdCompressor().compressobj()
                self._zstd_flush = zstandard.COMPRESSOBJ_FLUSH_BLOCK
            except ImportError:
                self.compression = None
        else:
            self.compression = None
        self._lock = asyncio.Lock()
        self.session: GatewaySession | None = None

    async def send(self, payload: JSON) -> None:
        """Send one gateway payload (compressed as one flushed chunk of the stream, if asked)."""
        text = json.dumps(payload, separators=(",", ":"))
        async with self._lock:  # compression state and frame order must stay in step
            if self.compression == "zlib-stream":
                data = self._compressor.compress(text.encode()) + self._compressor.flush(
                    zlib.Z_SYNC_FLUSH
                )
                await self.ws.send_bytes(data)
            elif self.compression == "zstd-stream":
                chunk = self._compressor.compress(text.encode())
                await self.ws.send_bytes(chunk + self._compressor.flush(self._zstd_flush))
            else:
                await self.ws.send_str(text)


@dataclass
class _BacklogEntry:
    frame: JSON
    before_send: Callable[[], None] | None = None


class GatewaySession:
    """A gateway session (one IDENTIFY): its sequence numbers and event backlog for RESUME."""

    def __init__(self, session_id: str, identify: JSON) -> None:
        self.session_id = session_id
        self.identify = identify
        self.intents = int(identify.get("intents") or 0)
        self.seq = 0
        self.backlog: list[_BacklogEntry] = []
        self.connection: GatewayConnection | None = None
        self.lock = asyncio.Lock()


# --------------------------------------------------------------------------- REST plumbing


@dataclass
class _Call:
    request: web.Request
    params: dict[str, str]
    body: Any
    files: list[UploadedFile]
    record: RecordedRequest

    @property
    def json(self) -> JSON:
        return self.body if isinstance(self.body, dict) else {}


@dataclass
class _Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


def ok(body: Any) -> _Reply:
    """200 with a JSON body."""
    return _Reply(200, body)


def no_content() -> _Reply:
    """204."""
    return _Reply(204, None)


@dataclass
class _Route:
    method: str
    pattern: re.Pattern[str]
    handler: Callable[[_Call], Awaitable[_Reply]]
    needs_auth: bool = True


# --------------------------------------------------------------------------- the server


class StubServer:
    """State and aiohttp application of the fake Discord."""

    def __init__(
        self,
        *,
        config: StubConfig,
        bot_user: User,
        app_id: str,
        guilds: list[Guild],
        owner: User,
    ) -> None:
        self.config = config
        self.bot_user = bot_user
        self.app_id = app_id
        self.owner = owner
        self.guilds: dict[str, Guild] = {}
        self.users: dict[str, User] = {}
        self.channels: dict[str, Channel] = {}
        self.dm_channels: dict[str, Channel] = {}
        self.messages: dict[str, JSON] = {}
        self.channel_message_ids: dict[str, list[str]] = {}
        self.global_commands: list[JSON] = []
        self.guild_commands: dict[str, list[JSON]] = {}
        self.requests: list[RecordedRequest] = []
        self.faults: list[Fault] = []
        self.interactions: dict[str, StubInteraction] = {}
        self.undelivered: list[UndeliveredEvent] = []
        self.session: GatewaySession | None = None
        self.identify_payloads: list[JSON] = []
        self.gateway_received: list[JSON] = []
        self.gateway_urls: list[str] = []
        self.connections: set[GatewayConnection] = set()
        self.internal_errors: list[str] = []
        self.resume_count = 0
        self.heartbeat_count = 0
        self._changed_event = asyncio.Event()
        self._bucket_counter = 0

        self.register_user(bot_user)
        self.register_user(owner)
        for guild in guilds:
            self.add_guild(guild)

        self.app = web.Application()
        self.app.router.add_get("/gateway", self._gateway)
        self.app.router.add_route("*", "/api/{tail:.*}", self._api)
        self._routes: list[_Route] = []
        self._add_routes()

    # ---------------------------------------------------------------- registry

    def register_user(self, user: User) -> User:
        """Make ``user`` known (so mentions and DMs can resolve it)."""
        self.users.setdefault(user.id, user)
        return self.users[user.id]

    def add_guild(self, guild: Guild) -> None:
        """Add a guild (sent in GUILD_CREATE on the next IDENTIFY)."""
        self.guilds[guild.id] = guild
        for member in guild.members:
            self.register_user(member)
        for channel in guild.channels:
            self.channels[channel.id] = channel

    def guild_of(self, channel: Channel) -> Guild | None:
        """The guild a channel belongs to (None for DMs)."""
        return None if channel.guild_id is None else self.guilds.get(channel.guild_id)

    def dm_channel(self, user: User) -> Channel:
        """The DM channel between the bot and ``user`` (created on first use)."""
        self.register_user(user)
        channel = self.dm_channels.get(user.id)
        if channel is None:
            channel = Channel(name=f"dm-{user.username}", type=ChannelType.DM, recipient=user)
            self.dm_channels[user.id] = channel
            self.channels[channel.id] = channel
        return channel

    def bot_permissions_in(self, channel: Channel) -> int:
        """What the bot may do in ``channel`` (everything in DMs that matters)."""
        guild = self.guild_of(channel)
        if guild is None:
            return int(
                Permission.VIEW_CHANNEL
                | Permission.SEND_MESSAGES
                | Permission.EMBED_LINKS
                | Permission.ATTACH_FILES
                | Permission.READ_MESSAGE_HISTORY
                | Permission.ADD_REACTIONS
            )
        return guild.bot_permissions_in(channel)

    # ---------------------------------------------------------------- waiting

    def changed(self) -> None:
        """Wake everything waiting in :meth:`wait_until` to re-check its condition."""
        self._changed_event.set()
        self._changed_event = asyncio.Event()

    async def wait_until(
        self, predicate: Callable[[], T | None], timeout: float, what: Callable[[], str] | str
    ) -> T:
        """Wait until ``predicate()`` returns something truthy and return it.

        On timeout raises ``TimeoutError`` naming ``what`` plus hints (events the client's
        intents filtered out, requests to unknown routes, recent failed requests).
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0:
                description = what() if callable(what) else what
                raise TimeoutError(
                    f"timed out after {timeout}s waiting for {description}" + self.hints()
                )
            event = self._changed_event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    def hints(self) -> str:
        """Diagnostics appended to timeout errors."""
        lines = [f"stub internal error: {e}" for e in self.internal_errors[-3:]]
        if self.undelivered:
            missing = {f"{u.event} (needs {u.missing_intent.name})" for u in self.undelivered}
            lines.append("events not delivered for lack of intents: " + ", ".join(sorted(missing)))
        unknown = [r for r in self.requests if not r.known_route]
        if unknown:
            lines.append(f"requests to unknown routes: {unknown}")
        failed = [r for r in self.requests if r.status >= 400 and not r.fault][-5:]
        if failed:
            lines.append(
                "recent refused requests: "
                + "; ".join(f"{r!r} {json.dumps(r.response)[:300]}" for r in failed)
            )
        if self.session is None:
            lines.append("no client has identified on the gateway")
        elif self.session.connection is None:
            lines.append("the gateway is currently disconnected")
        return "".join(f"\n  hint: {line}" for line in lines)

    # ---------------------------------------------------------------- gateway

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=0, compress=False, timeout=2.0)
        await ws.prepare(request)
        connection = GatewayConnection(ws, request)
        self.connections.add(connection)
        self.gateway_urls.append(str(request.rel_url))
        try:
            await connection.send(
                {
                    "op": 10,
                    "d": {
                        "heartbeat_interval": self.config.heartbeat_interval_ms,
                        "_trace": ['["stub-gateway",{"micros":1}]'],
                    },
                }
            )
            async for message in ws:
                if message.type is WSMsgType.TEXT:
                    await self._on_gateway_payload(connection, json.loads(message.data))
                elif message.type is WSMsgType.ERROR:
                    break
        except ConnectionError:
            pass
        finally:
            self.connections.discard(connection)
            session = connection.session
            if session is not None and session.connection is connection:
                session.connection = None
            self.changed()
        return ws

    async def _on_gateway_payload(self, connection: GatewayConnection, payload: JSON) -> None:
        self.gateway_received.append(payload)
        op, data = payload.get("op"), payload.get("d")
        if op == 1:
            self.heartbeat_count += 1
            await connection.send({"op": 11})
        elif op == 2:
            await self._identify(connection, data or {})
        elif op == 6:
            await self._resume(connection, data or {})
        elif op == 8:
            await self._request_members(connection, data or {})
        self.changed()

    async def _identify(self, connection: GatewayConnection, data: JSON) -> None:
        if data.get("token") != self.config.token:
            await connection.ws.close(code=4004, message=b"Authentication failed.")
            return
        if "intents" not in data:
            await connection.ws.close(code=4013, message=b"Invalid intent(s).")
            return
        session = GatewaySession(uuid.uuid4().hex, data)
        session.connection = connection
        connection.session = session
        self.session = session
        self.identify_payloads.append(data)
        host = connection.request.host
        async with session.lock:
            await self._send_dispatch(
                session,
                "READY",
                ready_payload(
                    bot_user=self.bot_user,
                    app_id=self.app_id,
                    app_flags=self.config.app_flags,
                    guilds=list(self.guilds.values()),
                    session_id=session.session_id,
                    resume_gateway_url=f"ws://{host}/gateway",
                    shard=list(data.get("shard") or [0, 1]),
                ),
            )
            if session.intents & Intent.GUILDS:
                for guild in self.guilds.values():
                    await self._send_dispatch(
                        session, "GUILD_CREATE", guild_create_payload(guild, self.bot_user)
                    )

    async def _resume(self, connection: GatewayConnection, data: JSON) -> None:
        session = self.session
        if (
            session is None
            or data.get("session_id") != session.session_id
            or data.get("token") != self.config.token
        ):
            await connection.send({"op": 9, "d": False})
            return
        async with session.lock:
            session.connection = connection
            connection.session = session
            last_seen = int(data.get("seq") or 0)
            for entry in session.backlog:
                if entry.frame["s"] > last_seen:
                    await self._send_entry(session, entry)
            await self._send_dispatch(session, "RESUMED", {"_trace": ['["stub-gateway"]']})
        self.resume_count += 1

    async def _request_members(self, connection: GatewayConnection, data: JSON) -> None:
        guild = self.guilds.get(str(data.get("guild_id")))
        if guild is None or connection.session is None:
            return
        query = str(data.get("query") or "").lower()
        user_ids = {str(i) for i in data.get("user_ids") or []}
        members = [self.bot_user, *guild.members]
        if user_ids:
            members = [m for m in members if m.id in user_ids]
        else:
            members = [m for m in members if m.username.lower().startswith(query)]
        limit = int(data.get("limit") or 0)
        if limit:
            members = members[:limit]
        chunk: JSON = {
            "guild_id": guild.id,
            "members": [
                member_payload(m, [guild.bot_role_id] if m.id == self.bot_user.id else [])
                for m in members
            ],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        async with connection.session.lock:
            await self._send_dispatch(connection.session, "GUILD_MEMBERS_CHUNK", chunk)

    async def _send_dispatch(
        self,
        session: GatewaySession,
        event: str,
        data: JSON,
        before_send: Callable[[], None] | None = None,
    ) -> None:
        """Number and send a DISPATCH (caller holds ``session.lock``); kept for RESUME."""
        session.seq += 1
        entry = _BacklogEntry({"op": 0, "t": event, "s": session.seq, "d": data}, before_send)
        session.backlog.append(entry)
        await self._send_entry(session, entry)

    async def _send_entry(self, session: GatewaySession, entry: _BacklogEntry) -> None:
        connection = session.connection
        if connection is None:
            return  # delivered on RESUME
        if entry.before_send is not None:
            entry.before_send()
            entry.before_send = None
        # If the socket just died, the client will RESUME and get the frame from the backlog.
        with contextlib.suppress(ConnectionError, RuntimeError):
            await connection.send(entry.frame)

    def require_session(self) -> GatewaySession:
        """The current gateway session, or an error telling the test to wait for IDENTIFY."""
        if self.session is None:
            raise RuntimeError("no client has identified yet; await stub.wait_identified() first")
        return self.session

    async def dispatch(
        self,
        event: str,
        data: JSON,
        *,
        intent: Intent | None = None,
        before_send: Callable[[], None] | None = None,
    ) -> bool:
        """Send a gateway event to the client, if its intents allow (returns whether it did).

        While the websocket is down, events are queued and delivered on RESUME.
        """
        session = self.require_session()
        if intent is not None and self.config.enforce_intents and not session.intents & intent:
            self.undelivered.append(UndeliveredEvent(event, intent, data))
            self.changed()
            return False
        async with session.lock:
            await self._send_dispatch(session, event, data, before_send)
        self.changed()
        return True

    async def dispatch_message_event(self, event: str, message: JSON) -> bool:
        """Send MESSAGE_CREATE/MESSAGE_UPDATE as the client would see it.

        Needs GUILD_MESSAGES or DIRECT_MESSAGES. Without the MESSAGE_CONTENT intent, guild
        messages that neither mention the bot nor come from it arrive with content, embeds,
        attachments and components emptied — as on Discord.
        """
        session = self.require_session()
        in_guild = "guild_id" in message
        visible = dict(message)
        from_bot = message["author"]["id"] == self.bot_user.id
        mentions_bot = any(u["id"] == self.bot_user.id for u in message.get("mentions", []))
        if (
            in_guild
            and not from_bot
            and not mentions_bot
            and not session.intents & Intent.MESSAGE_CONTENT
        ):
            visible.update(content="", embeds=[], attachments=[], components=[])
            visible.pop("poll", None)
        intent = Intent.GUILD_MESSAGES if in_guild else Intent.DIRECT_MESSAGES
        return await self.dispatch(event, visible, intent=intent)

    async def drop_gateway(self, close_code: int | None = None) -> None:
        """Cut the websocket: abruptly (TCP abort) by default, or with a close ``close_code``."""
        session = self.require_session()
        connection = session.connection
        if connection is None:
            raise RuntimeError("the gateway is not connected")
        async with session.lock:
            session.connection = None
            if close_code is None:
                transport = connection.request.transport
                if transport is not None:
                    transport.abort()
            else:
                await connection.ws.close(code=close_code, message=b"stub closed the connection")
        self.changed()

    async def close_gateways(self) -> None:
        """Close every websocket (used on shutdown, so the HTTP server can stop promptly)."""
        for connection in list(self.connections):
            with contextlib.suppress(ConnectionError, RuntimeError):
                await connection.ws.close(code=1001, message=b"stub shutting down")

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT (the client should close and RESUME)."""
        session = self.require_session()
        if session.connection is not None:
            await session.connection.send({"op": 7, "d": None})

    # ---------------------------------------------------------------- REST entry point

    async def _api(self, request: web.Request) -> web.Response:
        received_at = time.monotonic()
        match = API_PATH.match(request.path)
        path = match["path"] if match else request.path
        try:
            body, files = await self._read_body(request)
        except ValueError as error:  # malformed JSON / multipart
            body, files = None, []
            self.internal_errors.append(f"{request.method} {path}: unreadable body: {error}")
        record = RecordedRequest(
            method=request.method,
            path=path,
            query=dict(request.query),
            json=body,
            files=files,
            headers=dict(request.headers),
            received_at=received_at,
            api_version=int(match["version"]) if match else 0,
        )
        try:
            reply = self._injected_fault(record) or await self._route(request, record, files)
        except DiscordAPIError as error:
            reply = _Reply(error.status, error.body)
        except Exception as error:  # a bug in the stub: answer 500 and say so in timeouts
            self.internal_errors.append(f"{record.method} {record.path}: {error!r}")
            reply = _Reply(500, {"message": f"stub internal error: {error!r}", "code": 0})
        record.status, record.response = reply.status, reply.body
        self.requests.append(record)
        self.changed()
        if reply.status == 204:
            return web.Response(status=204, headers=reply.headers)
        # Exactly "application/json": discord.py's json_or_text() compares the header verbatim
        # and treats anything else (even "; charset=utf-8") as plain text.
        return web.Response(
            body=json.dumps(reply.body).encode(),
            status=reply.status,
            headers={**reply.headers, "Content-Type": "application/json"},
        )

    async def _read_body(self, request: web.Request) -> tuple[Any, list[UploadedFile]]:
        files: list[UploadedFile] = []
        if request.content_type.startswith("multipart/"):
            payload: Any = None
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if not isinstance(part, BodyPartReader):
                    continue
                if part.name == "payload_json":
                    payload = json.loads(await part.text())
                else:
                    files.append(
                        UploadedFile(
                            field_name=part.name or "",
                            filename=part.filename,
                            content_type=part.headers.get("Content-Type"),
                            data=bytes(await part.read(decode=False)),
                        )
                    )
            return payload, files
        raw = await request.read()
        if not raw:
            return None, files
        try:
            return json.loads(raw), files
        except ValueError:
            return raw.decode(errors="replace"), files

    def _injected_fault(self, record: RecordedRequest) -> _Reply | None:
        for fault in self.faults:
            if not fault.matches(record.method, record.path):
                continue
            fault.remaining -= 1
            record.fault = str(fault.status)
            if fault.status != 429:
                return _Reply(
                    fault.status, {"message": f"{fault.status}: Stub injected failure", "code": 0}
                )
            self._bucket_counter += 1
            reset_after = fault.retry_after
            headers = {
                "Retry-After": str(max(1, math.ceil(reset_after))),
                "X-RateLimit-Limit": "5",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
                "X-RateLimit-Reset-After": f"{reset_after:.3f}",
                "X-RateLimit-Bucket": f"stubbucket{self._bucket_counter:04d}",
                "X-RateLimit-Scope": fault.scope,
                "Via": "1.1 google",
            }
            if fault.is_global:
                headers["X-RateLimit-Global"] = "true"
            body = {
                "message": "You are being rate limited.",
                "retry_after": fault.retry_after,
                "global": fault.is_global,
                "code": 0,
            }
            return _Reply(429, body, headers)
        self.faults = [f for f in self.faults if f.remaining > 0]
        return None

    async def _route(
        self, request: web.Request, record: RecordedRequest, files: list[UploadedFile]
    ) -> _Reply:
        path_matched = False
        for route in self._routes:
            found = route.pattern.fullmatch(record.path)
            if found is None:
                continue
            path_matched = True
            if route.method != record.method:
                continue
            if route.needs_auth and request.headers.get("Authorization") != (
                f"Bot {self.config.token}"
            ):
                return _Reply(401, {"message": "401: Unauthorized", "code": 0})
            call = _Call(request, found.groupdict(), record.json, files, record)
            return await route.handler(call)
        record.known_route = False
        if path_matched:
            return _Reply(405, {"message": "405: Method Not Allowed", "code": 0})
        return _Reply(404, {"message": "404: Not Found", "code": 0})

    def _add_routes(self) -> None:
        app = r"(?P<app_id>\d+)"
        guild = r"(?P<guild_id>\d+)"
        channel = r"/channels/(?P<channel_id>\d+)"
        message = r"(?P<message_id>\d+)"
        webhook = r"/webhooks/(?P<app_id>\d+)/(?P<token>[^/]+)"
        table: list[tuple[str, str, Callable[[_Call], Awaitable[_Reply]], bool]] = [
            ("GET", r"/users/@me", self._get_me, True),
            ("GET", r"/oauth2/applications/@me", self._get_application, True),
            ("GET", r"/applications/@me", self._get_application, True),
            ("GET", r"/gateway", self._get_gateway, False),
            ("GET", r"/gateway/bot", self._get_gateway_bot, True),
            ("GET", rf"/applications/{app}/commands", self._get_commands, True),
            ("PUT", rf"/applications/{app}/commands", self._put_commands, True),
            ("POST", rf"/applications/{app}/commands", self._post_command, True),
            ("GET", rf"/applications/{app}/guilds/{guild}/commands", self._get_commands, True),
            ("PUT", rf"/applications/{app}/guilds/{guild}/commands", self._put_commands, True),
            ("POST", rf"/applications/{app}/guilds/{guild}/commands", self._post_command, True),
            ("POST", r"/users/@me/channels", self._create_dm, True),
            ("GET", rf"{channel}", self._get_channel, True),
            ("GET", rf"{channel}/messages", self._get_history, True),
            ("POST", rf"{channel}/messages", self._create_message, True),
            ("GET", rf"{channel}/messages/{message}", self._get_message, True),
            ("PATCH", rf"{channel}/messages/{message}", self._edit_message, True),
            ("DELETE", rf"{channel}/messages/{message}", self._delete_message, True),
            ("POST", rf"{channel}/typing", self._typing, True),
            (
                "PUT",
                rf"{channel}/messages/{message}/reactions/(?P<emoji>[^/]+)/@me",
                self._add_reaction,
                True,
            ),
            (
                "DELETE",
                rf"{channel}/messages/{message}/reactions/(?P<emoji>[^/]+)/@me",
                self._remove_reaction,
                True,
            ),
            (
                "POST",
                r"/interactions/(?P<interaction_id>\d+)/(?P<token>[^/]+)/callback",
                self._interaction_callback,
                False,
            ),
            ("POST", webhook, self._followup, False),
            ("GET", rf"{webhook}/messages/(?P<message_id>@original|\d+)", self._get_wh, False),
            ("PATCH", rf"{webhook}/messages/(?P<message_id>@original|\d+)", self._edit_wh, False),
            (
                "DELETE",
                rf"{webhook}/messages/(?P<message_id>@original|\d+)",
                self._delete_wh,
                False,
            ),
        ]
        self._routes = [
            _Route(method, re.compile(pattern), handler, auth)
            for method, pattern, handler, auth in table
        ]

    # ---------------------------------------------------------------- identity & commands

    async def _get_me(self, call: _Call) -> _Reply:
        return ok(client_user_payload(self.bot_user))

    async def _get_application(self, call: _Call) -> _Reply:
        return ok(
            application_payload(self.app_id, self.bot_user, self.owner, self.config.app_flags)
        )

    def _gateway_url(self, call: _Call) -> str:
        return f"ws://{call.request.host}/gateway"

    async def _get_gateway(self, call: _Call) -> _Reply:
        return ok({"url": self._gateway_url(call)})

    async def _get_gateway_bot(self, call: _Call) -> _Reply:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return ok({"url": self._gateway_url(call), "shards": 1, "session_start_limit": limit})

    def _command_list(self, call: _Call) -> list[JSON]:
        if call.params["app_id"] != self.app_id:
            raise DiscordAPIError(403, 50001, "Missing Access")
        guild_id = call.params.get("guild_id")
        if guild_id is None:
            return self.global_commands
        if guild_id not in self.guilds:
            raise DiscordAPIError(403, 50001, "Missing Access")
        return self.guild_commands.setdefault(guild_id, [])

    def _stored_command(self, body: JSON, existing: list[JSON], guild_id: str | None) -> JSON:
        kind = int(body.get("type") or 1)
        previous = next(
            (c for c in existing if c["name"] == body.get("name") and c["type"] == kind), None
        )
        command: JSON = {
            "default_member_permissions": None,
            "nsfw": False,
            "contexts": None,
            "integration_types": [0],
            "options": [],
            "description": "",
            "name_localizations": None,
            "description_localizations": None,
            **body,
            "id": previous["id"] if previous else new_snowflake(),
            "application_id": self.app_id,
            "type": kind,
            "version": new_snowflake(),
        }
        if guild_id is not None:
            command["guild_id"] = guild_id
        return command

    async def _get_commands(self, call: _Call) -> _Reply:
        return ok(self._command_list(call))

    async def _put_commands(self, call: _Call) -> _Reply:
        existing = self._command_list(call)
        body = call.body if isinstance(call.body, list) else []
        errors = FormErrors()
        check_commands(errors, body)
        if errors:
            raise DiscordAPIError.invalid_form(errors)
        guild_id = call.params.get("guild_id")
        stored = [self._stored_command(c, existing, guild_id) for c in body]
        existing[:] = stored
        return ok(stored)

    async def _post_command(self, call: _Call) -> _Reply:
        existing = self._command_list(call)
        errors = FormErrors()
        check_commands(errors, [call.json])
        if errors:
            raise DiscordAPIError.invalid_form(errors)
        command = self._stored_command(call.json, existing, call.params.get("guild_id"))
        existing[:] = [c for c in existing if c["id"] != command["id"]] + [command]
        return _Reply(201, command)

    # ---------------------------------------------------------------- channels & messages

    def _channel(self, call: _Call) -> Channel:
        channel = self.channels.get(call.params["channel_id"])
        if channel is None:
            raise DiscordAPIError(404, 10003, "Unknown Channel")
        return channel

    def _require(self, channel: Channel, *needed: Permission) -> None:
        allowed = self.bot_permissions_in(channel)
        if not allowed & Permission.VIEW_CHANNEL:
            raise DiscordAPIError(403, 50001, "Missing Access")
        for permission in needed:
            if not allowed & permission:
                raise DiscordAPIError(403, 50013, "Missing Permissions")

    def _message_in(self, channel: Channel, message_id: str) -> JSON:
        message = self.messages.get(message_id)
        if message is None or message["channel_id"] != channel.id:
            raise unknown_message()
        return message

    def store_message(self, message: JSON) -> JSON:
        """Keep a message (user- or bot-authored) so it can be fetched, edited and inspected."""
        self.messages[message["id"]] = message
        self.channel_message_ids.setdefault(message["channel_id"], []).append(message["id"])
        return message

    def mentioned_users(self, content: str) -> list[User]:
        """Known users mentioned as ``<@id>`` in ``content``."""
        ids = dict.fromkeys(MENTION.findall(content or ""))
        return [self.users[i] for i in ids if i in self.users]

    def _attachments(self, body: JSON, files: list[UploadedFile]) -> list[JSON]:
        described = {str(a.get("id")): a for a in body.get("attachments") or []}
        attachments = []
        for index, upload in enumerate(files):
            attachment_id = new_snowflake()
            filename = upload.filename or f"file{index}"
            meta = described.get(str(index), {})
            attachments.append(
                {
                    "id": attachment_id,
                    "filename": filename,
                    "size": len(upload.data),
                    "url": f"https://cdn.stub.invalid/attachments/{attachment_id}/{filename}",
                    "proxy_url": f"https://media.stub.invalid/attachments/{attachment_id}/{filename}",
                    "content_type": upload.content_type,
                    "description": meta.get("description"),
                    "ephemeral": False,
                }
            )
        return attachments

    def _check_message_body(self, body: JSON, path: list[str | int] | None = None) -> None:
        errors = FormErrors()
        check_message(errors, body, path or [])
        if errors:
            raise DiscordAPIError.invalid_form(errors)

    def _embeds_for(self, channel: Channel, body: JSON) -> list[JSON]:
        """Embeds as stored: with ``type: rich``; silently dropped without EMBED_LINKS."""
        if not self.bot_permissions_in(channel) & Permission.EMBED_LINKS:
            return []
        return [{"type": "rich", **embed} for embed in body.get("embeds") or []]

    def new_bot_message(
        self,
        channel: Channel,
        body: JSON,
        files: list[UploadedFile],
        *,
        interaction: StubInteraction | None = None,
        flags: int = 0,
        followup: bool = False,
    ) -> JSON:
        """Build and store a message the bot sent (channel send, interaction reply, followup)."""
        embeds = (
            [{"type": "rich", **e} for e in body.get("embeds") or []]
            if interaction is not None
            else self._embeds_for(channel, body)
        )
        extra: JSON = {}
        if interaction is not None:
            metadata: JSON = {
                "id": interaction.id,
                "type": interaction.type,
                "user": user_payload(interaction.user),
                "authorizing_integration_owners": interaction.payload.get(
                    "authorizing_integration_owners", {}
                ),
            }
            if interaction.type == InteractionType.APPLICATION_COMMAND:
                metadata["name"] = interaction.data.get("name")
            if followup and interaction.original_message_id:
                metadata["original_response_message_id"] = interaction.original_message_id
            if interaction.type == InteractionType.MESSAGE_COMPONENT and interaction.message_id:
                metadata["interacted_message_id"] = interaction.message_id
            extra = {
                "webhook_id": self.app_id,
                "application_id": self.app_id,
                "interaction_metadata": metadata,
                "message_type": 20
                if interaction.type == InteractionType.APPLICATION_COMMAND
                else 0,
            }
        reference = body.get("message_reference")
        referenced = None
        message_type = extra.pop("message_type", 0)
        if reference is not None:
            referenced = self.messages.get(str(reference.get("message_id")))
            message_type = 19
        guild = self.guild_of(channel)
        message = message_payload(
            message_id=new_snowflake(),
            channel=channel,
            author=self.bot_user,
            content=str(body.get("content") or ""),
            member_roles=[guild.bot_role_id] if guild else None,
            embeds=embeds,
            components=list(body.get("components") or []),
            attachments=self._attachments(body, files),
            mentions=self.mentioned_users(str(body.get("content") or "")),
            flags=flags,
            message_type=message_type,
            message_reference=(
                {
                    "type": 0,
                    "message_id": str(reference.get("message_id")),
                    "channel_id": channel.id,
                    **({"guild_id": channel.guild_id} if channel.guild_id else {}),
                }
                if reference
                else None
            ),
            referenced_message=referenced,
            nonce=body.get("nonce"),
            **extra,
        )
        if body.get("poll"):
            message["poll"] = body["poll"]
        return self.store_message(message)

    @staticmethod
    def is_empty(body: JSON, files: list[UploadedFile]) -> bool:
        """Whether a message body has nothing Discord would display."""
        return not (
            body.get("content")
            or body.get("embeds")
            or body.get("components")
            or body.get("sticker_ids")
            or body.get("poll")
            or files
        )

    async def _echo(self, event: str, message: JSON) -> None:
        """Tell the client about a message the bot created/edited, as Discord does."""
        if not self.config.echo_own_messages or self.session is None:
            return
        if int(message.get("flags") or 0) & MessageFlag.EPHEMERAL:
            return
        await self.dispatch_message_event(event, message)

    async def _echo_delete(self, message: JSON) -> None:
        if self.session is None or int(message.get("flags") or 0) & MessageFlag.EPHEMERAL:
            return
        data = {"id": message["id"], "channel_id": message["channel_id"]}
        if "guild_id" in message:
            data["guild_id"] = message["guild_id"]
        intent = Intent.GUILD_MESSAGES if "guild_id" in message else Intent.DIRECT_MESSAGES
        await self.dispatch("MESSAGE_DELETE", data, intent=intent)

    def apply_edit(self, message: JSON, body: JSON, files: list[UploadedFile]) -> None:
        """Apply a PATCH body to a stored message."""
        if "content" in body:
            message["content"] = str(body["content"] or "")
            message["mentions"] = [
                user_payload(u) for u in self.mentioned_users(message["content"])
            ]
        if "embeds" in body:
            message["embeds"] = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "components" in body:
            message["components"] = list(body["components"] or [])
        if "attachments" in body or files:
            keep = {str(a.get("id")) for a in body.get("attachments") or []}
            kept = [a for a in message["attachments"] if a["id"] in keep]
            message["attachments"] = kept + self._attachments(body, files)
        if "flags" in body and body["flags"] is not None:
            toggled = MessageFlag.SUPPRESS_EMBEDS
            message["flags"] = int(
                (int(message["flags"]) & ~toggled) | (int(body["flags"]) & toggled)
            )
        if "poll" in body:
            message["poll"] = body["poll"]
        was_loading = int(message["flags"]) & MessageFlag.LOADING
        message["flags"] = int(int(message["flags"]) & ~MessageFlag.LOADING)
        if not was_loading:
            message["edited_timestamp"] = iso_now()

    def edit_checked(self, message: JSON, body: JSON, files: list[UploadedFile]) -> None:
        """Apply an edit, refusing it (message unchanged) if it would leave the message empty."""
        edited = json.loads(json.dumps(message))
        self.apply_edit(edited, body, files)
        if self.is_empty(edited, []) and not edited["attachments"]:
            raise empty_message()
        message.clear()
        message.update(edited)

    async def _create_dm(self, call: _Call) -> _Reply:
        user = self.users.get(str(call.json.get("recipient_id")))
        if user is None or user.id == self.bot_user.id:
            raise DiscordAPIError(400, 50033, "Invalid Recipient(s)")
        return ok(channel_payload(self.dm_channel(user)))

    async def _get_channel(self, call: _Call) -> _Reply:
        channel = self._channel(call)
        self._require(channel)
        return ok(channel_payload(channel, self.guild_of(channel)))

    async def _get_history(self, call: _Call) -> _Reply:
        channel = self._channel(call)
        self._require(channel, Permission.READ_MESSAGE_HISTORY)
        limit = int(call.record.query.get("limit", "50"))
        ids = self.channel_message_ids.get(channel.id, [])
        found = [self.messages[i] for i in reversed(ids) if i in self.messages]
        found = [m for m in found if not int(m.get("flags") or 0) & MessageFlag.EPHEMERAL]
        return ok(found[:limit])

    async def _create_message(self, call: _Call) -> _Reply:
        channel = self._channel(call)
        body = call.json
        self._require(channel, Permission.SEND_MESSAGES)
        if call.files:
            self._require(channel, Permission.ATTACH_FILES)
        if body.get("message_reference"):
            self._require(channel, Permission.READ_MESSAGE_HISTORY)
            reference = body["message_reference"]
            target = self.messages.get(str(reference.get("message_id")))
            if target is None and reference.get("fail_if_not_exists", True):
                errors = FormErrors()
                errors.add(
                    ["message_reference"], "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message"
                )
                raise DiscordAPIError.invalid_form(errors)
        self._check_message_body(body)
        visible = {**body, "embeds": self._embeds_for(channel, body)}
        if self.is_empty(visible, call.files):
            raise empty_message()
        flags = int(body.get("flags") or 0) & (
            MessageFlag.SUPPRESS_EMBEDS | MessageFlag.SUPPRESS_NOTIFICATIONS
        )
        if int(body.get("flags") or 0) & MessageFlag.IS_COMPONENTS_V2:
            flags |= MessageFlag.IS_COMPONENTS_V2
        message = self.new_bot_message(channel, body, call.files, flags=flags)
        await self._echo("MESSAGE_CREATE", message)
        return ok(message)

    async def _get_message(self, call: _Call) -> _Reply:
        channel = self._channel(call)
        self._require(channel, Permission.READ_MESSAGE_HISTORY)
        return ok(self._message_in(channel, call.params["message_id"]))

    async def _edit_message(self, call: _Call) -> _Reply:
        channel = self._channel(call)
        self._require(channel)
        message = self._message_in(channel, call.params["message_id"])
        if message["author"]["id"] != self.bot_user.id:
            raise DiscordAPIError(403, 50005, "Cannot edit a message authored by another user")
        self._check_message_body(call.json)
        body = dict(call.json)
        if "embeds" in body:
            body["embeds"] = [
                {k: v for k, v in e.items() if k != "type"} for e in self._embeds_for(channel, body)
            ]
        self.edit_checked(message, body, call.files)
        await self._echo("MESSAGE_UPDATE", message)
        return ok(message)

    async def _delete_message(self, call: _Call) -> _Reply:
        channel = self._channel(call)
        self._require(channel)
        message = self._message_in(channel, call.params["message_id"])
        if message["author"]["id"] != self.bot_user.id:
            self._require(channel, Permission.MANAGE_MESSAGES)
        del self.messages[message["id"]]
        await self._echo_delete(message)
        return no_content()

    async def _typing(self, call: _Call) -> _Reply:
        channel = self._channel(call)
        self._require(channel, Permission.SEND_MESSAGES)
        return no_content()

    def _reaction_target(self, call: _Call) -> tuple[JSON, JSON]:
        channel = self._channel(call)
        self._require(channel, Permission.READ_MESSAGE_HISTORY)
        message = self._message_in(channel, call.params["message_id"])
        name, _, emoji_id = call.params["emoji"].partition(":")
        return message, {"id": emoji_id or None, "name": name}

    async def _add_reaction(self, call: _Call) -> _Reply:
        message, emoji = self._reaction_target(call)
        reactions: list[JSON] = message.setdefault("reactions", [])
        existing = next((r for r in reactions if r["emoji"] == emoji), None)
        if existing is None:
            self._require(self._channel(call), Permission.ADD_REACTIONS)
            existing = {
                "emoji": emoji,
                "count": 0,
                "me": False,
                "me_burst": False,
                "burst_colors": [],
                "count_details": {"burst": 0, "normal": 0},
            }
            reactions.append(existing)
        if not existing["me"]:
            existing["me"] = True
            existing["count"] += 1
            existing["count_details"]["normal"] += 1
        return no_content()

    async def _remove_reaction(self, call: _Call) -> _Reply:
        message, emoji = self._reaction_target(call)
        reactions: list[JSON] = message.get("reactions", [])
        for reaction in reactions:
            if reaction["emoji"] == emoji and reaction["me"]:
                reaction["me"] = False
                reaction["count"] -= 1
                reaction["count_details"]["normal"] -= 1
        message["reactions"] = [r for r in reactions if r["count"] > 0]
        return no_content()

    # ---------------------------------------------------------------- interactions

    async def _interaction_callback(self, call: _Call) -> _Reply:
        interaction = self.interactions.get(call.params["interaction_id"])
        if interaction is None or interaction.token != call.params["token"]:
            raise DiscordAPIError(404, 10062, "Unknown interaction")
        interaction.callback_attempts.append(call.record)
        if interaction.response is not None:
            raise DiscordAPIError(400, 40060, "Interaction has already been acknowledged.")
        dispatched_at = interaction.dispatched_at
        if (
            dispatched_at is None
            or call.record.received_at - dispatched_at > self.config.interaction_deadline
        ):
            raise DiscordAPIError(404, 10062, "Unknown interaction")

        body = call.json
        kind = body.get("type")
        data: JSON = body.get("data") or {}
        errors = FormErrors()
        allowed = ALLOWED_CALLBACKS.get(interaction.type, frozenset())
        if kind not in allowed:
            errors.add(
                ["type"],
                "INTERACTION_CALLBACK_TYPE_INVALID",
                f"Callback type {kind} is not valid for interaction type {interaction.type} "
                f"(allowed: {sorted(allowed)})",
            )
            raise DiscordAPIError.invalid_form(errors)
        if kind in (CallbackType.CHANNEL_MESSAGE_WITH_SOURCE, CallbackType.UPDATE_MESSAGE):
            check_message(errors, data, ["data"])
        elif kind == CallbackType.APPLICATION_COMMAND_AUTOCOMPLETE_RESULT:
            check_autocomplete_choices(errors, data, ["data"])
        elif kind == CallbackType.MODAL:
            check_modal_data(errors, data, ["data"])
        if errors:
            raise DiscordAPIError.invalid_form(errors)
        if kind == CallbackType.CHANNEL_MESSAGE_WITH_SOURCE and self.is_empty(data, call.files):
            raise empty_message()

        message = await self._apply_callback(interaction, int(kind), data, call.files)
        interaction.response = body
        interaction.response_files = call.files
        interaction.responded_at = call.record.received_at
        if "with_response" not in call.record.query:
            return no_content()
        flags = int((message or {}).get("flags") or 0)
        summary: JSON = {
            "id": interaction.id,
            "type": interaction.type,
            "response_message_loading": kind == CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE,
            "response_message_ephemeral": bool(flags & MessageFlag.EPHEMERAL),
        }
        result: JSON = {"interaction": summary, "resource": {"type": kind}}
        if message is not None:
            summary["response_message_id"] = message["id"]
            result["resource"]["message"] = message
        return ok(result)

    async def _apply_callback(
        self, interaction: StubInteraction, kind: int, data: JSON, files: list[UploadedFile]
    ) -> JSON | None:
        """Create/update the message a callback implies; return it (None if there is none)."""
        ephemeral = int(data.get("flags") or 0) & MessageFlag.EPHEMERAL
        if kind == CallbackType.CHANNEL_MESSAGE_WITH_SOURCE:
            flags = int(data.get("flags") or 0) & RESPONSE_FLAGS
            message = self.new_bot_message(
                interaction.channel, data, files, interaction=interaction, flags=flags
            )
            interaction.original_message_id = message["id"]
            await self._echo("MESSAGE_CREATE", message)
            return message
        if kind == CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE:
            message = self.new_bot_message(
                interaction.channel,
                {},
                [],
                interaction=interaction,
                flags=MessageFlag.LOADING | ephemeral,
            )
            interaction.original_message_id = message["id"]
            await self._echo("MESSAGE_CREATE", message)
            return message
        if kind in (CallbackType.DEFERRED_UPDATE_MESSAGE, CallbackType.UPDATE_MESSAGE):
            target = self.messages.get(interaction.message_id or "")
            if target is None:
                if kind == CallbackType.UPDATE_MESSAGE:
                    raise unknown_message()
                return None
            interaction.original_message_id = target["id"]
            if kind == CallbackType.UPDATE_MESSAGE:
                self.apply_edit(target, data, files)
                await self._echo("MESSAGE_UPDATE", target)
            return target
        return None

    def _webhook_interaction(self, call: _Call) -> StubInteraction:
        found = next(
            (i for i in self.interactions.values() if i.token == call.params["token"]), None
        )
        if found is None or call.params["app_id"] != self.app_id:
            raise DiscordAPIError(404, 10015, "Unknown Webhook")
        dispatched_at = found.dispatched_at or 0.0
        if call.record.received_at - dispatched_at > self.config.followup_window:
            raise DiscordAPIError(401, 50027, "Invalid Webhook Token")
        return found

    def _webhook_message(self, interaction: StubInteraction, message_id: str) -> JSON:
        if message_id == "@original":
            if interaction.original_message_id is None:
                raise unknown_message()
            message_id = interaction.original_message_id
        owned = {interaction.original_message_id, *interaction.followup_ids}
        message = self.messages.get(message_id)
        if message is None or message_id not in owned:
            raise unknown_message()
        return message

    async def _followup(self, call: _Call) -> _Reply:
        interaction = self._webhook_interaction(call)
        if interaction.response is None:
            raise DiscordAPIError(404, 10015, "Unknown Webhook")
        body = call.json
        self._check_message_body(body)
        if self.is_empty(body, call.files):
            raise empty_message()
        original = interaction.original
        if (
            interaction.response_type == CallbackType.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
            and original is not None
            and int(original["flags"]) & MessageFlag.LOADING
        ):
            # The first followup after a "thinking" defer replaces the loading message.
            self.apply_edit(original, body, call.files)
            message = original
            await self._echo("MESSAGE_UPDATE", message)
        else:
            message = self.new_bot_message(
                interaction.channel,
                body,
                call.files,
                interaction=interaction,
                flags=int(body.get("flags") or 0) & RESPONSE_FLAGS,
                followup=True,
            )
            await self._echo("MESSAGE_CREATE", message)
        interaction.followup_ids.append(message["id"])
        if call.record.query.get("wait") in ("1", "true", "True"):
            return ok(message)
        return no_content()

    async def _get_wh(self, call: _Call) -> _Reply:
        interaction = self._webhook_interaction(call)
        return ok(self._webhook_message(interaction, call.params["message_id"]))

    async def _edit_wh(self, call: _Call) -> _Reply:
        interaction = self._webhook_interaction(call)
        message = self._webhook_message(interaction, call.params["message_id"])
        self._check_message_body(call.json)
        self.edit_checked(message, call.json, call.files)
        await self._echo("MESSAGE_UPDATE", message)
        return ok(message)

    async def _delete_wh(self, call: _Call) -> _Reply:
        interaction = self._webhook_interaction(call)
        message = self._webhook_message(interaction, call.params["message_id"])
        del self.messages[message["id"]]
        await self._echo_delete(message)
        return no_content()
