"""Interactions the fake dispatches: their state, and payloads built from the commands the bot synced."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .discord_constants import ALL_PERMISSIONS, ATTACHMENT_SIZE_LIMIT
from .models import FakeChannel, FakeGuild, FakeRole, FakeUser, channel_permissions
from .payloads import channel_payload, member_payload, partial_member_payload, role_payload, user_payload
from .store import MessageStore, Upload
from .waiting import FakeDiscordError
from .world import World

JSON = dict[str, Any]
Commands = dict[int | None, dict[str, JSON]]  # synced commands: guild id (None: global) -> name -> command

# Interaction types and the callback types Discord accepts for each.
PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 1, 2, 3, 4, 5
CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE = 4, 5, 6, 7
AUTOCOMPLETE_RESULT, MODAL = 8, 9
ALLOWED_CALLBACKS = {
    APPLICATION_COMMAND: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL},
    MESSAGE_COMPONENT: {
        CHANNEL_MESSAGE,
        DEFERRED_CHANNEL_MESSAGE,
        DEFERRED_UPDATE_MESSAGE,
        UPDATE_MESSAGE,
        MODAL,
    },
    AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
    MODAL_SUBMIT: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE},
}
SELECT_TYPES = {3, 5, 6, 7, 8}
SUBCOMMAND_TYPES = {1, 2}


@dataclass
class FakeInteraction:
    """An interaction the fake dispatched, and how the bot answered it so far."""

    id: int
    token: str
    type: int
    application_id: int
    payload: JSON
    channel_id: int
    user: FakeUser
    created_at: float
    message_id: int | None = None
    response_type: int | None = None
    original_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    choices: list[JSON] | None = None
    modal: JSON | None = None

    @property
    def callback_path(self) -> str:
        """Path of the interaction callback route."""
        return f"/interactions/{self.id}/{self.token}/callback"

    @property
    def webhook_path(self) -> str:
        """Path of the follow-up webhook route."""
        return f"/webhooks/{self.application_id}/{self.token}"


class InteractionFactory:
    """Builds interaction payloads the way Discord would send them to this bot."""

    def __init__(self, world: World, store: MessageStore, commands: Commands, application_id: int) -> None:
        self._world = world
        self._store = store
        self._commands = commands
        self._application_id = application_id

    def payload(
        self,
        interaction_id: int,
        token: str,
        interaction_type: int,
        data: JSON,
        user: FakeUser,
        channel: FakeChannel,
        locale: str,
    ) -> JSON:
        """Every field discord.py 2.7.1 reads from an interaction (guild or DM)."""
        payload: JSON = {
            "id": str(interaction_id),
            "application_id": str(self._application_id),
            "type": interaction_type,
            "data": data,
            "token": token,
            "version": 1,
            "locale": locale,
            "app_permissions": str(self._world.bot_permissions(channel)),
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
            "channel_id": str(channel.id),
            "channel": channel_payload(channel),
        }
        guild = self._world.guild_of(channel)
        if guild is None:
            return {
                **payload,
                "user": user_payload(user),
                "context": 1,
                "authorizing_integration_owners": {"0": "0"},
            }
        member = self._world.membership(guild, user)
        return {
            **payload,
            "guild_id": str(guild.id),
            "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
            "guild_locale": "en-US",
            "member": member_payload(member, permissions=channel_permissions(guild, member, channel)),
            "context": 0,
            "authorizing_integration_owners": {"0": str(guild.id)},
        }

    def command_data(
        self,
        name: str,
        values: Mapping[str, Any],
        user: FakeUser,
        channel: FakeChannel,
        *,
        focused: str | None,
    ) -> JSON:
        """The ``data`` of a chat-input command interaction, checked against the synced definition."""
        names = name.split()
        guild = self._world.guild_of(channel)
        command = self._available_command(names[0], user, channel)
        definition, parents = command, []
        for sub in names[1:]:
            definition = _sub_option(definition, sub)
            parents.append(definition)
        resolved: JSON = {}
        options = self._options(definition, values, focused, guild, resolved)
        for parent in reversed(parents):
            options = [{"type": parent["type"], "name": parent["name"], "options": options}]
        data: JSON = {"id": command["id"], "name": command["name"], "type": 1, "options": options}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if resolved:
            data["resolved"] = resolved
        return data

    def _available_command(self, name: str, user: FakeUser, channel: FakeChannel) -> JSON:
        """A synced command the user can see in the channel, else a FakeDiscordError saying why not."""
        guild = self._world.guild_of(channel)
        candidates = [*([self._commands.get(guild.id, {})] if guild else []), self._commands.get(None, {})]
        command = next((c[name] for c in candidates if name in c), None)
        if command is None:
            synced = {g: sorted(c) for g, c in self._commands.items()}
            raise FakeDiscordError(f"/{name} is not synced here; synced commands by guild: {synced}")
        if guild is None and not _usable_in_dm(command):
            raise FakeDiscordError(f"/{name} is not available in DMs")
        required = int(command.get("default_member_permissions") or 0)
        if guild is not None and required:
            permissions = channel_permissions(guild, self._world.membership(guild, user), channel)
            if permissions & required != required and permissions != ALL_PERMISSIONS:
                raise FakeDiscordError(
                    f"Discord hides /{name} from {user.username} (lacks permissions {required})"
                )
        return command

    def _options(
        self,
        definition: JSON,
        values: Mapping[str, Any],
        focused: str | None,
        guild: FakeGuild | None,
        resolved: JSON,
    ) -> list[JSON]:
        """Option payloads for the given values, typed from the definition."""
        specs = {o["name"]: o for o in definition.get("options") or []}
        unknown = set(values) - set(specs)
        if unknown:
            raise FakeDiscordError(f"unknown option(s) {sorted(unknown)} for /{definition['name']}")
        missing = [n for n, o in specs.items() if o.get("required") and n not in values]
        if focused is None and missing:
            raise FakeDiscordError(f"Discord requires option(s) {missing} for /{definition['name']}")
        if focused is not None and focused not in values:
            raise FakeDiscordError(f"the focused option {focused!r} needs a (partial) value")
        return [self._option(specs[n], v, n == focused, guild, resolved) for n, v in values.items()]

    def _option(self, spec: JSON, value: Any, focused: bool, guild: FakeGuild | None, resolved: JSON) -> JSON:
        """One option: a focused one carries the raw text typed so far."""
        option: JSON = {"name": spec["name"], "type": spec["type"]}
        if focused:
            return {**option, "value": value if isinstance(value, str) else str(value), "focused": True}
        choices = [c["value"] for c in spec.get("choices") or []]
        if choices and value not in choices:
            raise FakeDiscordError(
                f"{value!r} is not one of the choices {choices} of option {spec['name']!r}"
            )
        return {**option, "value": self._option_value(spec["type"], value, guild, resolved)}

    def _option_value(self, option_type: int, value: Any, guild: FakeGuild | None, resolved: JSON) -> Any:
        """The wire value of an option; users, channels, roles and files also go into ``resolved``."""
        converters: dict[int, Callable[[Any], Any]] = {3: str, 4: int, 5: bool, 10: float}
        if option_type in converters:
            return converters[option_type](value)
        if isinstance(value, FakeUser):
            self._resolve_user(value, guild, resolved)
        elif isinstance(value, FakeChannel):
            resolved.setdefault("channels", {})[str(value.id)] = self._resolved_channel(value)
        elif isinstance(value, FakeRole):
            resolved.setdefault("roles", {})[str(value.id)] = role_payload(value)
        elif isinstance(value, Upload):
            attachment = self._store.attach(value)
            resolved.setdefault("attachments", {})[attachment["id"]] = attachment
            return attachment["id"]
        else:
            raise FakeDiscordError(
                f"pass a FakeUser, FakeChannel, FakeRole or Upload for option type {option_type}"
            )
        return str(value.id)

    def _resolve_user(self, user: FakeUser, guild: FakeGuild | None, resolved: JSON) -> None:
        """Add a user (and its member, in a guild) to ``resolved``."""
        resolved.setdefault("users", {})[str(user.id)] = user_payload(user)
        member = None if guild is None else guild.members.get(user.id)
        if member is not None and guild is not None:
            permissions = channel_permissions(guild, member, guild.text_channels()[0])
            resolved.setdefault("members", {})[str(user.id)] = partial_member_payload(
                member, permissions=permissions
            )

    def _resolved_channel(self, channel: FakeChannel) -> JSON:
        """A channel as it appears in ``resolved`` (its ``permissions`` simplified to all)."""
        return {**channel_payload(channel), "permissions": str(ALL_PERMISSIONS)}

    def component_data(self, message: JSON, custom_id: str, values: Sequence[str] | None) -> JSON:
        """The ``data`` of a click on (or a selection in) a component of a message."""
        component = _find_component(message.get("components") or [], custom_id)
        if component is None:
            raise FakeDiscordError(f"message {message['id']} has no component with custom_id {custom_id!r}")
        if component.get("disabled"):
            raise FakeDiscordError(
                f"component {custom_id!r} is disabled: Discord would not let the user use it"
            )
        data: JSON = {"custom_id": custom_id, "component_type": component["type"]}
        if component["type"] in SELECT_TYPES:
            data["values"] = list(values or [])
        return data

    def modal_submit_data(self, modal: JSON, values: Mapping[str, str | Sequence[str]]) -> JSON:
        """The ``data`` of a modal submission, mirroring the modal's components."""
        components = [_submitted(c, values) for c in modal.get("components") or []]
        return {"custom_id": modal["custom_id"], "components": components}


def _sub_option(definition: JSON, name: str) -> JSON:
    """A subcommand or subcommand group of a command definition."""
    for option in definition.get("options") or []:
        if option["name"] == name and option["type"] in SUBCOMMAND_TYPES:
            return option
    raise FakeDiscordError(f"/{definition['name']} has no subcommand {name!r}")


def _usable_in_dm(command: JSON) -> bool:
    """Whether a synced command may be used in the bot's DMs."""
    if command.get("guild_id") or command.get("dm_permission") is False:
        return False
    contexts = command.get("contexts")
    return contexts is None or 1 in contexts


def _find_component(components: Sequence[JSON], custom_id: str) -> JSON | None:
    """A component by custom_id anywhere in a component tree."""
    for component in _walk_components(components):
        if component.get("custom_id") == custom_id:
            return component
    return None


def _walk_components(components: Sequence[JSON]) -> Iterator[JSON]:
    """Every component of a tree (rows, containers, sections, labels)."""
    for component in components:
        yield component
        yield from _walk_components(component.get("components") or [])
        for key in ("component", "accessory"):
            if isinstance(component.get(key), dict):
                yield from _walk_components([component[key]])


def _submitted(component: JSON, values: Mapping[str, str | Sequence[str]]) -> JSON:
    """A modal component as submitted: text inputs with ``value``, selects with ``values``."""
    if component.get("type") == 1:
        return {"type": 1, "components": [_submitted(c, values) for c in component.get("components") or []]}
    if component.get("type") == 18:
        return {
            "type": 18,
            "id": component.get("id"),
            "component": _submitted(component["component"], values),
        }
    custom_id = component.get("custom_id")
    submitted: JSON = {"type": component.get("type"), "id": component.get("id"), "custom_id": custom_id}
    if component.get("type") == 4:
        value = values.get(custom_id or "", component.get("value") or "")
        if component.get("required", True) and not value:
            raise FakeDiscordError(
                f"text input {custom_id!r} is required: Discord would not submit the modal"
            )
        submitted["value"] = value
    elif component.get("type") in SELECT_TYPES:
        submitted["values"] = list(values.get(custom_id or "", []))
    return submitted
