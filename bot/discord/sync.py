"""Command sync: our commands compared with Discord's copy, synced only when they differ."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

log = logging.getLogger("verbatim")


def _normalise(command: dict[str, Any]) -> dict[str, Any]:
    """A command payload with Discord's defaults filled in, for comparing local and remote."""
    keep = ("name", "description", "type", "nsfw", "default_member_permissions")
    out = {k: command.get(k) for k in keep}
    out["type"] = out["type"] or 1
    # Message commands have no description: discord.py sends none, Discord returns "".
    out["description"] = out["description"] or ""
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
        dev_guild = discord.Object(dev_guild_id)
        tree.copy_global_to(guild=dev_guild)
        targets.append(dev_guild)
    for guild in targets:
        local = [c.to_dict(tree) for c in tree.get_commands(guild=guild)]
        remote = await _remote_commands(tree, guild)
        where = f"guild {guild.id}" if guild else "global"
        if force or not same_commands(local, remote):
            synced = await tree.sync(guild=guild)
            log.info("synced %d %s commands", len(synced), where)
        else:
            log.info("%s commands are up to date; not syncing", where)
