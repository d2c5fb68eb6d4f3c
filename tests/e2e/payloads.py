"""The raw JSON payloads the fake Discord builds from its objects (users, guilds, channels, roles, ...).

The payload shapes follow Discord's API v10 as read by discord.py 2.7.1; every field that discord.py
indexes directly (``data["..."]``) is present, plus the optional fields a real payload carries.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .discord_constants import DM
from .models import FakeChannel, FakeGuild, FakeMember, FakeRole, FakeUser

JSON = dict[str, Any]


def user_payload(user: FakeUser) -> JSON:
    """A user object."""
    return {
        "id": str(user.id),
        "username": user.username,
        "discriminator": "0",
        "global_name": user.global_name,
        "avatar": None,
        "banner": None,
        "accent_color": None,
        "avatar_decoration_data": None,
        "primary_guild": None,
        "collectibles": None,
        "bot": user.bot,
        "system": False,
        "public_flags": 0,
        "flags": 0,
    }


def current_user_payload(user: FakeUser) -> JSON:
    """The ``GET /users/@me`` object (a user with account fields)."""
    return {**user_payload(user), "verified": True, "mfa_enabled": False, "locale": "en-US", "email": None}


def application_payload(application_id: int, bot: FakeUser, owner: FakeUser) -> JSON:
    """The ``GET /oauth2/applications/@me`` object."""
    return {
        "id": str(application_id),
        "name": bot.username,
        "description": "A fake application for end-to-end tests.",
        "icon": None,
        "bot_public": False,
        "bot_require_code_grant": False,
        "owner": user_payload(owner),
        "team": None,
        "verify_key": "0" * 64,
        "flags": 0,
        "summary": "",
        "tags": [],
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "approximate_guild_count": 1,
        "integration_types_config": {"0": {}},
        "bot": user_payload(bot),
    }


def role_payload(role: FakeRole) -> JSON:
    """A role object."""
    payload: JSON = {
        "id": str(role.id),
        "name": role.name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": role.position,
        "permissions": str(role.permissions),
        "managed": role.managed_by_bot is not None,
        "mentionable": False,
        "flags": 0,
    }
    if role.managed_by_bot is not None:
        payload["tags"] = {"bot_id": str(role.managed_by_bot)}
    return payload


def channel_payload(channel: FakeChannel) -> JSON:
    """A channel object (guild text channel or DM)."""
    if channel.type == DM:
        recipients = [user_payload(channel.recipient)] if channel.recipient else []
        return {
            "id": str(channel.id),
            "type": DM,
            "last_message_id": None,
            "flags": 0,
            "recipients": recipients,
        }
    return {
        "id": str(channel.id),
        "type": channel.type,
        "guild_id": str(channel.guild_id),
        "name": channel.name,
        "position": channel.position,
        "permission_overwrites": list(channel.overwrites),
        "parent_id": None,
        "topic": channel.topic,
        "nsfw": False,
        "rate_limit_per_user": 0,
        "last_message_id": None,
        "flags": 0,
    }


def partial_member_payload(member: FakeMember, *, permissions: int | None = None) -> JSON:
    """A guild member object without its ``user`` (as in messages and mentions)."""
    payload: JSON = {
        "roles": [str(r) for r in member.role_ids],
        "nick": member.nick,
        "avatar": None,
        "banner": None,
        "joined_at": member.joined_at,
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "communication_disabled_until": None,
        "unusual_dm_activity_until": None,
        "avatar_decoration_data": None,
    }
    if permissions is not None:
        payload["permissions"] = str(permissions)
    return payload


def member_payload(member: FakeMember, *, permissions: int | None = None) -> JSON:
    """A guild member object with its ``user``."""
    return {**partial_member_payload(member, permissions=permissions), "user": user_payload(member.user)}


def guild_payload(guild: FakeGuild, *, include_all_members: bool, joined_at: str) -> JSON:
    """A GUILD_CREATE payload; without the members intent Discord sends only the bot's member."""
    members = [m for m in guild.members.values() if include_all_members or m.user.bot]
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(guild.owner_id),
        "region": None,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "widget_enabled": False,
        "widget_channel_id": None,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 2,
        "mfa_level": 0,
        "nsfw_level": 0,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": "en-US",
        "system_channel_id": str(guild.text_channels()[0].id),
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "vanity_url_code": None,
        "max_members": 500000,
        "max_presences": None,
        "max_video_channel_users": 25,
        "max_stage_video_channel_users": 50,
        "features": [],
        "roles": [role_payload(r) for r in guild.roles.values()],
        "emojis": [],
        "stickers": [],
        "soundboard_sounds": [],
        "application_id": None,
        "incidents_data": None,
        "joined_at": joined_at,
        "large": False,
        "unavailable": False,
        "lazy": True,
        "member_count": len(guild.members),
        "members": [member_payload(m) for m in members],
        "channels": [channel_payload(c) for c in guild.text_channels()],
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "embedded_activities": [],
        "activity_instances": [],
    }


def ready_payload(
    *, bot: FakeUser, application_id: int, guild_ids: Iterable[int], session_id: str, resume_url: str
) -> JSON:
    """A READY payload: every guild starts unavailable and arrives later as GUILD_CREATE."""
    return {
        "v": 10,
        "user": current_user_payload(bot),
        "user_settings": {},
        "guilds": [{"id": str(g), "unavailable": True} for g in guild_ids],
        "session_id": session_id,
        "session_type": "normal",
        "resume_gateway_url": resume_url,
        "application": {"id": str(application_id), "flags": 0},
        "private_channels": [],
        "relationships": [],
        "presences": [],
        "guild_join_requests": [],
        "geo_ordered_rtc_regions": ["rotterdam"],
        "auth_session_id_hash": "fake",
        "_trace": ['["fake-discord-gateway",{"micros":0}]'],
    }


def attachment_payload(
    attachment_id: int, filename: str, data: bytes, content_type: str | None, url: str
) -> JSON:
    """An attachment object whose URL is served by the fake."""
    return {
        "id": str(attachment_id),
        "filename": filename,
        "size": len(data),
        "url": url,
        "proxy_url": url,
        "content_type": content_type,
        "flags": 0,
    }
