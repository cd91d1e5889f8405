"""What a share link may hand out of an original without leaking where it was taken.

A link with `show_location` off does not hand out an original that holds (or may hold) a
location: one with GPS coordinates, or one whose metadata has not been read yet. The visitor is
offered the preview instead, a JPEG we render without any metadata.
"""

from __future__ import annotations

from mediabox.domain.enums import ProcessingState
from mediabox.domain.errors import Forbidden
from mediabox.domain.models import Asset, Share


def original_may_hold_location(asset: Asset) -> bool:
    """True when the asset's GPS is known, or its metadata has not been read successfully."""
    return asset.gps_lat is not None or asset.processing_state != ProcessingState.DONE


def check_original_shareable(share: Share, asset: Asset) -> None:
    """Raise Forbidden when the link would hand out a location it does not show."""
    if not share.show_location and original_may_hold_location(asset):
        raise Forbidden(
            "This link does not share locations, and this original may hold one: "
            "download the preview instead.",
            code="original_has_location",
            details={"alternative": "preview"},
        )
