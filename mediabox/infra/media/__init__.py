"""Pure media layer: sniffing, photo and video metadata, JPEG derivatives (no Flask, no DB)."""

from .errors import MediaError
from .images import PhotoMeta, process_photo
from .sniff import SniffResult, sniff
from .video import VideoMeta, process_video

__all__ = [
    "MediaError",
    "PhotoMeta",
    "SniffResult",
    "VideoMeta",
    "process_photo",
    "process_video",
    "sniff",
]
