"""Typed errors raised by the core; the edges (CLI, Discord) turn them into user text."""


class NewsdeskError(Exception):
    """Base class of every error the core raises on purpose."""


class ModelUnavailableError(NewsdeskError):
    """The embedding model cannot be loaded or provisioned."""


class ParseError(NewsdeskError):
    """A file cannot be read as articles."""


class IndexMismatchError(NewsdeskError):
    """The index on disk was built with another embedding model or dimension."""


class IndexCorruptError(NewsdeskError):
    """The index on disk cannot be read."""


class NotFoundError(NewsdeskError):
    """A chunk, article or span asked for does not exist."""


class InvalidQueryError(NewsdeskError):
    """A search or question cannot be run as given."""


class StoreError(NewsdeskError):
    """The SQLite store failed: locked past the wait, disk full, or unreadable."""


class SchemaError(StoreError):
    """The store's schema is newer than this newsdesk, or a migration failed."""


class IndexBusyError(NewsdeskError):
    """Another ingest is writing to the same data folder."""
