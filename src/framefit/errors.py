"""The errors that end a run with exit code 2: usage and configuration mistakes."""

from __future__ import annotations


class FramefitError(Exception):
    """Base of the errors framefit reports as a one-line message and exit code 2."""


class UsageError(FramefitError):
    """The command line asks for something impossible (a PATH that is not a directory, ...)."""


class ConfigError(FramefitError):
    """A readable configuration with wrong content: names the file, the key and what is allowed.

    `excerpt`: lines shown under the message (the line of a file with a caret under the place),
    already made plain."""

    def __init__(self, message: str, *, excerpt: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.excerpt = excerpt

    @classmethod
    def at(cls, source: str, key: str, problem: str, allowed: str) -> ConfigError:
        """The one message shape: `<file or source>: <key>: <problem>; allowed: <allowed>`."""
        return cls(f"{source}: {key}: {problem}; allowed: {allowed}")
