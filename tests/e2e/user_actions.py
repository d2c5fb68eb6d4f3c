"""What users do on the fake Discord (commands, clicks, modal submits, messages, reactions) and the bot's answers."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Mapping, Sequence
from typing import Any

from .call_log import CallLog
from .discord_constants import (
    DM,
    INTENT_DIRECT_MESSAGE_REACTIONS,
    INTENT_DIRECT_MESSAGES,
    INTENT_GUILD_MESSAGE_REACTIONS,
    INTENT_GUILD_MESSAGES,
    INTENT_MESSAGE_CONTENT,
    MESSAGE_DEFAULT,
    MESSAGE_REPLY,
)
from .gateway_controls import GatewayControls
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    FakeInteraction,
    InteractionFactory,
)
from .models import FakeChannel, FakeUser
from .recording import RecordedCall
from .store import Upload, parse_emoji
from .waiting import DEFAULT_TIMEOUT, FakeDiscordError
from .world_access import WorldAccess

JSON = dict[str, Any]


class UserActions(WorldAccess, GatewayControls, CallLog):
    """Dispatch what users do to the client and wait for the bot's responses and follow-ups (a FakeDiscord mixin)."""

    interactions: dict[int, FakeInteraction]
    _factory: InteractionFactory

    # -- pushing interactions ------------------------------------------------------------------------

    async def send_slash_command(
        self,
        name: str,
        options: Mapping[str, Any] | None = None,
        *,
        user: FakeUser | None = None,
        channel: FakeChannel | None = None,
        dm: bool = False,
        locale: str = "en-US",
    ) -> FakeInteraction:
        """Dispatch an APPLICATION_COMMAND for a synced slash command; ``name`` may hold subcommands."""
        user = user or self.member
        channel = channel or self._default_channel(user, dm)
        data = self._factory.command_data(name, options or {}, user, channel, focused=None)
        return await self.send_interaction(
            APPLICATION_COMMAND, data, user=user, channel=channel, locale=locale
        )

    async def send_autocomplete(
        self,
        name: str,
        options: Mapping[str, Any],
        focused: str,
        *,
        user: FakeUser | None = None,
        channel: FakeChannel | None = None,
        dm: bool = False,
        locale: str = "en-US",
    ) -> FakeInteraction:
        """Dispatch an APPLICATION_COMMAND_AUTOCOMPLETE while the user types in option ``focused``."""
        user = user or self.member
        channel = channel or self._default_channel(user, dm)
        data = self._factory.command_data(name, options, user, channel, focused=focused)
        return await self.send_interaction(AUTOCOMPLETE, data, user=user, channel=channel, locale=locale)

    async def send_component(
        self,
        message: int | Mapping[str, Any],
        custom_id: str,
        *,
        values: Sequence[str] | None = None,
        user: FakeUser | None = None,
        locale: str = "en-US",
    ) -> FakeInteraction:
        """Dispatch a MESSAGE_COMPONENT for a click on (or selection in) a component of a stored message."""
        stored = self.store.require(message)
        data = self._factory.component_data(stored, custom_id, values)
        channel = self.world.channel(int(stored["channel_id"]))
        return await self.send_interaction(
            MESSAGE_COMPONENT, data, user=user, channel=channel, locale=locale, message=stored
        )

    async def send_modal_submit(
        self, shown: FakeInteraction, values: Mapping[str, str | Sequence[str]], *, locale: str = "en-US"
    ) -> FakeInteraction:
        """Dispatch a MODAL_SUBMIT for the modal the bot showed in answer to ``shown``."""
        if shown.modal is None:
            raise FakeDiscordError(f"interaction {shown.id} was not answered with a modal")
        data = self._factory.modal_submit_data(shown.modal, values)
        message = None if shown.message_id is None else self.store.get(shown.message_id)
        channel = self.world.channel(shown.channel_id)
        return await self.send_interaction(
            MODAL_SUBMIT, data, user=shown.user, channel=channel, locale=locale, message=message
        )

    async def send_interaction(
        self,
        interaction_type: int,
        data: JSON,
        *,
        user: FakeUser | None = None,
        channel: FakeChannel | None = None,
        locale: str = "en-US",
        message: JSON | None = None,
    ) -> FakeInteraction:
        """Dispatch INTERACTION_CREATE with a complete payload around ``data`` (no checks on data)."""
        user = user or self.member
        channel = channel or self.channel
        interaction_id = self.world.new_id()
        token = f"fake-interaction-token-{interaction_id}"
        payload = self._factory.payload(interaction_id, token, interaction_type, data, user, channel, locale)
        if message is not None:
            payload["message"] = message
        interaction = FakeInteraction(
            id=interaction_id,
            token=token,
            type=interaction_type,
            application_id=self.application_id,
            payload=payload,
            channel_id=channel.id,
            user=user,
            created_at=asyncio.get_running_loop().time(),
            message_id=None if message is None else int(message["id"]),
        )
        self.interactions[interaction_id] = interaction
        await self.dispatch("INTERACTION_CREATE", payload)
        return interaction

    async def wait_for_response(
        self, interaction: FakeInteraction, *, timeout: float = DEFAULT_TIMEOUT
    ) -> RecordedCall:
        """The bot's callback for an interaction (type 4 to 9), waiting at most ``timeout``."""
        return await self.wait_for_call(
            "POST", re.compile(re.escape(interaction.callback_path)), timeout=timeout
        )

    async def wait_for_followup(
        self, interaction: FakeInteraction, *, index: int = 0, timeout: float = DEFAULT_TIMEOUT
    ) -> RecordedCall:
        """The bot's ``index``-th follow-up for an interaction, waiting at most ``timeout``."""
        pattern = re.compile(re.escape(interaction.webhook_path))
        calls = await self.wait_for_calls("POST", pattern, index + 1, timeout=timeout)
        return calls[index]

    # -- pushing messages and reactions --------------------------------------------------------------

    async def send_message_create(
        self,
        content: str,
        *,
        author: FakeUser | None = None,
        channel: FakeChannel | None = None,
        mention_bot: bool = False,
        reply_to: int | Mapping[str, Any] | None = None,
        mention_replied: bool = True,
        dm: bool = False,
        uploads: Sequence[Upload] = (),
    ) -> JSON:
        """Dispatch MESSAGE_CREATE for a user's message; returns the stored message (with full content).

        ``mention_bot`` prefixes the bot's mention; ``reply_to`` makes it a reply (the replied author is
        mentioned unless ``mention_replied`` is False). Without the message content intent the gateway
        copy has empty content unless the bot is mentioned or it is a DM, as on Discord.
        """
        author = author or self.member
        channel = channel or self._default_channel(author, dm)
        self._require_intent(
            INTENT_DIRECT_MESSAGES if channel.type == DM else INTENT_GUILD_MESSAGES, "MESSAGE_CREATE"
        )
        if mention_bot and self.bot.mention not in content:
            content = f"{self.bot.mention} {content}"
        reference = None if reply_to is None else self.store.require(reply_to)
        allowed = {"parse": ["users", "roles", "everyone"], "replied_user": mention_replied}
        message = self.store.create(
            channel=channel,
            author=author,
            payload={"content": content, "allowed_mentions": allowed},
            uploads=uploads,
            kind=MESSAGE_DEFAULT if reference is None else MESSAGE_REPLY,
            reference=reference,
        )
        event = self.store.gateway_payload(message, blank=self._content_hidden(message))
        await self.dispatch("MESSAGE_CREATE", event)
        return message

    async def send_reaction_add(
        self, message: int | Mapping[str, Any], emoji: str, *, user: FakeUser | None = None
    ) -> None:
        """Dispatch MESSAGE_REACTION_ADD for a user reacting to a stored message (unicode or ``name:id``)."""
        stored = self.store.require(message)
        channel = self.world.channel(int(stored["channel_id"]))
        dm_intent = INTENT_DIRECT_MESSAGE_REACTIONS if channel.type == DM else INTENT_GUILD_MESSAGE_REACTIONS
        self._require_intent(dm_intent, "MESSAGE_REACTION_ADD")
        user = user or self.member
        self.store.react(stored, parse_emoji(emoji), user.id, add=True)
        await self.dispatch(
            "MESSAGE_REACTION_ADD", self.store.reaction_event(stored, parse_emoji(emoji), user)
        )

    # -- small helpers -------------------------------------------------------------------------------

    def _content_hidden(self, message: JSON) -> bool:
        """Whether Discord would blank this user message for the session (no message content intent)."""
        if self.intents is None or self.intents & INTENT_MESSAGE_CONTENT:
            return False
        channel = self.world.channel(int(message["channel_id"]))
        mentioned = any(int(u["id"]) == self.bot.id for u in message["mentions"])
        return channel.type != DM and not mentioned and int(message["author"]["id"]) != self.bot.id

    def _require_intent(self, intent: int, event: str) -> None:
        """Refuse to push an event the client's intents would not let Discord deliver."""
        if self.intents is not None and not self.intents & intent:
            raise FakeDiscordError(
                f"the client's intents ({self.intents}) lack {intent}: Discord would not send {event}"
            )

    def _default_channel(self, user: FakeUser, dm: bool) -> FakeChannel:
        """#general, or the user's DM channel."""
        return self.world.dm_channel(user) if dm else self.channel
