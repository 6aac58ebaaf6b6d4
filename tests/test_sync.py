"""Command sync policy: our command payloads compared with Discord's copy, field by field
with Discord's defaults; where the commands may be used; no privileged intents."""

from __future__ import annotations

import copy
import socket
from collections.abc import Iterator
from typing import Any
from unittest.mock import AsyncMock

import discord
import pytest

from bot.discord.client import VerbatimBot, intents
from bot.discord.sync import same_commands, sync_commands
from bot.service import Service
from bot.settings import Settings
from retrieval.engine import Engine

APP_ID = 1111111111111111111
GUILD_ID = 2222222222222222222


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    yield


@pytest.fixture
def bot(engine: Engine, no_network: None) -> VerbatimBot:
    """The real client with its real command tree, built without connecting."""
    return VerbatimBot(Settings(), Service(engine))


@pytest.fixture
def local(bot: VerbatimBot) -> list[dict[str, Any]]:
    return [c.to_dict(bot.tree) for c in bot.tree.get_commands()]


def as_discord_returns(
    commands: list[dict[str, Any]], *, omit_defaults: bool, guild_id: int | None = None
) -> list[dict[str, Any]]:
    """The payloads as GET /applications/{id}/commands returns them: ids and versions
    added, snowflakes and permissions as strings, localisations null, and Discord's
    defaults (nsfw false, required false, ...) either spelled out or left out."""
    out = []
    for n, command in enumerate(reversed(commands)):  # Discord's order is not ours
        remote = copy.deepcopy(command)
        perms = remote.get("default_member_permissions")
        remote.update(
            id=str(10**18 + n),
            application_id=str(APP_ID),
            version=str(10**18 + 100 + n),
            default_member_permissions=None if perms is None else str(perms),
            name_localizations=None,
            description_localizations=None,
        )
        if guild_id is not None:
            remote["guild_id"] = str(guild_id)
        remote.pop("dm_permission", None)  # deprecated: Discord may or may not send it
        if remote.get("type") == 3:
            # A message command: Discord returns an empty description, which we never send.
            remote["description"] = ""
        for option in _options(remote):
            for choice in option.get("choices") or []:
                choice["name_localizations"] = None
            if omit_defaults:
                for key in ("required", "autocomplete"):
                    if option.get(key) is False:
                        del option[key]
                for key in [k for k, v in option.items() if v is None or v == []]:
                    del option[key]
        if omit_defaults:
            if remote.get("nsfw") is False:
                del remote["nsfw"]
            if not remote.get("options"):
                remote.pop("options", None)
        out.append(remote)
    return out


def _options(payload: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for option in payload.get("options") or []:
        yield option
        yield from _options(option)


@pytest.mark.parametrize("omit_defaults", [False, True])
def test_our_commands_equal_discords_copy_of_them(
    local: list[dict[str, Any]], omit_defaults: bool
) -> None:
    remote = as_discord_returns(local, omit_defaults=omit_defaults)
    assert same_commands(local, remote)
    assert same_commands(remote, local)


def test_a_guilds_copy_matches_too(
    local: list[dict[str, Any]],
) -> None:
    # A guild's commands come back with a guild_id as well.
    remote = as_discord_returns(local, omit_defaults=True, guild_id=GUILD_ID)
    assert same_commands(local, remote)


def _change(
    local: list[dict[str, Any]], edit: Any
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    remote = as_discord_returns(local, omit_defaults=True)
    changed = copy.deepcopy(local)
    edit(changed)
    return changed, remote


def _command(commands: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(c for c in commands if c["name"] == name)


def _option(commands: list[dict[str, Any]], command: str, name: str) -> dict[str, Any]:
    return next(o for o in _command(commands, command)["options"] if o["name"] == name)


EDITS = {
    "command description": lambda cs: _command(cs, "ask").update(description="Ask me."),
    "option description": lambda cs: _option(cs, "ask", "question").update(description="Q"),
    "option name": lambda cs: _option(cs, "ask", "private").update(name="secret"),
    "option type": lambda cs: _option(cs, "ask", "private").update(type=3),
    "option required": lambda cs: _option(cs, "ask", "private").update(required=True),
    "option max length": lambda cs: _option(cs, "ask", "question").update(max_length=200),
    "option autocomplete": lambda cs: _option(cs, "sources", "source").update(autocomplete=False),
    "option removed": lambda cs: _command(cs, "ask")["options"].pop(),
    "option added": lambda cs: _command(cs, "compare")["options"].append(
        {"type": 5, "name": "short", "description": "Shorter", "required": False}
    ),
    "choice name": lambda cs: _option(cs, "ask", "jurisdiction")["choices"][0].update(name="USA"),
    "choice value": lambda cs: _option(cs, "jurisdiction", "name")["choices"][2].update(value="CN"),
    "choice removed": lambda cs: _option(cs, "ask", "jurisdiction")["choices"].pop(),
    "command removed": lambda cs: cs.remove(_command(cs, "help")),
    "command added": lambda cs: cs.append(
        {"name": "quote", "description": "A quote.", "type": 1, "options": []}
    ),
    "command renamed": lambda cs: _command(cs, "about").update(name="info"),
    "nsfw": lambda cs: _command(cs, "ask").update(nsfw=True),
    "permissions": lambda cs: _command(cs, "stats").update(default_member_permissions=8),
    "contexts": lambda cs: _command(cs, "ask").update(contexts=[0]),
    "install types": lambda cs: _command(cs, "ask").update(integration_types=[0]),
}


@pytest.mark.parametrize("what", list(EDITS))
def test_any_change_is_a_difference(local: list[dict[str, Any]], what: str) -> None:
    changed, remote = _change(local, EDITS[what])
    assert not same_commands(changed, remote)


def test_every_command_works_in_guilds_dms_and_group_dms_and_for_user_installs(
    local: list[dict[str, Any]],
) -> None:
    assert {c["name"] for c in local} >= {"ask", "jurisdiction", "compare", "sources", "passage"}
    for command in local:
        assert command["contexts"] == [0, 1, 2], command["name"]
        assert command["integration_types"] == [0, 1], command["name"]


def test_no_privileged_intents() -> None:
    chosen = intents()
    assert not chosen.message_content and not chosen.members and not chosen.presences
    # What the bot needs: guild events, DMs and messages that mention it.
    assert chosen.guilds and chosen.dm_messages and chosen.guild_messages


def test_the_client_asks_for_those_intents_and_pings_no_one(bot: VerbatimBot) -> None:
    assert bot.intents.value == intents().value
    mentions = bot.allowed_mentions
    assert mentions is not None
    assert not (mentions.everyone or mentions.users or mentions.roles or mentions.replied_user)


# --- sync_commands: only when Discord's copy differs --------------------------------------


def _fake_discord(bot: VerbatimBot, remote: list[dict[str, Any]]) -> AsyncMock:
    bot._connection.application_id = APP_ID
    bot.http.get_global_commands = AsyncMock(return_value=remote)  # type: ignore[method-assign]
    bot.http.get_guild_commands = AsyncMock(return_value=remote)  # type: ignore[method-assign]
    sync = AsyncMock(return_value=[])
    bot.tree.sync = sync  # type: ignore[method-assign]
    return sync


async def test_no_sync_when_discord_has_our_commands(
    bot: VerbatimBot, local: list[dict[str, Any]]
) -> None:
    sync = _fake_discord(bot, as_discord_returns(local, omit_defaults=True))
    await sync_commands(bot.tree, None, force=False)
    sync.assert_not_awaited()


async def test_a_sync_when_they_differ_or_when_forced(
    bot: VerbatimBot, local: list[dict[str, Any]]
) -> None:
    changed = as_discord_returns(local, omit_defaults=True)
    changed[0]["description"] = "An older description."
    sync = _fake_discord(bot, changed)
    await sync_commands(bot.tree, None, force=False)
    sync.assert_awaited_once_with(guild=None)

    sync = _fake_discord(bot, as_discord_returns(local, omit_defaults=True))
    await sync_commands(bot.tree, None, force=True)
    sync.assert_awaited_once_with(guild=None)


async def test_the_dev_guild_gets_the_global_commands_too(
    bot: VerbatimBot, local: list[dict[str, Any]]
) -> None:
    sync = _fake_discord(bot, [])  # Discord has nothing yet, globally or in the guild
    await sync_commands(bot.tree, GUILD_ID, force=False)
    assert [call.kwargs["guild"] for call in sync.await_args_list] == [
        None,
        discord.Object(GUILD_ID),
    ]
    guild = [c.to_dict(bot.tree) for c in bot.tree.get_commands(guild=discord.Object(GUILD_ID))]
    assert same_commands(guild, local)
