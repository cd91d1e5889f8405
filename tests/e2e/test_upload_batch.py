"""120 files uploaded from the browser (issue 11, "Tests"): through the picker and through a
dropped `DataTransfer`, every accepted file ends done, exactly the refused test media fail,
the timeline shows the new assets and every stored original hashes to its source; a second
upload of the same files finds every one a duplicate and PUTs no bytes.

Screenshots: `upload-panel-uploading`, `upload-panel-done`, `upload-drop-zone`,
`upload-drop-done`, `upload-duplicates-done`.
"""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, api_login
from .upload_checks import (
    assert_batch_settled,
    assert_library_holds,
    assert_timeline_shows,
    shot_while_active,
)
from .upload_network import NetworkLog
from .upload_support import all_assets, stage_files, wait_for_counts, wait_until_settled

pytestmark = pytest.mark.e2e

# The refused test media answer 400 (empty file) and 415 (text named .jpg); Chromium logs them.
REFUSED_STATUS = r"the server responded with a status of (400|415)"


def pick(page, paths) -> None:
    page.goto("/")
    page.get_by_test_id("upload-input").set_input_files(paths)


def drop(page, paths, shot=None) -> None:
    """Drop `paths` on the middle of the app as a person would: `dragenter`, `dragover` and
    `drop` events carrying a `DataTransfer` of File objects (made by a throwaway input)."""
    stage_files(page, paths, "e2e-drop-source")
    point = {"x": DESKTOP["width"] // 2, "y": DESKTOP["height"] // 2}
    page.evaluate(
        """async ({ x, y }) => {
             const input = document.getElementById('e2e-drop-source');
             const data = new DataTransfer();
             for (const file of input.files) data.items.add(file);
             input.remove();
             window.__e2eDrop = data;
             const fire = (type) => document.elementFromPoint(x, y).dispatchEvent(new DragEvent(
               type, { bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y,
                       dataTransfer: data }));
             fire('dragenter');
             await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
             fire('dragover');
           }""",
        point,
    )
    if shot is not None:
        shot(page, "upload-drop-zone")
    page.evaluate(
        """({ x, y }) => { const data = window.__e2eDrop; delete window.__e2eDrop;
             const over = new DragEvent('dragover', { bubbles: true, cancelable: true,
               composed: true, clientX: x, clientY: y, dataTransfer: data });
             document.elementFromPoint(x, y).dispatchEvent(over);
             document.elementFromPoint(x, y).dispatchEvent(new DragEvent('drop', {
               bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y,
               dataTransfer: data })); }""",
        point,
    )


@pytest.fixture(scope="module")
def batch_account(upload_server):
    """One member for the picker test and the duplicates test (which re-uploads its files)."""
    return upload_server.add_member("batch")


@pytest.mark.allow_console(REFUSED_STATUS)
def test_120_files_through_the_picker_all_reach_done(
    open_uploader, upload_server, batch_account, media_120, shot
):
    uploader = open_uploader(upload_server, account=batch_account)
    page = uploader.page
    pick(page, media_120.paths)
    page.get_by_test_id("upload-panel").wait_for()
    shot_while_active(page, shot, "upload-panel-uploading")
    assert_batch_settled(page, media_120)
    shot(page, "upload-panel-done")
    stored = assert_library_holds(uploader, media_120)
    assert_timeline_shows(uploader, stored)


@pytest.mark.allow_console(REFUSED_STATUS)
def test_120_files_dropped_on_the_app_all_reach_done(uploader, media_120, shot):
    page = uploader.page
    page.goto("/")
    page.get_by_test_id("upload-input").wait_for(state="attached")
    drop(page, media_120.paths, shot)
    page.get_by_test_id("upload-panel").wait_for()
    assert_batch_settled(page, media_120)
    shot(page, "upload-drop-done")
    stored = assert_library_holds(uploader, media_120)
    assert_timeline_shows(uploader, stored)


@pytest.mark.allow_console(REFUSED_STATUS)
def test_a_second_upload_of_the_same_files_is_all_duplicates_and_sends_no_bytes(
    open_page, upload_server, batch_account, media_120, shot
):
    api = api_login(upload_server.server, batch_account.email, batch_account.password)
    accepted = sorted(str(item.path) for item in media_120.accepted.values())
    if len(all_assets(upload_server.server.base_url, api)) != len(accepted):
        # Run on its own: the first upload happens here (the picker test checks it in depth).
        first = open_page(upload_server.server, DESKTOP, batch_account)
        pick(first, media_120.paths)
        wait_until_settled(first, len(media_120.files), 180)
        first.context.close()
    page = open_page(upload_server.server, DESKTOP, batch_account)
    log = NetworkLog().attach(page)
    pick(page, accepted)
    total = len(accepted)
    counts = wait_for_counts(
        page,
        f"c.total === {total} && c.done + c.failed === {total} && !c.active",
        120,
        f"all {total} files settled",
    )
    shot(page, "upload-duplicates-done")
    assert counts["duplicates"] == total and counts["done"] == total, counts
    assert counts["uploaded"] == 0 and counts["failed"] == 0, counts
    assert not log.all_puts, f"{len(log.all_puts)} PUT requests, e.g. {log.all_puts[:3]}"
    checks = log.calls("POST", "/uploads/check")
    assert checks, f"no POST /uploads/check; API calls: {log.api[:20]}"
    assert len(all_assets(upload_server.server.base_url, api)) == total
