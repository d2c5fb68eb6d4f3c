"""The Discord edge: a bot (client.py) with cogs over the core's Desk, and Discord-sized formatting."""
