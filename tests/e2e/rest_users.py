"""The fake's REST routes for users, the application, the gateway URL and command sync."""

from __future__ import annotations

from typing import Any

from .models import FakeGuild
from .payloads import application_payload, channel_payload, current_user_payload, user_payload
from .recording import RecordedCall, Reply, as_int, discord_error, form_error, optional_as_int
from .rest_resource import RestResource, RouteSpec

JSON = dict[str, Any]


class UserRoutes(RestResource):
    """``/users``, ``/applications`` (with command sync), ``/oauth2/applications`` and ``/gateway``."""

    def routes(self) -> list[RouteSpec]:
        """The user, application, gateway and command routes (see RouteSpec)."""
        commands = "/applications/{application_id}/commands"
        guild_commands = "/applications/{application_id}/guilds/{guild_id}/commands"
        return [
            ("GET", "/users/@me", self._get_me, True),
            ("GET", "/users/@me/guilds", self._get_my_guilds, True),
            ("POST", "/users/@me/channels", self._create_dm, True),
            ("GET", "/users/{user_id}", self._get_user, True),
            ("GET", "/oauth2/applications/@me", self._get_application, True),
            ("GET", "/applications/@me", self._get_application, True),
            ("GET", "/gateway", self._get_gateway, False),
            ("GET", "/gateway/bot", self._get_gateway_bot, True),
            ("GET", commands, self._get_commands, True),
            ("PUT", commands, self._put_commands, True),
            ("GET", guild_commands, self._get_commands, True),
            ("PUT", guild_commands, self._put_commands, True),
        ]

    async def _get_me(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /users/@me``."""
        return Reply(200, current_user_payload(self._server.bot))

    async def _get_my_guilds(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /users/@me/guilds``."""
        return Reply(200, [_partial_guild(g) for g in self._world.guilds])

    async def _create_dm(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``POST /users/@me/channels``: open the DM channel with a user."""
        user = self._world.find_user(int((call.json or {}).get("recipient_id", 0)))
        if user is None:
            return form_error("recipient_id", "NUMBER_TYPE_COERCE", "Value is not snowflake.")
        return Reply(200, channel_payload(self._world.dm_channel(user)))

    async def _get_user(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /users/{id}``."""
        user = self._world.find_user(as_int(params["user_id"]))
        return Reply(200, user_payload(user)) if user else discord_error(404, 10013, "Unknown User")

    async def _get_application(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /oauth2/applications/@me``."""
        return Reply(
            200, application_payload(self._server.application_id, self._server.bot, self._server.owner)
        )

    async def _get_gateway(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /gateway``."""
        return Reply(200, {"url": str(self._server.gateway_url)})

    async def _get_gateway_bot(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /gateway/bot`` (used by AutoShardedClient)."""
        limits = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return Reply(200, {"url": str(self._server.gateway_url), "shards": 1, "session_start_limit": limits})

    async def _get_commands(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET`` the global or a guild's synced commands."""
        return Reply(200, list(self._commands.get(optional_as_int(params.get("guild_id")), {}).values()))

    async def _put_commands(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """Bulk overwrite (sync) the global or a guild's commands; answers them with ids."""
        guild_id = optional_as_int(params.get("guild_id"))
        previous = self._commands.get(guild_id, {})
        synced = {
            c["name"]: self._synced_command(c, guild_id, previous.get(c["name"])) for c in call.json or []
        }
        self._commands[guild_id] = synced
        return Reply(200, list(synced.values()))

    def _synced_command(self, command: JSON, guild_id: int | None, previous: JSON | None) -> JSON:
        """A command as Discord stores it: with id, application_id, version and guild_id."""
        synced = {
            "type": 1,
            "default_member_permissions": None,
            "nsfw": False,
            "description_localizations": None,
            "name_localizations": None,
            **command,
            "id": previous["id"] if previous else str(self._world.new_id()),
            "application_id": str(self._server.application_id),
            "version": str(self._world.new_id()),
        }
        if guild_id is not None:
            synced["guild_id"] = str(guild_id)
        return synced


def _partial_guild(guild: FakeGuild) -> JSON:
    """A guild as listed by ``GET /users/@me/guilds``."""
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "owner": False,
        "permissions": "0",
        "features": [],
    }
