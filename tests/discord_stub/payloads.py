"""Discord data model for the stub: snowflakes, users, guilds, channels and JSON builders.

The classes here describe *what exists* in the fake Discord (who the users are, which guilds and
channels there are, what the bot may do in each channel). The ``*_payload`` functions turn them
into the JSON shapes Discord sends, with every field discord.py 2.7.1 reads unconditionally
(``discord/types/*.py`` marks the rest ``NotRequired``).
"""

from __future__ import annotations

import datetime as dt
import enum
import threading
import time
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]

DISCORD_EPOCH_MS = 1_420_070_400_000
"""Discord's epoch (2015-01-01T00:00:00Z); snowflakes count milliseconds from it."""

_snowflake_lock = threading.Lock()
_last_snowflake = 0
_worker_bits = 1 << 17  # worker id 1, process id 0


def new_snowflake() -> str:
    """Return a fresh, strictly increasing snowflake ID (as a string, like Discord's JSON).

    The timestamp part is the current time, so ``discord.utils.snowflake_time`` (used by
    discord.py for e.g. ``Interaction.created_at``/``expires_at``) gives sensible values.
    """
    global _last_snowflake
    with _snowflake_lock:
        candidate = ((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22) | _worker_bits
        _last_snowflake = max(candidate, _last_snowflake + 1)
        return str(_last_snowflake)


def iso_now() -> str:
    """The current UTC time as an ISO 8601 timestamp, as Discord formats them."""
    return dt.datetime.now(dt.UTC).isoformat()


class Permission(enum.IntFlag):
    """The permission bits the stub looks at (values as in Discord's API)."""

    CREATE_INSTANT_INVITE = 1 << 0
    ADMINISTRATOR = 1 << 3
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    USE_APPLICATION_COMMANDS = 1 << 31
    SEND_MESSAGES_IN_THREADS = 1 << 38


ALL_PERMISSIONS = (1 << 53) - 1

DEFAULT_BOT_PERMISSIONS = (
    Permission.VIEW_CHANNEL
    | Permission.SEND_MESSAGES
    | Permission.EMBED_LINKS
    | Permission.ATTACH_FILES
    | Permission.READ_MESSAGE_HISTORY
    | Permission.ADD_REACTIONS
    | Permission.USE_EXTERNAL_EMOJIS
    | Permission.SEND_MESSAGES_IN_THREADS
)
"""What the bot's role may do unless a test says otherwise: a normally invited bot."""

DEFAULT_MEMBER_PERMISSIONS = (
    Permission.VIEW_CHANNEL
    | Permission.SEND_MESSAGES
    | Permission.EMBED_LINKS
    | Permission.ATTACH_FILES
    | Permission.READ_MESSAGE_HISTORY
    | Permission.ADD_REACTIONS
    | Permission.USE_APPLICATION_COMMANDS
)
"""The permissions reported for human members in interaction payloads."""


class Intent(enum.IntFlag):
    """Gateway intents the stub enforces when deciding whether to deliver an event."""

    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_MESSAGES = 1 << 9
    GUILD_MESSAGE_REACTIONS = 1 << 10
    DIRECT_MESSAGES = 1 << 12
    DIRECT_MESSAGE_REACTIONS = 1 << 13
    MESSAGE_CONTENT = 1 << 15


class ChannelType(enum.IntEnum):
    """Channel types used by the stub."""

    GUILD_TEXT = 0
    DM = 1
    GUILD_CATEGORY = 4
    GUILD_ANNOUNCEMENT = 5


class MessageFlag(enum.IntFlag):
    """Message flags the stub interprets."""

    SUPPRESS_EMBEDS = 1 << 2
    EPHEMERAL = 1 << 6
    LOADING = 1 << 7
    SUPPRESS_NOTIFICATIONS = 1 << 12
    IS_COMPONENTS_V2 = 1 << 15


@dataclass(eq=False)
class User:
    """A Discord user (a human tester by default, or the bot itself with ``bot=True``)."""

    username: str
    id: str = field(default_factory=new_snowflake)
    bot: bool = False
    global_name: str | None = None

    @property
    def mention(self) -> str:
        """The ``<@id>`` text that mentions this user."""
        return f"<@{self.id}>"


@dataclass(eq=False)
class Channel:
    """A text channel in a guild, or a DM channel (``type=ChannelType.DM``, ``recipient`` set).

    ``bot_allow``/``bot_deny`` are a permission overwrite on the bot's role in this channel, so
    a test can make e.g. a channel where the bot cannot send messages or embed links.
    """

    name: str
    id: str = field(default_factory=new_snowflake)
    type: int = ChannelType.GUILD_TEXT
    guild_id: str | None = None
    recipient: User | None = None
    bot_allow: int = 0
    bot_deny: int = 0
    position: int = 0
    topic: str | None = None

    @property
    def is_dm(self) -> bool:
        """Whether this is a DM channel."""
        return self.type == ChannelType.DM

    @property
    def mention(self) -> str:
        """The ``<#id>`` text that mentions this channel."""
        return f"<#{self.id}>"


@dataclass(eq=False)
class Guild:
    """A guild the bot is a member of, with its channels, members and the bot's role.

    The @everyone role has ``everyone_permissions`` (0 by default, so that the bot's effective
    permissions are exactly ``bot_permissions`` plus any channel overwrite).
    """

    name: str = "Test Guild"
    channels: list[Channel] = field(default_factory=lambda: [Channel("general")])
    members: list[User] = field(default_factory=list)
    bot_permissions: int = DEFAULT_BOT_PERMISSIONS
    everyone_permissions: int = 0
    owner: User = field(default_factory=lambda: User("guild-owner"))
    id: str = field(default_factory=new_snowflake)
    bot_role_id: str = field(default_factory=new_snowflake)
    locale: str = "en-US"

    def __post_init__(self) -> None:
        for position, channel in enumerate(self.channels):
            channel.guild_id = self.id
            channel.position = position
        if all(member.id != self.owner.id for member in self.members):
            self.members.insert(0, self.owner)

    def channel(self, name: str) -> Channel:
        """The channel called ``name`` (raises ``KeyError`` if there is none)."""
        for channel in self.channels:
            if channel.name == name:
                return channel
        raise KeyError(f"guild {self.name!r} has no channel {name!r}")

    @property
    def text_channels(self) -> list[Channel]:
        """The guild's text channels, in position order."""
        return [c for c in self.channels if c.type == ChannelType.GUILD_TEXT]

    def bot_permissions_in(self, channel: Channel) -> int:
        """The bot's effective permissions in ``channel`` (roles, then the channel overwrite)."""
        base = self.everyone_permissions | self.bot_permissions
        if base & Permission.ADMINISTRATOR:
            return ALL_PERMISSIONS
        return (base & ~channel.bot_deny) | channel.bot_allow


# --------------------------------------------------------------------------- JSON builders


def user_payload(user: User) -> JSON:
    """A user object (``discord/types/user.py::User``)."""
    payload: JSON = {
        "id": user.id,
        "username": user.username,
        "discriminator": "0",
        "global_name": user.global_name,
        "avatar": None,
        "public_flags": 0,
        "flags": 0,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
    }
    if user.bot:
        payload["bot"] = True
    return payload


def client_user_payload(user: User) -> JSON:
    """The bot's own user, as in ``GET /users/@me`` and READY."""
    return {**user_payload(user), "verified": True, "mfa_enabled": False, "locale": "en-US"}


def member_payload(
    user: User,
    roles: list[str] | None = None,
    *,
    with_user: bool = True,
    permissions: int | None = None,
) -> JSON:
    """A guild member. ``with_user=False`` gives the partial member embedded in messages."""
    payload: JSON = {
        "roles": roles or [],
        "joined_at": "2024-01-01T00:00:00+00:00",
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "nick": None,
        "avatar": None,
        "communication_disabled_until": None,
    }
    if with_user:
        payload["user"] = user_payload(user)
    if permissions is not None:
        payload["permissions"] = str(permissions)
    return payload


def role_payload(role_id: str, name: str, permissions: int, position: int) -> JSON:
    """A role object."""
    return {
        "id": role_id,
        "name": name,
        "permissions": str(permissions),
        "position": position,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def channel_payload(channel: Channel, guild: Guild | None = None) -> JSON:
    """A channel object: a guild text channel (with the bot-role overwrite) or a DM channel."""
    if channel.is_dm:
        recipients = [user_payload(channel.recipient)] if channel.recipient else []
        return {
            "id": channel.id,
            "type": ChannelType.DM,
            "last_message_id": None,
            "recipients": recipients,
            "flags": 0,
        }
    overwrites = []
    if guild is not None and (channel.bot_allow or channel.bot_deny):
        overwrites.append(
            {
                "id": guild.bot_role_id,
                "type": 0,
                "allow": str(channel.bot_allow),
                "deny": str(channel.bot_deny),
            }
        )
    return {
        "id": channel.id,
        "type": channel.type,
        "guild_id": channel.guild_id,
        "name": channel.name,
        "position": channel.position,
        "permission_overwrites": overwrites,
        "nsfw": False,
        "topic": channel.topic,
        "last_message_id": None,
        "parent_id": None,
        "rate_limit_per_user": 0,
        "flags": 0,
    }


def guild_create_payload(guild: Guild, bot_user: User) -> JSON:
    """The full guild object sent in GUILD_CREATE (``discord/types/gateway.py``).

    ``member_count`` equals the number of members sent, so discord.py considers the guild
    "chunked" and does not need to request members.
    """
    members = [member_payload(bot_user, [guild.bot_role_id])]
    members += [member_payload(user) for user in guild.members if user.id != bot_user.id]
    return {
        "id": guild.id,
        "name": guild.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": guild.owner.id,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": [
            role_payload(guild.id, "@everyone", guild.everyone_permissions, 0),
            role_payload(guild.bot_role_id, bot_user.username, guild.bot_permissions, 1),
        ],
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": guild.locale,
        "nsfw_level": 0,
        "max_members": 500_000,
        "max_video_channel_users": 25,
        "max_stage_video_channel_users": 50,
        "incidents_data": None,
        "joined_at": "2024-01-01T00:00:00+00:00",
        "large": False,
        "unavailable": False,
        "lazy": True,
        "member_count": len(members),
        "members": members,
        "channels": [channel_payload(c, guild) for c in guild.channels],
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }


def ready_payload(
    *,
    bot_user: User,
    app_id: str,
    app_flags: int,
    guilds: list[Guild],
    session_id: str,
    resume_gateway_url: str,
    shard: list[int],
) -> JSON:
    """The READY event: the bot user, its application, and every guild as unavailable."""
    return {
        "v": 10,
        "user": client_user_payload(bot_user),
        "user_settings": {},
        "guilds": [{"id": g.id, "unavailable": True} for g in guilds],
        "private_channels": [],
        "presences": [],
        "relationships": [],
        "guild_join_requests": [],
        "session_id": session_id,
        "session_type": "normal",
        "resume_gateway_url": resume_gateway_url,
        "shard": shard,
        "application": {"id": app_id, "flags": app_flags},
        "geo_ordered_rtc_regions": [],
        "auth_session_id_hash": "",
        "_trace": ['["stub-gateway",{"micros":1}]'],
    }


def application_payload(app_id: str, bot_user: User, owner: User, flags: int) -> JSON:
    """``GET /oauth2/applications/@me`` (``discord/types/appinfo.py::AppInfo``)."""
    return {
        "id": app_id,
        "name": bot_user.username,
        "icon": None,
        "description": "",
        "summary": "",
        "type": None,
        "rpc_origins": [],
        "bot_public": True,
        "bot_require_code_grant": False,
        "bot": user_payload(bot_user),
        "owner": user_payload(owner),
        "team": None,
        "verify_key": "0" * 64,
        "flags": flags,
        "tags": [],
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "integration_types_config": {"0": {}},
        "approximate_guild_count": 1,
    }


def message_payload(
    *,
    message_id: str,
    channel: Channel,
    author: User,
    content: str = "",
    member_roles: list[str] | None = None,
    embeds: list[JSON] | None = None,
    components: list[JSON] | None = None,
    attachments: list[JSON] | None = None,
    mentions: list[User] | None = None,
    flags: int = 0,
    message_type: int = 0,
    message_reference: JSON | None = None,
    referenced_message: JSON | None = None,
    webhook_id: str | None = None,
    application_id: str | None = None,
    interaction_metadata: JSON | None = None,
    nonce: str | None = None,
) -> JSON:
    """A full message object (``discord/types/message.py::Message``).

    For guild channels the author's partial ``member`` and ``guild_id`` are included, as in
    MESSAGE_CREATE.
    """
    payload: JSON = {
        "id": message_id,
        "channel_id": channel.id,
        "type": message_type,
        "author": user_payload(author),
        "content": content,
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [user_payload(u) for u in mentions or []],
        "mention_roles": [],
        "attachments": attachments or [],
        "embeds": embeds or [],
        "reactions": [],
        "pinned": False,
        "flags": int(flags),
        "components": components or [],
    }
    if channel.guild_id is not None:
        payload["guild_id"] = channel.guild_id
        if webhook_id is None:
            payload["member"] = member_payload(author, member_roles, with_user=False)
    if message_reference is not None:
        payload["message_reference"] = message_reference
    if referenced_message is not None:
        payload["referenced_message"] = referenced_message
    if webhook_id is not None:
        payload["webhook_id"] = webhook_id
    if application_id is not None:
        payload["application_id"] = application_id
    if interaction_metadata is not None:
        payload["interaction_metadata"] = interaction_metadata
    if nonce is not None:
        payload["nonce"] = nonce
    return payload


class InteractionType(enum.IntEnum):
    """Interaction types (what the user did)."""

    PING = 1
    APPLICATION_COMMAND = 2
    MESSAGE_COMPONENT = 3
    APPLICATION_COMMAND_AUTOCOMPLETE = 4
    MODAL_SUBMIT = 5


class CallbackType(enum.IntEnum):
    """Interaction callback (response) types."""

    PONG = 1
    CHANNEL_MESSAGE_WITH_SOURCE = 4
    DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE = 5
    DEFERRED_UPDATE_MESSAGE = 6
    UPDATE_MESSAGE = 7
    APPLICATION_COMMAND_AUTOCOMPLETE_RESULT = 8
    MODAL = 9


ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


def interaction_payload(
    *,
    interaction_id: str,
    token: str,
    application_id: str,
    interaction_type: int,
    data: JSON,
    user: User,
    channel: Channel,
    guild: Guild | None,
    app_permissions: int,
    member_permissions: int = DEFAULT_MEMBER_PERMISSIONS,
    message: JSON | None = None,
    locale: str = "en-US",
) -> JSON:
    """An INTERACTION_CREATE payload (``discord/types/interactions.py``).

    discord.py 2.7.1 indexes ``id``, ``type``, ``token``, ``version``, ``application_id`` and
    ``attachment_size_limit`` directly; guild interactions carry ``member`` (with ``user``),
    DM ones carry ``user``.
    """
    payload: JSON = {
        "id": interaction_id,
        "application_id": application_id,
        "type": interaction_type,
        "data": data,
        "token": token,
        "version": 1,
        "channel": channel_payload(channel, guild),
        "channel_id": channel.id,
        "locale": locale,
        "app_permissions": str(app_permissions),
        "entitlements": [],
        "entitlement_sku_ids": [],
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }
    if guild is not None:
        payload["guild_id"] = guild.id
        payload["guild"] = {"id": guild.id, "locale": guild.locale, "features": []}
        payload["guild_locale"] = guild.locale
        payload["member"] = member_payload(user, permissions=member_permissions)
        payload["context"] = 0
        payload["authorizing_integration_owners"] = {"0": guild.id}
    else:
        payload["user"] = user_payload(user)
        payload["context"] = 1
        payload["authorizing_integration_owners"] = {"0": "0"}
    if message is not None:
        payload["message"] = message
    return payload
