"""What every Discord feature shares: the bot, respond/send, the cooldown, the deadline."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import discord
from discord import app_commands

if TYPE_CHECKING:
    from bot.discord.client import VerbatimBot

log = logging.getLogger("verbatim")
T = TypeVar("T")

# Answer directly when we can; past this many seconds, defer so Discord's 3-second
# deadline for the first response is never missed.
DEFER_AFTER = 1.5


def bot_of(interaction: discord.Interaction[Any]) -> VerbatimBot:
    return cast("VerbatimBot", interaction.client)


def asking_quickly(retry_after: float) -> str:
    """What a user over their cooldown is told, on every channel."""
    return f"You're asking quickly. Try again in {max(1, round(retry_after))} s."


class Throttled(app_commands.CheckFailure):
    """The user is over their cooldown."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(f"retry after {retry_after:.0f} s")


async def _not_throttled(interaction: discord.Interaction[Any]) -> bool:
    wait = bot_of(interaction).service.cooldown.retry_after(interaction.user.id)
    if wait > 0:
        raise Throttled(wait)
    return True


limited = app_commands.check(_not_throttled)


def _given(kwargs: dict[str, Any]) -> dict[str, Any]:
    # discord.py tells "not given" (MISSING) from None: `view=None` makes send_message
    # call `view.is_finished()` once the message is sent, and raise.
    return {k: v for k, v in kwargs.items() if v is not None}


async def respond(interaction: discord.Interaction[Any], **kwargs: Any) -> None:
    """Send the first response, or a follow-up if the interaction was already answered;
    arguments that are None are not passed."""
    kwargs = _given(kwargs)
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


async def send(message: discord.Message, *, as_reply: bool, **kwargs: Any) -> None:
    """Answer `message` in its channel (as a reply that pings no one when `as_reply`);
    arguments that are None are not passed, and a refusal is logged, never raised."""
    kwargs = _given(kwargs)
    try:
        if as_reply:
            await message.reply(mention_author=False, **kwargs)
        else:
            await message.channel.send(**kwargs)
    except discord.Forbidden:
        log.warning("missing permissions to answer in channel %s", message.channel.id)
    except discord.HTTPException as exc:
        log.warning("could not answer in channel %s: %s", message.channel.id, exc)


async def within_deadline(
    interaction: discord.Interaction[Any], work: Awaitable[T], *, ephemeral: bool
) -> T:
    """Await `work`; if it is slow, defer first so the interaction does not expire."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
    if not done:
        await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    return await task
