"""A local stand-in for Discord's REST API and gateway, for end-to-end tests of the bot.

See :mod:`tests.discord_stub.driver` for how to use it and how to point discord.py at it.
"""

from .driver import DiscordStub, discord_py_pointed_at
from .payloads import (
    DEFAULT_BOT_PERMISSIONS,
    Channel,
    ChannelType,
    Guild,
    Intent,
    MessageFlag,
    Permission,
    User,
)
from .server import RecordedRequest, StubInteraction, UploadedFile

__all__ = [
    "DEFAULT_BOT_PERMISSIONS",
    "Channel",
    "ChannelType",
    "DiscordStub",
    "Guild",
    "Intent",
    "MessageFlag",
    "Permission",
    "RecordedRequest",
    "StubInteraction",
    "UploadedFile",
    "User",
    "discord_py_pointed_at",
]
