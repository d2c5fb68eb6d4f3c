"""The fake's REST routes for interactions: callbacks (the initial response), follow-ups and webhook messages."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from .discord_constants import FLAG_EPHEMERAL, FLAG_LOADING, MESSAGE_CHAT_INPUT_COMMAND, MESSAGE_DEFAULT
from .interactions import (
    ALLOWED_CALLBACKS,
    APPLICATION_COMMAND,
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    MODAL,
    UPDATE_MESSAGE,
    FakeInteraction,
)
from .limits import check_choices, check_message, check_modal
from .payloads import user_payload
from .recording import RecordedCall, Reply, as_int, discord_error, form_error
from .rest_resource import INTERACTION_MESSAGE_FLAGS, TRUE_QUERY_VALUES, RestResource, RouteSpec
from .store import Upload, uploads_from

JSON = dict[str, Any]


class InteractionRoutes(RestResource):
    """``/interactions/{id}/{token}/callback`` and ``/webhooks/{app}/{token}/...``."""

    def routes(self) -> list[RouteSpec]:
        """The interaction callback and webhook routes (see RouteSpec)."""
        webhook_message = "/webhooks/{application_id}/{token}/messages/{message_id}"
        return [
            ("POST", "/interactions/{interaction_id}/{token}/callback", self._interaction_callback, False),
            ("POST", "/webhooks/{application_id}/{token}", self._create_followup, False),
            ("GET", webhook_message, self._get_webhook_message, False),
            ("PATCH", webhook_message, self._edit_webhook_message, False),
            ("DELETE", webhook_message, self._delete_webhook_message, False),
        ]

    async def _interaction_callback(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``POST /interactions/{id}/{token}/callback``: the initial response (types 4 to 9)."""
        interaction = self._interactions.get(as_int(params["interaction_id"]))
        if interaction is None or interaction.token != params["token"] or self._expired(interaction):
            return discord_error(404, 10062, "Unknown interaction")
        if interaction.response_type is not None:
            return discord_error(400, 40060, "Interaction has already been acknowledged.")
        body = call.json or {}
        response_type = body.get("type")
        if response_type not in ALLOWED_CALLBACKS.get(interaction.type, set()):
            return form_error(
                "type", "INTERACTION_RESPONSE_TYPE_INVALID", "Interaction response type invalid"
            )
        error = await self._apply_callback(interaction, response_type, body.get("data") or {}, call)
        if error is not None:
            return error
        interaction.response_type = response_type
        if call.query.get("with_response") not in TRUE_QUERY_VALUES:
            return Reply(204)
        return Reply(200, self._callback_body(interaction, response_type))

    def _expired(self, interaction: FakeInteraction) -> bool:
        """Whether the 3-second window to respond has passed."""
        if self._server.interaction_deadline is None:
            return False
        return asyncio.get_running_loop().time() - interaction.created_at > self._server.interaction_deadline

    async def _apply_callback(
        self, interaction: FakeInteraction, response_type: int, data: JSON, call: RecordedCall
    ) -> Reply | None:
        """Carry out a callback; returns an error reply if Discord would refuse it."""
        if response_type == CHANNEL_MESSAGE:
            return await self._respond_with_message(interaction, data, call)
        if response_type == DEFERRED_CHANNEL_MESSAGE:
            return await self._respond_thinking(interaction, data)
        if response_type == DEFERRED_UPDATE_MESSAGE:
            interaction.original_message_id = interaction.message_id
            return None
        if response_type == UPDATE_MESSAGE:
            return await self._respond_update(interaction, data, call)
        if response_type == AUTOCOMPLETE_RESULT:
            interaction.choices = list(data.get("choices") or [])
            return self._limit_error(check_choices(interaction.choices))
        interaction.modal = data
        return self._limit_error(check_modal(data))

    async def _respond_with_message(
        self, interaction: FakeInteraction, data: JSON, call: RecordedCall
    ) -> Reply | None:
        """Type 4: create the original response message."""
        error = self._limit_error(check_message(data, file_count=len(call.files), creating=True))
        if error is not None:
            return error
        message = self._interaction_message(interaction, data, uploads_from(call.files))
        interaction.original_message_id = int(message["id"])
        await self._echo("MESSAGE_CREATE", message)
        return None

    async def _respond_thinking(self, interaction: FakeInteraction, data: JSON) -> None:
        """Type 5: create the "thinking" message (flag LOADING; ephemeral if asked)."""
        flags = FLAG_LOADING | (int(data.get("flags") or 0) & FLAG_EPHEMERAL)
        message = self._interaction_message(interaction, {}, (), flags=flags)
        interaction.original_message_id = int(message["id"])
        await self._echo("MESSAGE_CREATE", message)

    async def _respond_update(
        self, interaction: FakeInteraction, data: JSON, call: RecordedCall
    ) -> Reply | None:
        """Type 7: edit the message the component is attached to."""
        message = None if interaction.message_id is None else self._store.get(interaction.message_id)
        if message is None:
            return discord_error(404, 10008, "Unknown Message")
        error = self._limit_error(check_message(data, file_count=len(call.files), creating=False))
        if error is not None:
            return error
        self._store.edit(message, data, uploads_from(call.files))
        interaction.original_message_id = interaction.message_id
        await self._echo("MESSAGE_UPDATE", message)
        return None

    def _interaction_message(
        self, interaction: FakeInteraction, data: JSON, uploads: Sequence[Upload], *, flags: int | None = None
    ) -> JSON:
        """Store a message created by an interaction response or follow-up."""
        kind = MESSAGE_CHAT_INPUT_COMMAND if interaction.type == APPLICATION_COMMAND else MESSAGE_DEFAULT
        return self._store.create(
            channel=self._world.channel(interaction.channel_id),
            author=self._server.bot,
            payload=data,
            uploads=uploads,
            kind=kind,
            flags=int(data.get("flags") or 0) & INTERACTION_MESSAGE_FLAGS if flags is None else flags,
            extra={
                "webhook_id": str(self._server.application_id),
                "application_id": str(self._server.application_id),
                "interaction_metadata": self._interaction_metadata(interaction),
            },
        )

    def _interaction_metadata(self, interaction: FakeInteraction) -> JSON:
        """The ``interaction_metadata`` of a message created by an interaction."""
        metadata: JSON = {
            "id": str(interaction.id),
            "type": interaction.type,
            "user": user_payload(interaction.user),
            "authorizing_integration_owners": interaction.payload["authorizing_integration_owners"],
        }
        if interaction.type == APPLICATION_COMMAND:
            metadata["name"] = interaction.payload["data"].get("name")
        if interaction.message_id is not None:
            metadata["interacted_message_id"] = str(interaction.message_id)
        return metadata

    def _callback_body(self, interaction: FakeInteraction, response_type: int) -> JSON:
        """The ``?with_response=1`` body: the interaction summary and the resource it created."""
        message = self._server.original_message(interaction)
        summary: JSON = {"id": str(interaction.id), "type": interaction.type}
        resource: JSON = {"type": response_type}
        if message is not None and response_type not in (AUTOCOMPLETE_RESULT, MODAL):
            summary["response_message_id"] = message["id"]
            summary["response_message_loading"] = bool(message["flags"] & FLAG_LOADING)
            summary["response_message_ephemeral"] = bool(message["flags"] & FLAG_EPHEMERAL)
            resource["message"] = message
        return {"interaction": summary, "resource": resource}

    # -- REST: follow-ups and webhook messages -------------------------------------------------------

    async def _create_followup(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``POST /webhooks/{app}/{token}``: a follow-up (the first after a defer fills the thinking message)."""
        interaction = self._interaction_for_webhook(params)
        if interaction is None or interaction.response_type in (None, AUTOCOMPLETE_RESULT):
            return discord_error(404, 10015, "Unknown Webhook")
        data = call.json or {}
        error = self._limit_error(check_message(data, file_count=len(call.files), creating=True))
        if error is not None:
            return error
        message = self._thinking_message(interaction)
        if message is not None:
            self._store.fill(message, data, uploads_from(call.files))
            await self._echo("MESSAGE_UPDATE", message)
        else:
            message = self._interaction_message(interaction, data, uploads_from(call.files))
            interaction.followup_ids.append(int(message["id"]))
            await self._echo("MESSAGE_CREATE", message)
        return Reply(200, message) if call.query.get("wait") in TRUE_QUERY_VALUES else Reply(204)

    def _thinking_message(self, interaction: FakeInteraction) -> JSON | None:
        """The original message if it is still "thinking" (deferred and not yet filled)."""
        message = self._server.original_message(interaction)
        return message if message is not None and message["flags"] & FLAG_LOADING else None

    def _interaction_for_webhook(self, params: dict[str, str]) -> FakeInteraction | None:
        """The interaction whose token the webhook route uses."""
        if as_int(params["application_id"]) != self._server.application_id:
            return None
        return next((i for i in self._interactions.values() if i.token == params["token"]), None)

    def _webhook_message(self, params: dict[str, str]) -> tuple[FakeInteraction | None, JSON | None]:
        """The interaction and the message (``@original`` or a follow-up id) a webhook route refers to."""
        interaction = self._interaction_for_webhook(params)
        if interaction is None:
            return None, None
        if params["message_id"] == "@original":
            return interaction, self._server.original_message(interaction)
        message_id = as_int(params["message_id"])
        if message_id not in (*interaction.followup_ids, interaction.original_message_id):
            return interaction, None
        return interaction, self._store.get(message_id)

    async def _get_webhook_message(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``GET /webhooks/{app}/{token}/messages/{id|@original}``."""
        interaction, message = self._webhook_message(params)
        if interaction is None:
            return discord_error(404, 10015, "Unknown Webhook")
        return Reply(200, message) if message else discord_error(404, 10008, "Unknown Message")

    async def _edit_webhook_message(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``PATCH /webhooks/{app}/{token}/messages/{id|@original}``."""
        interaction, message = self._webhook_message(params)
        if interaction is None:
            return discord_error(404, 10015, "Unknown Webhook")
        if message is None:
            return discord_error(404, 10008, "Unknown Message")
        error = self._limit_error(check_message(call.json or {}, file_count=len(call.files), creating=False))
        if error is not None:
            return error
        was_thinking = bool(message["flags"] & FLAG_LOADING)
        edit = self._store.fill if was_thinking else self._store.edit
        edit(message, call.json or {}, uploads_from(call.files))
        await self._echo("MESSAGE_UPDATE", message)
        return Reply(200, message)

    async def _delete_webhook_message(self, call: RecordedCall, params: dict[str, str]) -> Reply:
        """``DELETE /webhooks/{app}/{token}/messages/{id|@original}``."""
        interaction, message = self._webhook_message(params)
        if interaction is None:
            return discord_error(404, 10015, "Unknown Webhook")
        if message is None:
            return discord_error(404, 10008, "Unknown Message")
        await self._delete(message)
        return Reply(204)
