"""The fake Discord's world (users, guilds, channels, roles) and the raw JSON payloads built from it.

The payload shapes follow Discord's API v10 as read by discord.py 2.7.1; every field that discord.py
indexes directly (``data["..."]``) is present, plus the optional fields a real payload carries.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

JSON = dict[str, Any]

DISCORD_EPOCH_MS = 1_420_070_400_000
WORLD_START_MS = 1_735_689_600_000  # 2025-01-01T00:00:00Z: ids and timestamps are deterministic.

# Permission bits (https://discord.com/developers/docs/topics/permissions).
CREATE_INSTANT_INVITE = 1 << 0
KICK_MEMBERS = 1 << 1
ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
MENTION_EVERYONE = 1 << 17
USE_EXTERNAL_EMOJIS = 1 << 18
CONNECT = 1 << 20
SPEAK = 1 << 21
CHANGE_NICKNAME = 1 << 26
USE_APPLICATION_COMMANDS = 1 << 31
CREATE_PUBLIC_THREADS = 1 << 35
SEND_MESSAGES_IN_THREADS = 1 << 38
ALL_PERMISSIONS = 8_866_461_766_385_663  # discord.Permissions.all().value in discord.py 2.7.1

EVERYONE_PERMISSIONS = (
    CREATE_INSTANT_INVITE
    | ADD_REACTIONS
    | VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | MENTION_EVERYONE
    | USE_EXTERNAL_EMOJIS
    | CONNECT
    | SPEAK
    | CHANGE_NICKNAME
    | USE_APPLICATION_COMMANDS
    | CREATE_PUBLIC_THREADS
    | SEND_MESSAGES_IN_THREADS
)
MODERATOR_PERMISSIONS = MANAGE_GUILD | MANAGE_MESSAGES | KICK_MEMBERS
BOT_PERMISSIONS = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | ADD_REACTIONS
    | USE_EXTERNAL_EMOJIS
    | SEND_MESSAGES_IN_THREADS
)

# Gateway intents (https://discord.com/developers/docs/events/gateway#gateway-intents).
INTENT_GUILD_MEMBERS = 1 << 1
INTENT_GUILD_PRESENCES = 1 << 8
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_GUILD_MESSAGE_REACTIONS = 1 << 10
INTENT_DIRECT_MESSAGES = 1 << 12
INTENT_DIRECT_MESSAGE_REACTIONS = 1 << 13
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_GUILD_MEMBERS | INTENT_GUILD_PRESENCES | INTENT_MESSAGE_CONTENT

# Channel and message constants.
GUILD_TEXT = 0
DM = 1
MESSAGE_DEFAULT = 0
MESSAGE_REPLY = 19
MESSAGE_CHAT_INPUT_COMMAND = 20
FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


class SnowflakeFactory:
    """Deterministic, increasing snowflakes whose timestamps start at WORLD_START_MS."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def __call__(self) -> int:
        """Return the next snowflake (one millisecond after the previous one)."""
        return (WORLD_START_MS - DISCORD_EPOCH_MS + next(self._counter)) << 22


def snowflake_time(snowflake: int) -> str:
    """ISO 8601 timestamp encoded in a snowflake, as Discord formats it."""
    ms = (snowflake >> 22) + DISCORD_EPOCH_MS
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC).isoformat()


@dataclass
class FakeUser:
    """A Discord user (or bot account)."""

    id: int
    username: str
    bot: bool = False
    global_name: str | None = None

    @property
    def mention(self) -> str:
        """The mention markup Discord clients insert for this user."""
        return f"<@{self.id}>"


@dataclass
class FakeRole:
    """A guild role; the @everyone role has the guild's id."""

    id: int
    name: str
    permissions: int
    position: int = 0
    managed_by_bot: int | None = None


@dataclass
class FakeChannel:
    """A guild text channel or a DM channel."""

    id: int
    name: str
    type: int = GUILD_TEXT
    guild_id: int | None = None
    position: int = 0
    topic: str | None = None
    overwrites: list[JSON] = field(default_factory=list)
    recipient: FakeUser | None = None


@dataclass
class FakeMember:
    """A user's membership of a guild."""

    user: FakeUser
    role_ids: list[int]
    joined_at: str
    nick: str | None = None


@dataclass
class FakeGuild:
    """A guild with its roles, channels and members."""

    id: int
    name: str
    owner_id: int
    roles: dict[int, FakeRole] = field(default_factory=dict)
    channels: dict[int, FakeChannel] = field(default_factory=dict)
    members: dict[int, FakeMember] = field(default_factory=dict)

    @property
    def everyone(self) -> FakeRole:
        """The @everyone role."""
        return self.roles[self.id]

    def text_channels(self) -> list[FakeChannel]:
        """The guild's text channels, by position."""
        return sorted(self.channels.values(), key=lambda c: c.position)


def user_payload(user: FakeUser) -> JSON:
    """A user object."""
    return {
        "id": str(user.id),
        "username": user.username,
        "discriminator": "0",
        "global_name": user.global_name,
        "avatar": None,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
        "primary_guild": None,
        "collectibles": None,
        "bot": user.bot,
        "system": False,
        "public_flags": 0,
        "flags": 0,
    }


def current_user_payload(user: FakeUser) -> JSON:
    """The ``GET /users/@me`` object (a user with account fields)."""
    return {**user_payload(user), "verified": True, "mfa_enabled": False, "locale": "en-US", "email": None}


def application_payload(application_id: int, bot: FakeUser, owner: FakeUser) -> JSON:
    """The ``GET /oauth2/applications/@me`` object."""
    return {
        "id": str(application_id),
        "name": bot.username,
        "description": "A fake application for end-to-end tests.",
        "icon": None,
        "bot_public": False,
        "bot_require_code_grant": False,
        "owner": user_payload(owner),
        "team": None,
        "verify_key": "0" * 64,
        "flags": 0,
        "summary": "",
        "tags": [],
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "approximate_guild_count": 1,
        "integration_types_config": {"0": {}},
        "bot": user_payload(bot),
    }


def role_payload(role: FakeRole) -> JSON:
    """A role object."""
    payload: JSON = {
        "id": str(role.id),
        "name": role.name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": role.position,
        "permissions": str(role.permissions),
        "managed": role.managed_by_bot is not None,
        "mentionable": False,
        "flags": 0,
    }
    if role.managed_by_bot is not None:
        payload["tags"] = {"bot_id": str(role.managed_by_bot)}
    return payload


def channel_payload(channel: FakeChannel) -> JSON:
    """A channel object (guild text channel or DM)."""
    if channel.type == DM:
        recipients = [user_payload(channel.recipient)] if channel.recipient else []
        return {
            "id": str(channel.id),
            "type": DM,
            "last_message_id": None,
            "flags": 0,
            "recipients": recipients,
        }
    return {
        "id": str(channel.id),
        "type": channel.type,
        "guild_id": str(channel.guild_id),
        "name": channel.name,
        "position": channel.position,
        "permission_overwrites": list(channel.overwrites),
        "parent_id": None,
        "topic": channel.topic,
        "nsfw": False,
        "rate_limit_per_user": 0,
        "last_message_id": None,
        "flags": 0,
    }


def partial_member_payload(member: FakeMember, *, permissions: int | None = None) -> JSON:
    """A guild member object without its ``user`` (as in messages and mentions)."""
    payload: JSON = {
        "roles": [str(r) for r in member.role_ids],
        "nick": member.nick,
        "avatar": None,
        "banner": None,
        "joined_at": member.joined_at,
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "communication_disabled_until": None,
        "unusual_dm_activity_until": None,
        "avatar_decoration_data": None,
    }
    if permissions is not None:
        payload["permissions"] = str(permissions)
    return payload


def member_payload(member: FakeMember, *, permissions: int | None = None) -> JSON:
    """A guild member object with its ``user``."""
    return {**partial_member_payload(member, permissions=permissions), "user": user_payload(member.user)}


def guild_permissions(guild: FakeGuild, member: FakeMember) -> int:
    """A member's guild-wide permissions (owner and administrators get every permission)."""
    if member.user.id == guild.owner_id:
        return ALL_PERMISSIONS
    permissions = guild.everyone.permissions
    for role_id in member.role_ids:
        permissions |= guild.roles[role_id].permissions
    return ALL_PERMISSIONS if permissions & ADMINISTRATOR else permissions


def channel_permissions(guild: FakeGuild, member: FakeMember, channel: FakeChannel) -> int:
    """A member's permissions in a channel, applying overwrites in Discord's order."""
    permissions = guild_permissions(guild, member)
    if permissions & ADMINISTRATOR or member.user.id == guild.owner_id:
        return ALL_PERMISSIONS
    for targets in _overwrite_layers(guild, member):
        allow, deny = _sum_overwrites(channel.overwrites, targets)
        permissions = (permissions & ~deny) | allow
    return permissions


def _overwrite_layers(guild: FakeGuild, member: FakeMember) -> Iterator[set[str]]:
    """Overwrite targets in the order Discord applies them: @everyone, roles, the member."""
    yield {str(guild.id)}
    yield {str(r) for r in member.role_ids}
    yield {str(member.user.id)}


def _sum_overwrites(overwrites: Iterable[JSON], targets: set[str]) -> tuple[int, int]:
    """Combined (allow, deny) of the overwrites aimed at the given targets."""
    allow = deny = 0
    for overwrite in overwrites:
        if str(overwrite["id"]) in targets:
            allow |= int(overwrite.get("allow", 0))
            deny |= int(overwrite.get("deny", 0))
    return allow, deny


def guild_payload(guild: FakeGuild, *, include_all_members: bool, joined_at: str) -> JSON:
    """A GUILD_CREATE payload; without the members intent Discord sends only the bot's member."""
    members = [m for m in guild.members.values() if include_all_members or m.user.bot]
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(guild.owner_id),
        "region": None,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "widget_enabled": False,
        "widget_channel_id": None,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 2,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": "en-US",
        "system_channel_id": str(guild.text_channels()[0].id),
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "max_members": 500000,
        "max_presences": None,
        "max_video_channel_users": 25,
        "max_stage_video_channel_users": 50,
        "features": [],
        "roles": [role_payload(r) for r in guild.roles.values()],
        "emojis": [],
        "stickers": [],
        "soundboard_sounds": [],
        "application_id": None,
        "incidents_data": None,
        "joined_at": joined_at,
        "large": False,
        "unavailable": False,
        "lazy": True,
        "member_count": len(guild.members),
        "members": [member_payload(m) for m in members],
        "channels": [channel_payload(c) for c in guild.text_channels()],
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "embedded_activities": [],
        "activity_instances": [],
    }


def ready_payload(
    *, bot: FakeUser, application_id: int, guild_ids: Iterable[int], session_id: str, resume_url: str
) -> JSON:
    """A READY payload: every guild starts unavailable and arrives later as GUILD_CREATE."""
    return {
        "v": 10,
        "user": current_user_payload(bot),
        "user_settings": {},
        "guilds": [{"id": str(g), "unavailable": True} for g in guild_ids],
        "session_id": session_id,
        "session_type": "normal",
        "resume_gateway_url": resume_url,
        "application": {"id": str(application_id), "flags": 0},
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": ["rotterdam"],
        "auth_session_id_hash": "fake",
        "_trace": ['["fake-discord-gateway",{"micros":0}]'],
    }


def attachment_payload(
    attachment_id: int, filename: str, data: bytes, content_type: str | None, url: str
) -> JSON:
    """An attachment object whose URL is served by the fake."""
    return {
        "id": str(attachment_id),
        "filename": filename,
        "size": len(data),
        "url": url,
        "proxy_url": url,
        "content_type": content_type,
        "flags": 0,
    }
