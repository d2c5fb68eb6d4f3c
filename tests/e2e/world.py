"""The fake Discord's world: a bot, its application, a few users and one or more guilds.

Default cast, in every guild: the bot (with a managed bot role), ``owner`` (guild owner and application
owner), ``admin`` (a "Moderators" role with Manage Server, not an administrator) and ``member`` (a
plain member). Each guild has two text channels, ``#general`` and ``#news``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .discord_constants import BOT_PERMISSIONS, DM, EVERYONE_PERMISSIONS, MODERATOR_PERMISSIONS
from .models import (
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
    SnowflakeFactory,
    channel_permissions,
    snowflake_time,
)
from .waiting import FakeDiscordError


@dataclass
class World:
    """Everything the fake knows about users, guilds and channels."""

    new_id: SnowflakeFactory
    bot: FakeUser
    owner: FakeUser
    admin: FakeUser
    member: FakeUser
    guilds: list[FakeGuild]
    users: dict[int, FakeUser] = field(default_factory=dict)
    dm_channels: dict[int, FakeChannel] = field(default_factory=dict)

    @property
    def guild(self) -> FakeGuild:
        """The first guild."""
        return self.guilds[0]

    def find_user(self, user_id: int) -> FakeUser | None:
        """A user by id."""
        return self.users.get(user_id)

    def find_channel(self, channel_id: int) -> FakeChannel | None:
        """A guild or DM channel by id."""
        for guild in self.guilds:
            if channel_id in guild.channels:
                return guild.channels[channel_id]
        return next((c for c in self.dm_channels.values() if c.id == channel_id), None)

    def channel(self, channel_id: int) -> FakeChannel:
        """A channel that must exist."""
        channel = self.find_channel(channel_id)
        if channel is None:
            raise FakeDiscordError(f"unknown channel {channel_id}")
        return channel

    def find_guild(self, guild_id: int) -> FakeGuild | None:
        """A guild by id."""
        return next((g for g in self.guilds if g.id == guild_id), None)

    def guild_of(self, channel: FakeChannel) -> FakeGuild | None:
        """The guild a channel belongs to (None for DMs)."""
        return None if channel.guild_id is None else self.find_guild(channel.guild_id)

    def membership(self, guild: FakeGuild, user: FakeUser) -> FakeMember:
        """A user's member object in a guild."""
        try:
            return guild.members[user.id]
        except KeyError:
            raise FakeDiscordError(f"{user.username} is not a member of {guild.name}") from None

    def bot_permissions(self, channel: FakeChannel) -> int:
        """The bot's permissions in a channel (everything a DM allows for DMs)."""
        guild = self.guild_of(channel)
        if guild is None:
            return BOT_PERMISSIONS
        return channel_permissions(guild, self.membership(guild, self.bot), channel)

    def dm_channel(self, user: FakeUser) -> FakeChannel:
        """The DM channel between the bot and a user, created on first use."""
        if user.id not in self.dm_channels:
            self.dm_channels[user.id] = FakeChannel(id=self.new_id(), name="", type=DM, recipient=user)
        return self.dm_channels[user.id]

    def add_user(self, username: str, *, bot: bool = False) -> FakeUser:
        """Create a user known to the fake."""
        user = FakeUser(id=self.new_id(), username=username, bot=bot, global_name=username.title())
        self.users[user.id] = user
        return user

    def join(self, guild: FakeGuild, user: FakeUser, role_ids: list[int]) -> FakeMember:
        """Make a user a member of a guild with the given roles."""
        member = FakeMember(user=user, role_ids=role_ids, joined_at=snowflake_time(guild.id))
        guild.members[user.id] = member
        return member


def build_world(guild_count: int = 1) -> World:
    """Create the default cast and guild_count guilds (at least one)."""
    if guild_count < 1:
        raise ValueError(f"guild_count must be at least 1, got {guild_count}")
    new_id = SnowflakeFactory()
    world = World(
        new_id=new_id,
        bot=_user(new_id, "newsdesk", bot=True),
        owner=_user(new_id, "olivia"),
        admin=_user(new_id, "morgan"),
        member=_user(new_id, "alice"),
        guilds=[],
    )
    for user in (world.bot, world.owner, world.admin, world.member):
        world.users[user.id] = user
    for index in range(guild_count):
        world.guilds.append(_build_guild(world, "Newsroom" if index == 0 else f"Newsroom {index + 1}"))
    return world


def _user(new_id: SnowflakeFactory, username: str, *, bot: bool = False) -> FakeUser:
    """A user with a display name derived from the username."""
    return FakeUser(id=new_id(), username=username, bot=bot, global_name=None if bot else username.title())


def _build_guild(world: World, name: str) -> FakeGuild:
    """A guild with @everyone, Moderators and the bot's role, #general and #news, and the cast as members."""
    guild_id = world.new_id()
    guild = FakeGuild(id=guild_id, name=name, owner_id=world.owner.id)
    moderators = FakeRole(id=world.new_id(), name="Moderators", permissions=MODERATOR_PERMISSIONS, position=2)
    bot_role = FakeRole(
        world.new_id(), world.bot.username, BOT_PERMISSIONS, position=1, managed_by_bot=world.bot.id
    )
    for role in (
        FakeRole(id=guild_id, name="@everyone", permissions=EVERYONE_PERMISSIONS),
        moderators,
        bot_role,
    ):
        guild.roles[role.id] = role
    for position, (channel_name, topic) in enumerate(
        (("general", "Chat"), ("news", "Articles and questions"))
    ):
        channel = FakeChannel(world.new_id(), channel_name, guild_id=guild_id, position=position, topic=topic)
        guild.channels[channel.id] = channel
    world.join(guild, world.bot, [bot_role.id])
    world.join(guild, world.owner, [])
    world.join(guild, world.admin, [moderators.id])
    world.join(guild, world.member, [])
    return guild
