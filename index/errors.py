"""Typed errors raised by the core; the edges (CLI, Discord) turn them into user text."""


class NewsdeskError(Exception):
    """Base class of every error the core raises on purpose."""


class ModelUnavailableError(NewsdeskError):
    """The embedding model cannot be loaded or provisioned."""
