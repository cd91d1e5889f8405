"""Errors raised by the media layer."""


class MediaError(Exception):
    """A media file could not be processed; ``reason`` is short and human-readable."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
