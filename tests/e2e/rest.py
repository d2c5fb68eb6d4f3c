"""The fake's REST API: one route table over every route group, and the route for a call."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .recording import RecordedCall, template_regex
from .rest_channels import ChannelRoutes
from .rest_guilds import GuildRoutes
from .rest_interactions import InteractionRoutes
from .rest_resource import RestResource, RouteSpec
from .rest_users import UserRoutes

if TYPE_CHECKING:
    import re

    from .fake_discord import FakeDiscord
    from .recording import Handler


@dataclass(frozen=True)
class Route:
    """A REST route: method, path regex, handler, and whether it needs the bot token."""

    method: str
    pattern: re.Pattern[str]
    handler: Handler
    auth: bool


class RestApi:
    """Answers REST calls from the fake's state; settings (deadline, limits, echoes) are read live."""

    def __init__(self, server: FakeDiscord) -> None:
        self._groups: list[RestResource] = [
            UserRoutes(server),
            InteractionRoutes(server),
            ChannelRoutes(server),
            GuildRoutes(server),
        ]
        self.table = [Route(m, template_regex(p), h, a) for m, p, h, a in self.routes()]

    def route(self, call: RecordedCall) -> tuple[Route | None, dict[str, str], bool]:
        """The route for a call, its path parameters, and whether the path exists at all (405 vs 404)."""
        path_known = False
        for route in self.table:
            found = route.pattern.fullmatch(call.path)
            if found and route.method == call.method:
                return route, found.groupdict(), True
            path_known = path_known or found is not None
        return None, {}, path_known

    def routes(self) -> list[RouteSpec]:
        """(method, path template, handler, needs the bot token) for every REST route, in match order."""
        return [spec for group in self._groups for spec in group.routes()]
