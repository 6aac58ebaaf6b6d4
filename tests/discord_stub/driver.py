"""The test-facing API of the Discord stub.

Typical use::

    alice = User("alice")
    guild = Guild("Test Guild", members=[alice])
    async with DiscordStub(guilds=[guild]) as stub:
        bot = subprocess with env {**os.environ, **stub.env(), "<token var>": stub.token}
        await stub.wait_identified()
        await stub.wait_commands_synced()
        sent = await stub.send_dm(alice, "what is open source?")
        reply = await stub.wait_message(alice, after=sent)
        ix = await stub.slash("ask", {"question": "..."}, user=alice, guild=guild)
        answer = await ix.wait_final()

Pointing discord.py 2.7.1 at the stub — the bot process must apply BOTH patches before
``client.start()``::

    import os, yarl, discord.http, discord.gateway
    api = os.environ.get("VERBATIM_DISCORD_API")           # e.g. http://127.0.0.1:PORT/api/v10
    if api:
        discord.http.Route.BASE = api                       # every REST call, incl. webhooks
        gateway = os.environ.get("VERBATIM_DISCORD_GATEWAY")  # e.g. ws://127.0.0.1:PORT/gateway
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)

The second patch is needed because a plain ``discord.Client``/``commands.Bot`` never calls
``GET /gateway/bot`` (only ``AutoShardedClient`` does): it connects straight to
``DiscordWebSocket.DEFAULT_GATEWAY`` (``wss://gateway.discord.gg/``) and later to READY's
``resume_gateway_url`` (the stub points that back at itself). Interaction callbacks, followups
and ``@original`` edits (``discord/webhook/async_.py``) build their URLs from ``Route.BASE``
too, so nothing else needs patching (only the unused ``Webhook.url`` property hard-codes
discord.com). :func:`discord_py_pointed_at` applies both patches in-process.
"""

from __future__ import annotations

import contextlib
import re
import secrets
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from aiohttp import web

from .payloads import (
    DEFAULT_MEMBER_PERMISSIONS,
    JSON,
    Channel,
    Guild,
    InteractionType,
    MessageFlag,
    User,
    interaction_payload,
    member_payload,
    message_payload,
    new_snowflake,
    user_payload,
)
from .server import (
    Fault,
    RecordedRequest,
    StubConfig,
    StubInteraction,
    StubServer,
    UndeliveredEvent,
)

API_VERSION = 10

Place = Channel | User
"""Where a message is: a channel, or a user standing for the bot's DM channel with them."""


@contextlib.contextmanager
def discord_py_pointed_at(api_base: str, gateway_url: str) -> Iterator[None]:
    """Point the discord.py in *this* process at the stub for the duration of the block."""
    import discord.gateway
    import discord.http
    import yarl

    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway


class DiscordStub:
    """A fake Discord on 127.0.0.1 for the real discord.py client, driven by a test.

    ``guilds`` are the guilds the bot is in (sent as GUILD_CREATE after IDENTIFY). The bot user
    and application share one ID unless ``app_id`` is given, as for ordinary Discord bots.
    ``interaction_deadline`` is the 3 s Discord allows for the first interaction response;
    ``followup_window`` the 15 min for followups and ``@original`` edits. With
    ``enforce_intents`` the stub withholds events the client did not ask for (and blanks guild
    message content without the MESSAGE_CONTENT intent), like Discord.
    """

    def __init__(
        self,
        *,
        guilds: Sequence[Guild] = (),
        bot_user_id: str | None = None,
        bot_name: str = "Verbatim",
        app_id: str | None = None,
        token: str = "stub-bot-token",
        heartbeat_interval_ms: int = 41_250,
        interaction_deadline: float = 3.0,
        followup_window: float = 15 * 60.0,
        enforce_intents: bool = True,
        echo_own_messages: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.bot_user = User(bot_name, id=bot_user_id or new_snowflake(), bot=True)
        self.app_id = app_id or self.bot_user.id
        self.default_user = User("tester")
        # Permissions a user has in guild interactions, by user id (others get the default).
        self.member_permissions: dict[str, int] = {}
        """The user that slash/click/send_* act as when no ``user`` is given."""
        config = StubConfig(
            token=token,
            heartbeat_interval_ms=heartbeat_interval_ms,
            interaction_deadline=interaction_deadline,
            followup_window=followup_window,
            enforce_intents=enforce_intents,
            echo_own_messages=echo_own_messages,
        )
        self.server = StubServer(
            config=config,
            bot_user=self.bot_user,
            app_id=self.app_id,
            guilds=list(guilds),
            owner=User("app-owner"),
        )
        self.server.register_user(self.default_user)
        self._host = host
        self._port = port
        self._runner: web.AppRunner | None = None

    # ---------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        """Start serving on ``host:port`` (port 0 picks a free one)."""
        self._runner = web.AppRunner(self.server.app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        self._port = self._runner.addresses[0][1]

    async def close(self) -> None:
        """Close gateway connections and stop the HTTP server."""
        if self._runner is not None:
            await self.server.close_gateways()
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> DiscordStub:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # ---------------------------------------------------------------- addresses & config

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://{self._host}:{self._port}"

    @property
    def api_base(self) -> str:
        """What ``discord.http.Route.BASE`` must be: ``http://127.0.0.1:PORT/api/v10``."""
        return f"{self.base_url}/api/v{API_VERSION}"

    @property
    def gateway_url(self) -> str:
        """What ``DiscordWebSocket.DEFAULT_GATEWAY`` must be: ``ws://127.0.0.1:PORT/gateway``."""
        return f"ws://{self._host}:{self._port}/gateway"

    @property
    def token(self) -> str:
        """The bot token the stub accepts (REST ``Authorization: Bot <token>`` and IDENTIFY)."""
        return self.server.config.token

    def env(self) -> dict[str, str]:
        """Environment variables telling the bot process where the stub is."""
        return {"VERBATIM_DISCORD_API": self.api_base, "VERBATIM_DISCORD_GATEWAY": self.gateway_url}

    @property
    def guilds(self) -> list[Guild]:
        """The guilds the bot is in."""
        return list(self.server.guilds.values())

    def add_guild(self, guild: Guild) -> Guild:
        """Add a guild before the client identifies (it is sent in GUILD_CREATE)."""
        self.server.add_guild(guild)
        return guild

    @staticmethod
    def now() -> float:
        """The stub's clock (``time.monotonic()``), for ``since=`` arguments."""
        return time.monotonic()

    # ---------------------------------------------------------------- gateway state

    @property
    def identify_payload(self) -> JSON | None:
        """The ``d`` of the client's latest IDENTIFY (token, intents, properties, ...)."""
        return self.server.identify_payloads[-1] if self.server.identify_payloads else None

    @property
    def intents(self) -> int | None:
        """The intents the client identified with."""
        payload = self.identify_payload
        return None if payload is None else int(payload.get("intents") or 0)

    @property
    def identify_count(self) -> int:
        """How many times the client sent IDENTIFY (a RESUME does not count)."""
        return len(self.server.identify_payloads)

    @property
    def resume_count(self) -> int:
        """How many RESUMEs the stub accepted."""
        return self.server.resume_count

    @property
    def gateway_connected(self) -> bool:
        """Whether an identified client is connected right now."""
        return self.server.session is not None and self.server.session.connection is not None

    @property
    def undelivered(self) -> list[UndeliveredEvent]:
        """Events withheld because the client lacked the intent for them."""
        return list(self.server.undelivered)

    async def wait_identified(self, timeout: float = 20.0) -> JSON:
        """Wait for IDENTIFY (READY and GUILD_CREATEs have then been sent); return its ``d``."""
        return await self.server.wait_until(
            lambda: self.identify_payload, timeout, "the client to IDENTIFY"
        )

    async def wait_resumed(self, count: int = 1, timeout: float = 20.0) -> int:
        """Wait until the stub has accepted ``count`` RESUMEs in total."""
        return await self.server.wait_until(
            lambda: self.resume_count if self.resume_count >= count else None,
            timeout,
            f"RESUME number {count}",
        )

    async def drop_gateway(self, close_code: int | None = None) -> None:
        """Cut the gateway connection (TCP abort, or a close frame with ``close_code``).

        discord.py then reconnects to ``resume_gateway_url`` and RESUMEs; events dispatched
        meanwhile are queued and replayed.
        """
        await self.server.drop_gateway(close_code)

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT, as Discord does before moving a session."""
        await self.server.request_reconnect()

    async def dispatch(self, event: str, data: JSON) -> bool:
        """Send an arbitrary gateway event (no intent filtering)."""
        return await self.server.dispatch(event, data)

    # ---------------------------------------------------------------- REST log

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every REST request received so far, in the order they were answered."""
        return list(self.server.requests)

    @property
    def unknown_requests(self) -> list[RecordedRequest]:
        """Requests to routes the stub does not implement (answered 404/405)."""
        return [r for r in self.server.requests if not r.known_route]

    def find_requests(
        self,
        method: str | None = None,
        path: str | None = None,
        *,
        where: Callable[[RecordedRequest], bool] | None = None,
        since: float | None = None,
    ) -> list[RecordedRequest]:
        """Recorded requests matching ``method``, ``path`` (a regex that must match the whole
        path, e.g. ``r"/channels/\\d+/messages"``), ``where`` and ``received_at >= since``."""
        pattern = re.compile(path) if path is not None else None
        return [
            r
            for r in self.server.requests
            if (method is None or r.method == method.upper())
            and (pattern is None or pattern.fullmatch(r.path))
            and (since is None or r.received_at >= since)
            and (where is None or where(r))
        ]

    async def wait_for(
        self,
        method: str | None = None,
        path: str | None = None,
        *,
        where: Callable[[RecordedRequest], bool] | None = None,
        timeout: float = 10.0,
        since: float | None = None,
    ) -> RecordedRequest:
        """Wait for (or find already recorded) a request like :meth:`find_requests`; return
        the first match."""

        def first() -> RecordedRequest | None:
            found = self.find_requests(method, path, where=where, since=since)
            return found[0] if found else None

        return await self.server.wait_until(first, timeout, f"a request {method or ''} {path}")

    # ---------------------------------------------------------------- faults

    def fail_next(
        self,
        n: int = 1,
        status: int = 500,
        *,
        method: str | None = None,
        path: str | None = None,
    ) -> None:
        """Answer the next ``n`` matching REST requests with ``status`` (discord.py retries
        500/502/504/524 after 1 s, 3 s, ...; other statuses raise)."""
        self.server.faults.append(
            Fault(
                remaining=n,
                status=status,
                method=method.upper() if method else None,
                path=re.compile(path) if path else None,
            )
        )

    def rate_limit_next(
        self,
        n: int = 1,
        retry_after: float = 0.2,
        *,
        method: str | None = None,
        path: str | None = None,
        is_global: bool = False,
        scope: str = "user",
    ) -> None:
        """Answer the next ``n`` matching REST requests with 429 and ``retry_after`` seconds."""
        self.server.faults.append(
            Fault(
                remaining=n,
                status=429,
                retry_after=retry_after,
                is_global=is_global,
                scope="global" if is_global else scope,
                method=method.upper() if method else None,
                path=re.compile(path) if path else None,
            )
        )

    # ---------------------------------------------------------------- channels & messages

    def dm_channel(self, user: User) -> Channel:
        """The bot's DM channel with ``user``."""
        return self.server.dm_channel(user)

    def _channel_of(self, place: Place | str) -> Channel:
        if isinstance(place, User):
            return self.server.dm_channel(place)
        if isinstance(place, Channel):
            return place
        return self.server.channels[place]

    def messages_in(self, place: Place | str, *, include_users: bool = False) -> list[JSON]:
        """Messages in a channel (or the DM with a user), oldest first, as currently stored —
        by default only the bot's, including interaction responses and ephemeral ones."""
        channel = self._channel_of(place)
        ids = self.server.channel_message_ids.get(channel.id, [])
        messages = [self.server.messages[i] for i in ids if i in self.server.messages]
        if include_users:
            return messages
        return [m for m in messages if m["author"]["id"] == self.bot_user.id]

    def message(self, message_id: str) -> JSON:
        """A stored message by ID, as it is now."""
        return self.server.messages[message_id]

    async def wait_message(
        self,
        place: Place | str,
        where: Callable[[JSON], bool] | None = None,
        *,
        after: JSON | str | None = None,
        timeout: float = 10.0,
    ) -> JSON:
        """Wait for a bot message in the channel (or DM with a user) that is not "thinking…",
        newer than ``after`` (a message or ID) and satisfying ``where``; return it."""
        after_id = int(after["id"] if isinstance(after, dict) else after) if after else 0

        def found() -> JSON | None:
            for message in self.messages_in(place):
                loading = int(message.get("flags") or 0) & MessageFlag.LOADING
                if (
                    int(message["id"]) > after_id
                    and not loading
                    and (where is None or where(message))
                ):
                    return message
            return None

        return await self.server.wait_until(found, timeout, f"a bot message in {place!r}")

    async def send_dm(self, user: User, content: str, **fields: Any) -> JSON:
        """``user`` DMs the bot: dispatch MESSAGE_CREATE in their DM channel; return the message.

        Extra ``fields`` go into the message payload (e.g. ``embeds``, ``attachments``).
        """
        channel = self.server.dm_channel(user)
        return await self._user_message(channel, user, content, None, None, fields)

    async def send_channel_message(
        self,
        channel: Channel,
        user: User,
        content: str,
        *,
        mentions: Sequence[User] | None = None,
        reference: JSON | None = None,
        **fields: Any,
    ) -> JSON:
        """``user`` posts in a guild channel: dispatch MESSAGE_CREATE; return the message.

        ``mentions`` defaults to the known users ``<@id>``-mentioned in ``content``;
        ``reference`` (a message) makes it a reply.
        """
        return await self._user_message(channel, user, content, mentions, reference, fields)

    async def _user_message(
        self,
        channel: Channel,
        user: User,
        content: str,
        mentions: Sequence[User] | None,
        reference: JSON | None,
        fields: dict[str, Any],
    ) -> JSON:
        self.server.register_user(user)
        guild = self.server.guild_of(channel)
        if guild is not None and all(m.id != user.id for m in guild.members):
            guild.members.append(user)
        mentioned = list(mentions) if mentions is not None else self.server.mentioned_users(content)
        message = message_payload(
            message_id=new_snowflake(),
            channel=channel,
            author=user,
            content=content,
            mentions=mentioned,
            message_type=19 if reference else 0,
            message_reference=(
                {"message_id": reference["id"], "channel_id": channel.id, "type": 0}
                if reference
                else None
            ),
            referenced_message=reference,
        )
        if guild is not None:
            message["mentions"] = [
                {**user_payload(u), "member": member_payload(u, with_user=False)} for u in mentioned
            ]
        message.update(fields)
        self.server.store_message(message)
        await self.server.dispatch_message_event("MESSAGE_CREATE", message)
        return message

    # ---------------------------------------------------------------- interactions

    @property
    def interactions(self) -> list[StubInteraction]:
        """Every interaction dispatched so far."""
        return list(self.server.interactions.values())

    def commands(self, guild: Guild | str | None = None) -> list[JSON]:
        """The application commands the client synced (global, or for ``guild``)."""
        if guild is None:
            return list(self.server.global_commands)
        return list(self.server.guild_commands.get(self._guild(guild).id, []))

    async def wait_commands_synced(
        self, guild: Guild | str | None = None, timeout: float = 20.0
    ) -> list[JSON]:
        """Wait for a successful bulk overwrite (PUT) of the global (or ``guild``'s) commands."""
        target = (
            r"/applications/\d+/commands"
            if guild is None
            else rf"/applications/\d+/guilds/{self._guild(guild).id}/commands"
        )
        await self.wait_for("PUT", target, where=lambda r: r.status == 200, timeout=timeout)
        return self.commands(guild)

    def _guild(self, guild: Guild | str) -> Guild:
        return guild if isinstance(guild, Guild) else self.server.guilds[guild]

    def _place(
        self, user: User | None, guild: Guild | str | None, channel: Channel | None
    ) -> tuple[User, Guild | None, Channel]:
        user = self.server.register_user(user or self.default_user)
        if channel is not None:
            resolved_guild = self.server.guild_of(channel)
        elif guild is not None:
            resolved_guild = self._guild(guild)
            channel = resolved_guild.text_channels[0]
        else:
            resolved_guild, channel = None, self.server.dm_channel(user)
        if resolved_guild is not None and all(m.id != user.id for m in resolved_guild.members):
            resolved_guild.members.append(user)
        return user, resolved_guild, channel

    def _find_command(self, name: str, guild: Guild | None, kind: int = 1) -> JSON:
        candidates = list(self.server.guild_commands.get(guild.id, [])) if guild else []
        candidates += self.server.global_commands
        for command in candidates:
            if command["name"] == name and command.get("type", 1) == kind:
                contexts = command.get("contexts")
                context = 0 if guild is not None else 1
                if contexts is not None and context not in contexts:
                    continue
                if guild is None and command.get("dm_permission") is False:
                    continue
                return command
        where = f"in guild {guild.name!r}" if guild else "in DMs"
        synced = sorted({c["name"] for c in candidates})
        raise LookupError(f"no slash command /{name} is available {where}; synced: {synced}")

    async def slash(
        self,
        name: str,
        options: dict[str, Any] | None = None,
        *,
        user: User | None = None,
        guild: Guild | str | None = None,
        channel: Channel | None = None,
        locale: str = "en-US",
    ) -> StubInteraction:
        """``user`` runs ``/name`` (``"group sub"`` for subcommands) with ``options``.

        The command must have been synced; option types come from its definition (users and
        channels may be passed as :class:`User`/:class:`Channel`). Without ``guild``/``channel``
        it is run in the user's DM with the bot.
        """
        return await self._command_interaction(
            InteractionType.APPLICATION_COMMAND,
            name,
            options or {},
            None,
            user,
            guild,
            channel,
            locale,
        )

    async def message_command(
        self,
        name: str,
        target: JSON,
        *,
        user: User | None = None,
        guild: Guild | str | None = None,
        channel: Channel | None = None,
        locale: str = "en-US",
    ) -> StubInteraction:
        """``user`` runs the message context-menu command ``name`` (type 3) on ``target``, a
        message payload; as Discord does, the interaction carries the message in
        ``resolved.messages`` (no message-content intent needed)."""
        user, resolved_guild, channel = self._place(user, guild, channel)
        command = self._find_command(name, resolved_guild, kind=3)
        data: JSON = {
            "id": command["id"],
            "name": name,
            "type": 3,
            "target_id": target["id"],
            "resolved": {"messages": {target["id"]: target}},
        }
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        return await self._dispatch_interaction(
            InteractionType.APPLICATION_COMMAND, data, user, resolved_guild, channel, locale
        )

    async def autocomplete(
        self,
        name: str,
        focused: str,
        value: str,
        *,
        options: dict[str, Any] | None = None,
        user: User | None = None,
        guild: Guild | str | None = None,
        channel: Channel | None = None,
        locale: str = "en-US",
    ) -> StubInteraction:
        """``user`` types ``value`` into option ``focused`` of ``/name``; the answer's choices
        are in ``(await ix.wait_response())`` / ``ix.choices``."""
        values = {**(options or {}), focused: value}
        return await self._command_interaction(
            InteractionType.APPLICATION_COMMAND_AUTOCOMPLETE,
            name,
            values,
            focused,
            user,
            guild,
            channel,
            locale,
        )

    async def _command_interaction(
        self,
        kind: int,
        name: str,
        values: dict[str, Any],
        focused: str | None,
        user: User | None,
        guild: Guild | str | None,
        channel: Channel | None,
        locale: str,
    ) -> StubInteraction:
        user, resolved_guild, channel = self._place(user, guild, channel)
        top, *subs = name.split()
        command = self._find_command(top, resolved_guild)
        resolved: dict[str, dict[str, JSON]] = {}
        definition = command
        chain: list[JSON] = []
        for sub in subs:
            found = next((o for o in definition.get("options") or [] if o["name"] == sub), None)
            if found is None or found.get("type") not in (1, 2):
                raise LookupError(f"/{name}: {sub!r} is not a subcommand (group) of /{top}")
            chain.append(found)
            definition = found
        leaf = self._command_options(
            definition.get("options") or [], values, focused, resolved, resolved_guild
        )
        options = leaf
        for link in reversed(chain):
            options = [{"name": link["name"], "type": link["type"], "options": options}]
        data: JSON = {"id": command["id"], "name": top, "type": 1, "options": options}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if resolved:
            data["resolved"] = resolved
        return await self._dispatch_interaction(kind, data, user, resolved_guild, channel, locale)

    def _command_options(
        self,
        definitions: list[JSON],
        values: dict[str, Any],
        focused: str | None,
        resolved: dict[str, dict[str, JSON]],
        guild: Guild | None,
    ) -> list[JSON]:
        by_name = {o["name"]: o for o in definitions}
        unknown = set(values) - set(by_name)
        if unknown:
            raise ValueError(f"unknown options {sorted(unknown)}; the command has {list(by_name)}")
        options = []
        for option_name, definition in by_name.items():
            if option_name not in values:
                if definition.get("required") and focused is None:
                    raise ValueError(f"required option {option_name!r} is missing")
                continue
            value = values[option_name]
            item: JSON = {"name": option_name, "type": definition["type"]}
            if option_name == focused:
                item["value"], item["focused"] = str(value), True
            else:
                item["value"] = self._option_value(definition, value, resolved, guild)
            options.append(item)
        return options

    def _option_value(
        self,
        definition: JSON,
        value: Any,
        resolved: dict[str, dict[str, JSON]],
        guild: Guild | None,
    ) -> Any:
        kind = definition["type"]
        name = definition["name"]
        if kind in (6, 9) and isinstance(value, User):
            self.server.register_user(value)
            resolved.setdefault("users", {})[value.id] = user_payload(value)
            if guild is not None:
                resolved.setdefault("members", {})[value.id] = member_payload(
                    value, with_user=False, permissions=DEFAULT_MEMBER_PERMISSIONS
                )
            return value.id
        if kind == 7 and isinstance(value, Channel):
            entry = {"id": value.id, "name": value.name, "type": value.type, "permissions": "0"}
            resolved.setdefault("channels", {})[value.id] = entry
            return value.id
        if kind == 11:
            raise NotImplementedError("attachment options are not supported by the stub")
        expected: dict[int, type | tuple[type, ...]] = {
            3: str,
            4: int,
            5: bool,
            8: str,
            10: (int, float),
        }
        if kind in expected and (
            not isinstance(value, expected[kind]) or (kind in (4, 10) and isinstance(value, bool))
        ):
            raise TypeError(f"option {name!r} has type {kind}; got {value!r}")
        choices = definition.get("choices")
        if choices and value not in [c["value"] for c in choices]:
            raise ValueError(f"option {name!r} must be one of {[c['value'] for c in choices]}")
        return value

    async def click(
        self,
        custom_id: str,
        *,
        message: JSON | str,
        user: User | None = None,
        values: Sequence[str] | None = None,
    ) -> StubInteraction:
        """``user`` clicks the button (or picks ``values`` in the select) ``custom_id`` on a
        message the bot sent; dispatch the component interaction."""
        message_id = message["id"] if isinstance(message, dict) else message
        stored = self.server.messages[message_id]
        component = _find_component(stored.get("components") or [], custom_id)
        if component is None:
            raise LookupError(f"message {message_id} has no component {custom_id!r}")
        if component.get("disabled"):
            raise ValueError(f"component {custom_id!r} is disabled")
        if user is None:
            metadata_user = (stored.get("interaction_metadata") or {}).get("user") or {}
            user = self.server.users.get(metadata_user.get("id", ""), self.default_user)
        channel = self.server.channels[stored["channel_id"]]
        user, guild, channel = self._place(user, None, channel)
        data: JSON = {"custom_id": custom_id, "component_type": component["type"]}
        if values is not None or component["type"] != 2:
            data["values"] = list(values or [])
        return await self._dispatch_interaction(
            InteractionType.MESSAGE_COMPONENT, data, user, guild, channel, "en-US", stored
        )

    async def _dispatch_interaction(
        self,
        kind: int,
        data: JSON,
        user: User,
        guild: Guild | None,
        channel: Channel,
        locale: str,
        message: JSON | None = None,
    ) -> StubInteraction:
        payload = interaction_payload(
            interaction_id=new_snowflake(),
            token="aW50ZXJhY3Rpb246" + secrets.token_urlsafe(48),
            application_id=self.app_id,
            interaction_type=kind,
            data=data,
            user=user,
            channel=channel,
            guild=guild,
            app_permissions=self.server.bot_permissions_in(channel),
            message=message,
            locale=locale,
            **(
                {"member_permissions": self.member_permissions[user.id]}
                if user.id in self.member_permissions
                else {}
            ),
        )
        interaction = StubInteraction(
            self.server,
            payload,
            user=user,
            channel=channel,
            guild=guild,
            message_id=message["id"] if message else None,
        )
        self.server.interactions[interaction.id] = interaction

        def mark_dispatched() -> None:
            interaction.dispatched_at = time.monotonic()

        await self.server.dispatch("INTERACTION_CREATE", payload, before_send=mark_dispatched)
        return interaction


def _find_component(components: list[JSON], custom_id: str) -> JSON | None:
    """Find the component with ``custom_id`` anywhere in a (v1 or v2) component tree."""
    for component in components:
        if component.get("custom_id") == custom_id:
            return component
        children = list(component.get("components") or [])
        children += [component[k] for k in ("accessory", "component") if component.get(k)]
        found = _find_component(children, custom_id)
        if found is not None:
            return found
    return None
