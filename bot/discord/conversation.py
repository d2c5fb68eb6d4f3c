"""A question in a message, and the conversation it continues: the chain of replies to the bot's answers."""

from __future__ import annotations

import logging
import re

import discord

log = logging.getLogger("newsdesk.discord")

MAX_CHAIN = 12  # messages walked back through a reply chain (about six earlier questions)


def question_text(message: discord.Message, bot_id: int) -> str:
    """The message's text without the bot's mention."""
    return re.sub(rf"<@!?{bot_id}>", " ", message.content).strip()


def is_addressed(message: discord.Message, bot_user: discord.abc.User) -> bool:
    """Whether a message asks the bot: it mentions the bot or replies to one of the bot's messages."""
    if bot_user in message.mentions:
        return True
    replied = message.reference.resolved if message.reference else None
    return isinstance(replied, discord.Message) and replied.author.id == bot_user.id


async def earlier_questions(message: discord.Message, bot_user: discord.abc.User) -> list[str]:
    """The earlier questions of the conversation a message continues, oldest first (empty if it starts one).

    A conversation is a reply chain: question, the bot's answer, a reply to that answer, and so on. An answer
    to /ask has no reference; its question is the embed's title.
    """
    questions: list[str] = []
    answer = await _replied_to(message)
    for _ in range(MAX_CHAIN // 2):
        if answer is None or answer.author.id != bot_user.id:
            break
        asked = await _replied_to(answer)
        if asked is None:  # an answer to /ask (or its question is gone): the embed's title is the question
            title = answer.embeds[0].title if answer.embeds else None
            if title:
                questions.append(title)
            break
        text = question_text(asked, bot_user.id)
        if text:
            questions.append(text)
        answer = await _replied_to(asked)
    return list(reversed(questions))


async def _replied_to(message: discord.Message) -> discord.Message | None:
    """The message this one replies to: resolved with it, cached, or fetched (None if gone or not a reply)."""
    reference = message.reference
    if reference is None or reference.message_id is None:
        return None
    if isinstance(reference.resolved, discord.Message):
        return reference.resolved
    if isinstance(reference.cached_message, discord.Message):
        return reference.cached_message
    if reference.channel_id != message.channel.id:
        return None
    try:
        return await message.channel.fetch_message(reference.message_id)
    except discord.HTTPException:
        log.info("message %s in a reply chain could not be fetched", reference.message_id)
        return None
