"""The fake's REST routes for guilds: the guild, its channels, roles and members."""

from __future__ import annotations

from .models import snowflake_time
from .payloads import channel_payload, guild_payload, member_payload, role_payload
from .recording import RecordedCall, Reply, as_int, discord_error
from .rest_resource import RestResource, RouteSpec


class GuildRoutes(RestResource):
    """``/guilds/{id}`` and its channels, roles and members."""

    def routes(self) -> list[RouteSpec]:
        """The guild routes (see RouteSpec)."""
        return [
            ("GET", "/guilds/{guild_id}", self._get_guild, True),
            ("GET", "/guilds/{guild_id}/channels", self._get_guild_channels, True),
            ("GET", "/guilds/{guild_id}/roles", self._get_roles, True),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self._get_member, True),
        ]

    async def _get_guild(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /guilds/{id}`` (without members and channels, as over REST)."""
        guild = self._world.find_guild(as_int(params["guild_id"]))
        if guild is None:
            return discord_error(404, 10004, "Unknown Guild")
        payload = guild_payload(guild, include_all_members=False, joined_at=snowflake_time(guild.id))
        return Reply(200, {k: v for k, v in payload.items() if k not in _GATEWAY_ONLY_GUILD_FIELDS})

    async def _get_guild_channels(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /guilds/{id}/channels``."""
        guild = self._world.find_guild(as_int(params["guild_id"]))
        if guild is None:
            return discord_error(404, 10004, "Unknown Guild")
        return Reply(200, [channel_payload(c) for c in guild.text_channels()])

    async def _get_roles(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /guilds/{id}/roles``."""
        guild = self._world.find_guild(as_int(params["guild_id"]))
        if guild is None:
            return discord_error(404, 10004, "Unknown Guild")
        return Reply(200, [role_payload(r) for r in guild.roles.values()])

    async def _get_member(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /guilds/{id}/members/{user_id}``."""
        guild = self._world.find_guild(as_int(params["guild_id"]))
        if guild is None:
            return discord_error(404, 10004, "Unknown Guild")
        member = guild.members.get(as_int(params["user_id"]))
        return Reply(200, member_payload(member)) if member else discord_error(404, 10007, "Unknown Member")


_GATEWAY_ONLY_GUILD_FIELDS = {
    "members",
    "channels",
    "threads",
    "presences",
    "voice_states",
    "stage_instances",
    "guild_scheduled_events",
    "embedded_activities",
    "activity_instances",
    "joined_at",
    "large",
    "lazy",
    "member_count",
    "unavailable",
}
