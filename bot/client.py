"""The discord.py client: intents, allowed mentions, command sync policy, signals, run()."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from typing import Any

import discord
from discord import app_commands

from bot.admin import register_admin
from bot.commands import register
from bot.components import DYNAMIC_ITEMS
from bot.health import write_heartbeat
from bot.loopwatch import LoopWatch
from bot.messages import handle_message
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
        super().__init__(
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            shard_count=settings.shard_count,
            shard_ids=settings.shard_ids,
        )
        self.settings = settings
        self.service = service
        self.sync_only = sync_only
        self.tree: app_commands.CommandTree[VerbatimBot] = app_commands.CommandTree(
            self,
            allowed_contexts=app_commands.AppCommandContext(
                guild=True, dm_channel=True, private_channel=True
            ),
            allowed_installs=app_commands.AppInstallationType(guild=True, user=True),
        )
        register(self.tree)
        register_admin(self.tree)
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


def _normalise(command: dict[str, Any]) -> dict[str, Any]:
    """A command payload with Discord's defaults filled in, for comparing local and remote."""
    keep = ("name", "description", "type", "nsfw", "default_member_permissions")
    out = {k: command.get(k) for k in keep}
    out["type"] = out["type"] or 1
    out["nsfw"] = bool(out["nsfw"])
    # discord.py sends the permissions as a number; Discord returns them as a string.
    perms = out["default_member_permissions"]
    out["default_member_permissions"] = None if perms is None else int(perms)
    out["contexts"] = sorted(command.get("contexts") or [])
    out["integration_types"] = sorted(command.get("integration_types") or [])
    out["options"] = [_normalise_option(o) for o in command.get("options") or []]
    return out


def _normalise_option(option: dict[str, Any]) -> dict[str, Any]:
    out = {
        k: option.get(k)
        for k in (
            "type",
            "name",
            "description",
            "min_length",
            "max_length",
            "min_value",
            "max_value",
        )
    }
    out["required"] = bool(option.get("required"))
    out["autocomplete"] = bool(option.get("autocomplete"))
    out["choices"] = [(c["name"], c["value"]) for c in option.get("choices") or []]
    out["options"] = [_normalise_option(o) for o in option.get("options") or []]
    return out


def same_commands(local: list[dict[str, Any]], remote: list[dict[str, Any]]) -> bool:
    key = lambda c: c["name"]  # noqa: E731
    return sorted(map(_normalise, local), key=key) == sorted(map(_normalise, remote), key=key)


async def _remote_commands(
    tree: app_commands.CommandTree[Any], guild: discord.Object | None
) -> list[dict[str, Any]]:
    """Discord's copy of the commands as raw JSON. Not `tree.fetch_commands()`: discord.py
    2.7's `AppCommand.to_dict()` drops `default_member_permissions` and `nsfw`, and reads
    `contexts`/`integration_types` off by one ([0, 1, 2] comes back as [0, 1]), so the
    round trip never matched and every start re-synced."""
    app_id = tree.client.application_id
    if app_id is None:
        raise app_commands.MissingApplicationID
    http = tree.client.http
    if guild is None:
        return list(await http.get_global_commands(app_id))
    return list(await http.get_guild_commands(app_id, guild.id))


async def sync_commands(
    tree: app_commands.CommandTree[Any], dev_guild_id: int | None, *, force: bool
) -> None:
    """Sync globally (so commands work in DMs) and to the dev guild, only when Discord's
    copy differs from ours (or when forced by `python -m bot sync`)."""
    targets: list[discord.Object | None] = [None]
    if dev_guild_id:
        guild = discord.Object(dev_guild_id)
        tree.copy_global_to(guild=guild)
        targets.append(guild)
    for guild in targets:
        local = [c.to_dict(tree) for c in tree.get_commands(guild=guild)]
        remote = await _remote_commands(tree, guild)
        where = f"guild {guild.id}" if guild else "global"
        if force or not same_commands(local, remote):
            synced = await tree.sync(guild=guild)
            log.info("synced %d %s commands", len(synced), where)
        else:
            log.info("%s commands are up to date; not syncing", where)


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
