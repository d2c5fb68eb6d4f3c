"""The fake Discord's objects (users, roles, channels, members, guilds), snowflakes and permissions."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .discord_constants import ADMINISTRATOR, ALL_PERMISSIONS, GUILD_TEXT

JSON = dict[str, Any]

DISCORD_EPOCH_MS = 1_420_070_400_000
WORLD_START_MS = 1_735_689_600_000  # 2025-01-01T00:00:00Z: ids and timestamps are deterministic.


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
