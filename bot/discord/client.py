"""The discord.py client: intents, allowed mentions, heartbeat, signals, run()."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from typing import Any

import discord

from bot.discord.components import DYNAMIC_ITEMS
from bot.discord.dms_and_mentions import handle_message
from bot.discord.sync import sync_commands
from bot.discord.tree import VerbatimTree
from bot.health import write_heartbeat
from bot.loopwatch import LoopWatch
from bot.service import Service
from bot.settings import Settings

log = logging.getLogger("verbatim")

# View Channel, Send Messages, Send Messages in Threads, Embed Links, Read Message History
# (a reply needs it): all the bot uses, nothing more.
INVITE_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    send_messages_in_threads=True,
    embed_links=True,
    read_message_history=True,
)


def intents() -> discord.Intents:
    """The default intents; never the privileged message_content, members or presences.
    Slash commands, DMs and messages that mention the bot arrive with their content."""
    chosen = discord.Intents.default()
    chosen.message_content = False
    chosen.members = False
    chosen.presences = False
    return chosen


class VerbatimBot(discord.AutoShardedClient):
    """Verbatim on Discord: a thin skin over `Service`."""

    def __init__(self, settings: Settings, service: Service, *, sync_only: bool = False) -> None:
        shards: dict[str, Any] = {"shard_count": settings.shard_count}
        if settings.shard_ids is not None:
            # discord.py types shard_ids as a list when given; left out, it chooses them.
            shards["shard_ids"] = settings.shard_ids
        super().__init__(
            intents=intents(), allowed_mentions=discord.AllowedMentions.none(), **shards
        )
        self.settings = settings
        self.service = service
        self.sync_only = sync_only
        self.tree = VerbatimTree(self)
        self._owner_ids: set[int] | None = None
        self._heartbeat: asyncio.Task[None] | None = None
        self.loopwatch = LoopWatch()

    async def setup_hook(self) -> None:
        self.loopwatch.start()
        self.add_dynamic_items(*DYNAMIC_ITEMS)
        await sync_commands(self.tree, self.settings.dev_guild_id, force=self.sync_only)
        if self.sync_only:
            await self.close()
            return
        self._heartbeat = asyncio.create_task(self._beat())

    async def _beat(self) -> None:
        """Write the liveness file while the gateway is up (Docker's HEALTHCHECK reads it)."""
        await self.wait_until_ready()
        while not self.is_closed():
            connected = self.is_ready() and all(not s.is_closed() for s in self.shards.values())
            try:
                write_heartbeat(
                    self.settings.data_folder,
                    connected=connected,
                    latency=self.latency,
                    shards=len(self.shards),
                    stall=self.loopwatch.max_stall,
                )
            except OSError as exc:
                log.warning("cannot write the health file: %s", exc)
            await asyncio.sleep(self.settings.health_interval)

    async def is_owner(self, user: discord.abc.User) -> bool:
        """The application's owner or team members, and VERBATIM_OWNER_IDS."""
        if user.id in self.settings.owner_ids:
            return True
        if self._owner_ids is None:
            app = await self.application_info()
            self._owner_ids = {m.id for m in app.team.members} if app.team else {app.owner.id}
        return user.id in self._owner_ids

    async def on_ready(self) -> None:
        user = self.user
        log.info("connected as %s (%s) to %d guilds", user, user and user.id, len(self.guilds))

    async def on_message(self, message: discord.Message) -> None:
        await handle_message(self, message)

    def invite_url(self) -> str | None:
        if self.application_id is None:
            return None
        return discord.utils.oauth_url(
            self.application_id,
            permissions=INVITE_PERMISSIONS,
            scopes=("bot", "applications.commands"),
        )

    async def close(self) -> None:
        if self._heartbeat is not None:
            self._heartbeat.cancel()
        self.loopwatch.stop()
        await super().close()
        await self.service.close()


def point_at(api: str, gateway: str | None) -> None:
    """Talk to another Discord API (the tests' local stand-in) instead of discord.com."""
    import yarl

    discord.http.Route.BASE = api.rstrip("/")
    if gateway:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)


def run(settings: Settings, *, sync_only: bool = False) -> int:
    """Connect and serve until SIGTERM/SIGINT; SIGHUP reloads the corpus."""
    discord.utils.setup_logging(level=getattr(logging, settings.log_level))
    if not settings.token:
        print("error: DISCORD_TOKEN is not set", file=sys.stderr)
        return 2
    if settings.discord_api:
        point_at(settings.discord_api, settings.discord_gateway)
    service = Service.from_settings(settings)  # a CorpusError is reported by the caller
    bot = VerbatimBot(settings, service, sync_only=sync_only)
    try:
        asyncio.run(_serve(bot, settings.token))
    except discord.LoginFailure:
        print(
            "error: Discord rejected DISCORD_TOKEN "
            "(is it the bot token from the Developer Portal?)",
            file=sys.stderr,
        )
        return 1
    except discord.PrivilegedIntentsRequired:
        print("error: Discord refused the gateway intents", file=sys.stderr)
        return 1
    return 0


async def _serve(bot: VerbatimBot, token: str) -> None:
    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()

    def stop() -> None:
        log.info("shutting down")
        stopping.set()

    reloads: set[asyncio.Task[object]] = set()

    def reload() -> None:
        log.info("SIGHUP: reloading the corpus")
        task: asyncio.Task[object] = loop.create_task(bot.service.reload())
        reloads.add(task)
        task.add_done_callback(reloads.discard)

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop)
    with contextlib.suppress(AttributeError, NotImplementedError):
        loop.add_signal_handler(signal.SIGHUP, reload)
    async with bot:
        runner = asyncio.create_task(bot.start(token))
        waiter = asyncio.create_task(stopping.wait())
        done, _ = await asyncio.wait({runner, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if runner in done:
            waiter.cancel()
            runner.result()  # re-raise LoginFailure and the like
            return
        await bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await runner
