"""Messages the fake Discord knows: seeded by tests, sent by users, sent by the bot; with files and reactions."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .discord_constants import FLAG_LOADING, MENTION_EVERYONE, MESSAGE_DEFAULT
from .models import FakeChannel, FakeUser, channel_permissions, snowflake_time
from .payloads import attachment_payload, member_payload, partial_member_payload, user_payload
from .waiting import FakeDiscordError
from .world import World

JSON = dict[str, Any]

USER_MENTION = re.compile(r"<@!?(\d+)>")
ROLE_MENTION = re.compile(r"<@&(\d+)>")
EVERYONE_MENTION = re.compile(r"@(everyone|here)\b")
BLANKED_FIELDS = {"content": "", "embeds": [], "attachments": [], "components": []}


@dataclass(frozen=True)
class Upload:
    """A file uploaded with a message (multipart ``files[n]`` field) or attached by a test."""

    filename: str
    data: bytes
    content_type: str | None = None


@dataclass(frozen=True)
class StoredFile:
    """An attachment's bytes, served back at its URL."""

    filename: str
    data: bytes
    content_type: str | None


class MessageStore:
    """Stores message payloads by id, in the shape Discord's REST API returns them."""

    def __init__(self, world: World, base_url: Callable[[], str]) -> None:
        self._world = world
        self._base_url = base_url
        self._reactors: dict[tuple[int, str], list[int]] = {}
        self.messages: dict[int, JSON] = {}
        self.files: dict[int, StoredFile] = {}

    def get(self, message_id: int, channel_id: int | None = None) -> JSON | None:
        """A stored message, optionally only if it is in the given channel."""
        message = self.messages.get(message_id)
        if message is None or (channel_id is not None and int(message["channel_id"]) != channel_id):
            return None
        return message

    def require(self, message: int | Mapping[str, Any]) -> JSON:
        """A stored message by id or payload, which must exist."""
        message_id = int(message["id"]) if isinstance(message, Mapping) else int(message)
        stored = self.get(message_id)
        if stored is None:
            raise FakeDiscordError(f"message {message_id} is not stored in the fake")
        return stored

    def in_channel(self, channel_id: int) -> list[JSON]:
        """A channel's messages, oldest first."""
        return [m for m in self.messages.values() if int(m["channel_id"]) == channel_id]

    def history(self, channel_id: int, query: Mapping[str, str]) -> list[JSON]:
        """``GET /channels/{id}/messages``: newest first, with limit, before, after and around."""
        limit = min(int(query.get("limit", 50)), 100)
        messages = sorted(self.in_channel(channel_id), key=lambda m: int(m["id"]), reverse=True)
        if "before" in query:
            messages = [m for m in messages if int(m["id"]) < int(query["before"])]
        if "after" in query:
            messages = [m for m in messages if int(m["id"]) > int(query["after"])]
        if "around" in query:
            messages.sort(key=lambda m: abs(int(m["id"]) - int(query["around"])))
            messages = sorted(messages[:limit], key=lambda m: int(m["id"]), reverse=True)
        return messages[:limit]

    def create(
        self,
        *,
        channel: FakeChannel,
        author: FakeUser,
        payload: Mapping[str, Any],
        uploads: Sequence[Upload] = (),
        kind: int = MESSAGE_DEFAULT,
        flags: int = 0,
        reference: JSON | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> JSON:
        """Store a new message built from a create payload; ``reference`` is the message it replies to."""
        message_id = self._world.new_id()
        replied = self._author_of(reference)
        message: JSON = {
            "id": str(message_id),
            "channel_id": str(channel.id),
            "author": user_payload(author),
            "content": payload.get("content") or "",
            "timestamp": snowflake_time(message_id),
            "edited_timestamp": None,
            "tts": bool(payload.get("tts")),
            "pinned": False,
            "type": kind,
            "flags": flags,
            "embeds": [_rich(e) for e in payload.get("embeds") or []],
            "components": list(payload.get("components") or []),
            "attachments": self._attachments(payload, uploads),
            "reactions": [],
            "nonce": payload.get("nonce"),
            **self._mentions(channel, author, payload, replied),
            **(extra or {}),
        }
        if reference is not None:
            message["message_reference"] = _reference_to(reference, channel)
            message["referenced_message"] = {k: v for k, v in reference.items() if k != "referenced_message"}
        self.messages[message_id] = message
        return message

    def edit(self, message: JSON, payload: Mapping[str, Any], uploads: Sequence[Upload] = ()) -> JSON:
        """Apply an edit payload: given fields replace the old ones; the loading flag is cleared."""
        channel = self._world.find_channel(int(message["channel_id"]))
        author = self._world.find_user(int(message["author"]["id"]))
        for key in ("content", "components"):
            if key in payload and payload[key] is not None:
                message[key] = payload[key]
        if payload.get("embeds") is not None:
            message["embeds"] = [_rich(e) for e in payload["embeds"]]
        if "attachments" in payload or uploads:
            message["attachments"] = self._kept_attachments(message, payload) + self._attachments(
                payload, uploads
            )
        if "flags" in payload and payload["flags"] is not None:
            message["flags"] = (message["flags"] & ~FLAG_LOADING) | int(payload["flags"])
        message["flags"] &= ~FLAG_LOADING
        message["edited_timestamp"] = snowflake_time(self._world.new_id())
        if channel is not None and author is not None:
            message.update(self._mentions(channel, author, {**payload, "content": message["content"]}, None))
        return message

    def fill(self, message: JSON, payload: Mapping[str, Any], uploads: Sequence[Upload] = ()) -> JSON:
        """Complete a deferred ("thinking") message with its first content; it does not count as an edit."""
        self.edit(message, {k: v for k, v in payload.items() if k != "flags"}, uploads)
        message["edited_timestamp"] = None
        return message

    def delete(self, message_id: int) -> JSON | None:
        """Remove a message; returns it, or None if unknown."""
        return self.messages.pop(message_id, None)

    def react(self, message: JSON, emoji: JSON, user_id: int, *, add: bool) -> None:
        """Add or remove a user's reaction and refresh the message's reaction summary."""
        key = (int(message["id"]), _emoji_key(emoji))
        users = self._reactors.setdefault(key, [])
        if add and user_id not in users:
            users.append(user_id)
        elif not add and user_id in users:
            users.remove(user_id)
        message["reactions"] = self._reaction_summary(message, emoji)

    def clear_reactions(self, message: JSON) -> None:
        """Remove every reaction from a message."""
        for key in [k for k in self._reactors if k[0] == int(message["id"])]:
            del self._reactors[key]
        message["reactions"] = []

    def reactors(self, message: JSON, emoji: JSON) -> list[FakeUser]:
        """The users who reacted to a message with an emoji."""
        ids = self._reactors.get((int(message["id"]), _emoji_key(emoji)), [])
        return [u for u in map(self._world.find_user, ids) if u is not None]

    def reaction_event(self, message: JSON, emoji: JSON, user: FakeUser) -> JSON:
        """A MESSAGE_REACTION_ADD payload for a user's reaction to a stored message."""
        event: JSON = {
            "user_id": str(user.id),
            "channel_id": message["channel_id"],
            "message_id": message["id"],
            "message_author_id": message["author"]["id"],
            "emoji": emoji,
            "burst": False,
            "burst_colors": [],
            "type": 0,
        }
        guild = self._world.guild_of(self._world.channel(int(message["channel_id"])))
        if guild is not None:
            event["guild_id"] = str(guild.id)
            event["member"] = member_payload(self._world.membership(guild, user))
        return event

    def gateway_payload(self, message: JSON, *, blank: bool = False) -> JSON:
        """A MESSAGE_CREATE/UPDATE payload: the message plus guild_id, the author's member and mentions' members."""
        channel = self._world.find_channel(int(message["channel_id"]))
        guild = None if channel is None else self._world.guild_of(channel)
        event = {**message, **(BLANKED_FIELDS if blank else {})}
        if guild is None:
            return event
        event["guild_id"] = str(guild.id)
        author = guild.members.get(int(message["author"]["id"]))
        if author is not None and message.get("webhook_id") is None:
            event["member"] = partial_member_payload(author)
        event["mentions"] = [self._with_member(guild.members, u) for u in message["mentions"]]
        return event

    def _with_member(self, members: Mapping[int, Any], user: JSON) -> JSON:
        """A mentioned user with its ``member`` when the user is in the guild."""
        member = members.get(int(user["id"]))
        return user if member is None else {**user, "member": partial_member_payload(member)}

    def _mentions(
        self, channel: FakeChannel, author: FakeUser, payload: Mapping[str, Any], replied: FakeUser | None
    ) -> JSON:
        """mentions, mention_roles and mention_everyone as Discord computes them, honouring allowed_mentions."""
        content = payload.get("content") or ""
        allowed = payload.get("allowed_mentions")
        parse = {"users", "roles", "everyone"} if allowed is None else set(allowed.get("parse") or [])
        users = self._mentioned_users(content, parse, allowed or {})
        if replied is not None and (allowed is None or allowed.get("replied_user")) and replied not in users:
            users.append(replied)
        return {
            "mentions": [user_payload(u) for u in users],
            "mention_roles": self._mentioned_roles(channel, content, parse, allowed or {}),
            "mention_everyone": "everyone" in parse
            and bool(EVERYONE_MENTION.search(content))
            and self._may_mention_everyone(channel, author),
        }

    def _mentioned_users(self, content: str, parse: set[str], allowed: Mapping[str, Any]) -> list[FakeUser]:
        """Users mentioned in the content whom allowed_mentions lets through."""
        explicit = {int(u) for u in allowed.get("users") or []}
        ids = dict.fromkeys(int(m) for m in USER_MENTION.findall(content))
        users = [self._world.find_user(i) for i in ids if "users" in parse or i in explicit]
        return [u for u in users if u is not None]

    def _mentioned_roles(
        self, channel: FakeChannel, content: str, parse: set[str], allowed: Mapping[str, Any]
    ) -> list[str]:
        """Roles mentioned in the content whom allowed_mentions lets through."""
        guild = self._world.guild_of(channel)
        explicit = {int(r) for r in allowed.get("roles") or []}
        ids = dict.fromkeys(int(m) for m in ROLE_MENTION.findall(content))
        return [str(i) for i in ids if guild and i in guild.roles and ("roles" in parse or i in explicit)]

    def _may_mention_everyone(self, channel: FakeChannel, author: FakeUser) -> bool:
        """Whether the author has Mention Everyone in the channel (always in DMs)."""
        guild = self._world.guild_of(channel)
        if guild is None:
            return True
        member = guild.members.get(author.id)
        return member is not None and bool(channel_permissions(guild, member, channel) & MENTION_EVERYONE)

    def _author_of(self, message: JSON | None) -> FakeUser | None:
        """The author of a stored message."""
        return None if message is None else self._world.find_user(int(message["author"]["id"]))

    def _attachments(self, payload: Mapping[str, Any], uploads: Sequence[Upload]) -> list[JSON]:
        """Attachment objects for uploaded files, with descriptions from the payload's ``attachments``."""
        described = {str(a.get("id")): a for a in payload.get("attachments") or [] if isinstance(a, Mapping)}
        return [self.attach(upload, described.get(str(index), {})) for index, upload in enumerate(uploads)]

    def attach(self, upload: Upload, meta: Mapping[str, Any] | None = None) -> JSON:
        """Store one file (served at its URL) and return its attachment object."""
        meta = meta or {}
        attachment_id = self._world.new_id()
        filename = meta.get("filename") or upload.filename
        self.files[attachment_id] = StoredFile(filename, upload.data, upload.content_type)
        url = f"{self._base_url()}/attachments/{attachment_id}/{filename}"
        attachment = attachment_payload(attachment_id, filename, upload.data, upload.content_type, url)
        return (
            {**attachment, "description": meta.get("description")} if meta.get("description") else attachment
        )

    def _kept_attachments(self, message: JSON, payload: Mapping[str, Any]) -> list[JSON]:
        """Existing attachments an edit keeps (all of them when the edit does not list attachments)."""
        if "attachments" not in payload:
            return list(message["attachments"])
        kept = {str(a.get("id")) for a in payload.get("attachments") or [] if isinstance(a, Mapping)}
        return [a for a in message["attachments"] if a["id"] in kept]

    def _reaction_summary(self, message: JSON, changed: JSON) -> list[JSON]:
        """The ``reactions`` field: one entry per emoji that still has reactors."""
        emojis = {_emoji_key(r["emoji"]): r["emoji"] for r in message["reactions"]}
        emojis.setdefault(_emoji_key(changed), changed)
        summary = [self._reaction(message, emoji) for emoji in emojis.values()]
        return [r for r in summary if r["count"] > 0]

    def _reaction(self, message: JSON, emoji: JSON) -> JSON:
        """One reaction entry as seen by the bot."""
        users = self._reactors.get((int(message["id"]), _emoji_key(emoji)), [])
        return {
            "emoji": emoji,
            "count": len(users),
            "count_details": {"burst": 0, "normal": len(users)},
            "burst_colors": [],
            "me": self._world.bot.id in users,
            "me_burst": False,
            "burst_count": 0,
        }


def parse_emoji(text: str) -> JSON:
    """The emoji object for a reaction route's ``{emoji}``: a unicode emoji, ``name:id`` or ``a:name:id``."""
    if ":" not in text:
        return {"id": None, "name": text}
    name, emoji_id = text.rsplit(":", 1)
    return {"id": emoji_id, "name": name.rsplit(":", 1)[-1]}


def _emoji_key(emoji: Mapping[str, Any]) -> str:
    """A stable key for an emoji object."""
    return str(emoji.get("id") or emoji.get("name"))


def _rich(embed: Mapping[str, Any]) -> JSON:
    """An embed as Discord returns it (``type`` defaults to rich)."""
    return {**embed, "type": embed.get("type", "rich")}


def _reference_to(message: JSON, channel: FakeChannel) -> JSON:
    """A message_reference pointing at a stored message."""
    reference = {"type": 0, "message_id": message["id"], "channel_id": message["channel_id"]}
    if channel.guild_id is not None:
        reference["guild_id"] = str(channel.guild_id)
    return reference


def uploads_from(files: Iterable[Any]) -> list[Upload]:
    """Uploads from recorded multipart files (anything with filename, data and content_type)."""
    return [Upload(f.filename or "file", f.data, f.content_type) for f in files]
