"""The fake Discord's world as tests see it: the cast, channels and stored messages, and setting them up."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .discord_constants import MESSAGE_DEFAULT, MESSAGE_REPLY
from .interactions import FakeInteraction
from .models import FakeChannel, FakeGuild, FakeRole, FakeUser
from .store import MessageStore, Upload
from .waiting import FakeDiscordError
from .world import World

JSON = dict[str, Any]


class WorldAccess:
    """The bot, its users, guilds and channels, and the messages the fake has stored (a FakeDiscord mixin)."""

    world: World
    store: MessageStore

    # -- the world -----------------------------------------------------------------------------------

    @property
    def bot(self) -> FakeUser:
        """The bot's user."""
        return self.world.bot

    @property
    def application_id(self) -> int:
        """The application id (the same as the bot's user id, as for modern apps)."""
        return self.world.bot.id

    @property
    def owner(self) -> FakeUser:
        """The guild owner, also the application's owner."""
        return self.world.owner

    @property
    def admin(self) -> FakeUser:
        """A member whose Moderators role grants Manage Server (not Administrator)."""
        return self.world.admin

    @property
    def member(self) -> FakeUser:
        """A plain member with @everyone's permissions only."""
        return self.world.member

    @property
    def guild(self) -> FakeGuild:
        """The first guild."""
        return self.world.guild

    @property
    def channel(self) -> FakeChannel:
        """The first guild's #general."""
        return self.guild.text_channels()[0]

    @property
    def news_channel(self) -> FakeChannel:
        """The first guild's #news."""
        return self.guild.text_channels()[1]

    def add_member(self, username: str, *, permissions: int = 0, guild: FakeGuild | None = None) -> FakeUser:
        """Add a member (before the client connects), with a role granting ``permissions`` if non-zero."""
        guild = guild or self.guild
        user = self.world.add_user(username)
        role_ids = []
        if permissions:
            role = FakeRole(self.world.new_id(), f"{username}-role", permissions, position=len(guild.roles))
            guild.roles[role.id] = role
            role_ids.append(role.id)
        self.world.join(guild, user, role_ids)
        return user

    def dm_channel(self, user: FakeUser | None = None) -> FakeChannel:
        """The DM channel between the bot and a user (the plain member by default)."""
        return self.world.dm_channel(user or self.member)

    def set_overwrite(self, channel: FakeChannel, target_id: int, *, allow: int = 0, deny: int = 0) -> None:
        """Set a permission overwrite on a channel for a role or member id (e.g. deny the bot SEND_MESSAGES)."""
        guild = self.world.guild_of(channel)
        if guild is None:
            raise FakeDiscordError("DM channels have no permission overwrites")
        kind = 0 if target_id in guild.roles else 1
        channel.overwrites = [o for o in channel.overwrites if int(o["id"]) != target_id]
        channel.overwrites.append(
            {"id": str(target_id), "type": kind, "allow": str(allow), "deny": str(deny)}
        )

    # -- messages ------------------------------------------------------------------------------------

    @property
    def messages(self) -> dict[int, JSON]:
        """Every stored message by id."""
        return self.store.messages

    def get_message(self, message_id: int) -> JSON | None:
        """A stored message."""
        return self.store.get(message_id)

    def bot_messages(self, channel: FakeChannel | None = None) -> list[JSON]:
        """Messages authored by the bot (channel messages and interaction responses), oldest first."""
        return [
            m
            for m in self.store.messages.values()
            if int(m["author"]["id"]) == self.bot.id
            and (channel is None or int(m["channel_id"]) == channel.id)
        ]

    def original_message(self, interaction: FakeInteraction) -> JSON | None:
        """The interaction's original response message, if any."""
        if interaction.original_message_id is None:
            return None
        return self.store.get(interaction.original_message_id)

    def followup_messages(self, interaction: FakeInteraction) -> list[JSON]:
        """The interaction's follow-up messages that still exist."""
        return [m for m in map(self.store.get, interaction.followup_ids) if m is not None]

    def seed_message(
        self,
        content: str = "",
        *,
        channel: FakeChannel | None = None,
        author: FakeUser | None = None,
        embeds: Sequence[JSON] = (),
        components: Sequence[JSON] = (),
        reply_to: int | JSON | None = None,
        uploads: Sequence[Upload] = (),
    ) -> JSON:
        """Store a message without dispatching it (e.g. an earlier bot answer to reply to)."""
        channel = channel or self.channel
        payload = {"content": content, "embeds": list(embeds), "components": list(components)}
        reference = None if reply_to is None else self.store.require(reply_to)
        kind = MESSAGE_DEFAULT if reference is None else MESSAGE_REPLY
        author = author or self.member
        return self.store.create(
            channel=channel, author=author, payload=payload, uploads=uploads, kind=kind, reference=reference
        )
