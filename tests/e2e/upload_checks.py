"""What the upload tests assert after a batch: the panel's counts, the failed rows, the
library's assets, the stored originals' hashes and the timeline's tiles."""

from __future__ import annotations

import pytest

from .upload_media import MediaSet
from .upload_support import (
    all_assets,
    rows_by_phase,
    scan_tiles,
    stored_original_sha256,
    wait_for_counts,
)

UPLOAD_TIMEOUT = 180


def shot_while_active(page, shot, name: str) -> None:
    """A screenshot of the panel while files are still on their way (once some are done)."""
    wait_for_counts(page, "c.total > 0 && (c.done > 0 || !c.active)", 60, "a first file done")
    shot(page, name)


def assert_batch_settled(page, media: MediaSet) -> dict[str, int]:
    """The panel ends with every accepted file done and exactly the refused ones failed."""
    total, refused = len(media.files), media.refused_names
    counts = wait_for_counts(
        page,
        f"c.total === {total} && c.done + c.failed === {total} && !c.active",
        UPLOAD_TIMEOUT,
        f"all {total} files done or failed",
    )
    assert counts["failed"] == len(refused), f"failed {counts['failed']}, expected {refused}"
    assert counts["done"] == total - len(refused), counts
    assert counts["uploaded"] + counts["duplicates"] == counts["done"], counts
    assert counts["duplicates"] == 0, counts
    failed_rows = rows_by_phase(page).get("failed", [])
    assert len(failed_rows) == len(refused), failed_rows
    for name in refused:
        assert any(name in text for text in failed_rows), f"{name} not among {failed_rows}"
    return counts


def assert_library_holds(uploader, media: MediaSet, check_bytes: bool = True) -> dict[str, dict]:
    """The account's assets are exactly the accepted files (names and SHA-256), and each
    stored original hashes to its source file. Returns the assets by id."""
    assets = all_assets(uploader.base_url, uploader.api)
    accepted = media.accepted
    by_sha = {asset["sha256"]: asset for asset in assets}
    assert len(by_sha) == len(assets), "two assets with one sha256"
    missing = {accepted[sha].name for sha in accepted.keys() - by_sha.keys()}
    extra = {by_sha[sha]["original_filename"] for sha in by_sha.keys() - accepted.keys()}
    assert not missing and not extra, f"missing {sorted(missing)}, unexpected {sorted(extra)}"
    for sha, asset in by_sha.items():
        assert asset["original_filename"] == accepted[sha].name, asset
        assert asset["size_bytes"] == accepted[sha].path.stat().st_size, asset
    if check_bytes:
        wrong = [
            asset["original_filename"]
            for asset in assets
            if stored_original_sha256(uploader.base_url, uploader.api, asset["id"])
            != asset["sha256"]
        ]
        assert not wrong, f"stored originals that do not hash to their source: {wrong}"
    return {asset["id"]: asset for asset in assets}


def assert_timeline_shows(uploader, assets: dict[str, dict], timeout: float = 15) -> None:
    """Every uploaded asset has a tile in the timeline, scrolled through without a reload (the
    upload refreshes it). A failure names the missing assets as they are now and says whether
    a reload shows them."""
    page, expected = uploader.page, set(assets)
    seen = scan_tiles(page, expected, timeout)
    if expected <= seen:
        return
    missing = sorted(expected - seen)
    now = {
        i: uploader.api.get(f"{uploader.base_url}/api/v1/assets/{i}", timeout=30).json()
        for i in missing
    }
    page.reload()
    after_reload = scan_tiles(page, set(missing), timeout)
    described = [
        f"{now[i]['original_filename']} (captured_at {assets[i]['captured_at']} when uploaded, "
        f"{now[i]['captured_at']} now; processing {now[i]['processing']['state']}; "
        f"{'shown' if i in after_reload else 'still missing'} after a reload)"
        for i in missing
    ]
    pytest.fail(
        f"{len(missing)} of {len(expected)} uploaded assets have no tile in the live timeline: "
        + "; ".join(described)
    )
