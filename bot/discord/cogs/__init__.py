"""The bot's cogs: questions (mentions, replies, /ask), sources (look-ups) and admin."""
