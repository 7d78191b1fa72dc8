"""The official Kaltura Python client against the simulator: sessions, chunked uploads, entries,
multirequest and errors."""

import http.server
import threading
import time

import pytest
from KalturaClient import KalturaClient
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Core import (
    KalturaEntryStatus,
    KalturaFilterPager,
    KalturaMediaEntry,
    KalturaMediaEntryFilter,
    KalturaMediaType,
    KalturaSessionType,
    KalturaUploadedFileTokenResource,
    KalturaUploadToken,
    KalturaUploadTokenStatus,
    KalturaUrlResource,
)

from conftest import ADMIN_SECRET, PARTNER_ID, USER_SECRET


def wait_for_status(client, entry_id, status, attempts=200):
    entry = client.media.get(entry_id)
    for _ in range(attempts):
        if entry.status.getValue() == status:
            return entry
        time.sleep(0.05)
        entry = client.media.get(entry_id)
    raise AssertionError(f"entry {entry_id} stayed in status {entry.status.getValue()}")


def chunked_upload(client, tmp_path, payload, name="clip.mp4", chunk=7):
    token = client.uploadToken.add(KalturaUploadToken(fileName=name, fileSize=len(payload)))
    assert token.status.getValue() == KalturaUploadTokenStatus.PENDING
    offsets = list(range(0, len(payload), chunk))
    for i, offset in enumerate(offsets):
        part = tmp_path / f"part{i}-{name}"
        part.write_bytes(payload[offset:offset + chunk])
        final = i == len(offsets) - 1
        with open(part, "rb") as f:
            token = client.uploadToken.upload(token.id, f, resume=i > 0, finalChunk=final, resumeAt=offset if i > 0 else -1)
        assert token.uploadedFileSize == offset + len(payload[offset:offset + chunk])
    assert token.status.getValue() == KalturaUploadTokenStatus.FULL_UPLOAD
    return token


def test_session_start_admin_and_user(new_client):
    client = new_client()
    admin_ks = client.session.start(ADMIN_SECRET, "admin", KalturaSessionType.ADMIN, PARTNER_ID)
    assert admin_ks.startswith("djJ8")
    client.setKs(admin_ks)
    assert client.media.count() >= 0
    user = new_client()
    user.setKs(user.session.start(USER_SECRET, "alice", KalturaSessionType.USER, PARTNER_ID))
    entry = user.media.add(KalturaMediaEntry(name="user entry", mediaType=KalturaMediaType.VIDEO))
    assert entry.userId == "alice"


@pytest.mark.parametrize("generate", [KalturaClient.generateSessionV2, KalturaClient.generateSession])
def test_locally_generated_sessions_are_accepted(new_client, generate):
    client = new_client()
    ks = generate(ADMIN_SECRET, "admin", KalturaSessionType.ADMIN, PARTNER_ID, 3600, "")
    client.setKs(ks.decode() if isinstance(ks, bytes) else ks)
    entry = client.media.add(KalturaMediaEntry(name="local ks"))
    assert entry.status.getValue() == KalturaEntryStatus.NO_CONTENT


def test_chunked_upload_then_entry_lifecycle(admin_client, tmp_path):
    payload = bytes(range(256)) * 3
    token = chunked_upload(admin_client, tmp_path, payload)
    entry = admin_client.media.addFromUploadedFile(
        KalturaMediaEntry(name="chunked clip", mediaType=KalturaMediaType.VIDEO, tags="interop"), token.id
    )
    assert entry.status.getValue() == KalturaEntryStatus.PRECONVERT
    assert entry.id.startswith("0_")
    ready = wait_for_status(admin_client, entry.id, KalturaEntryStatus.READY)
    assert ready.name == "chunked clip"
    assert ready.thumbnailUrl.startswith(admin_client.getConfig().serviceUrl)
    used = admin_client.uploadToken.get(token.id)
    assert used.status.getValue() == KalturaUploadTokenStatus.CLOSED


def test_media_get_list_count_update_delete(admin_client, tmp_path):
    token = chunked_upload(admin_client, tmp_path, b"x" * 50, name="list.mp4", chunk=50)
    entry = admin_client.media.addFromUploadedFile(
        KalturaMediaEntry(name="listed", mediaType=KalturaMediaType.VIDEO), token.id
    )
    wait_for_status(admin_client, entry.id, KalturaEntryStatus.READY)

    got = admin_client.media.get(entry.id)
    assert got.id == entry.id and got.mediaType.getValue() == KalturaMediaType.VIDEO

    flt = KalturaMediaEntryFilter(idIn=entry.id, statusIn="2,7")
    listed = admin_client.media.list(flt, KalturaFilterPager(pageSize=10))
    assert listed.totalCount == 1
    assert listed.objects[0].id == entry.id
    assert admin_client.media.count(flt) == 1

    updated = admin_client.media.update(entry.id, KalturaMediaEntry(name="renamed", description="new"))
    assert updated.name == "renamed" and updated.description == "new"

    admin_client.media.delete(entry.id)
    with pytest.raises(KalturaException) as err:
        admin_client.media.get(entry.id)
    assert err.value.code == "ENTRY_ID_NOT_FOUND"


def test_multirequest_with_back_references(admin_client):
    admin_client.startMultiRequest()
    added = admin_client.media.add(KalturaMediaEntry(name="multi", mediaType=KalturaMediaType.AUDIO))
    admin_client.media.get(added.id)
    admin_client.media.get("0_notthere")
    results = admin_client.doMultiRequest()
    assert len(results) == 3
    assert results[0].name == "multi"
    assert results[1].id == results[0].id
    assert isinstance(results[2], KalturaException)
    assert results[2].code == "ENTRY_ID_NOT_FOUND"


def test_errors_raise_kaltura_exceptions_with_codes(new_client, admin_client):
    client = new_client()
    with pytest.raises(KalturaException) as err:
        client.session.start("wrong-secret", "admin", KalturaSessionType.ADMIN, PARTNER_ID)
    assert err.value.code == "START_SESSION_ERROR"

    with pytest.raises(KalturaException) as err:
        client.media.list()
    assert err.value.code == "SERVICE_FORBIDDEN"

    client.setKs("bm90IGEga3M=")
    with pytest.raises(KalturaException) as err:
        client.media.count()
    assert err.value.code == "INVALID_KS"

    with pytest.raises(KalturaException) as err:
        admin_client.media.addFromUploadedFile(KalturaMediaEntry(name="x"), "0_" + "0" * 32)
    assert err.value.code == "UPLOADED_FILE_NOT_FOUND_BY_TOKEN"

    pending = admin_client.uploadToken.add(KalturaUploadToken())
    with pytest.raises(KalturaException) as err:
        admin_client.media.addFromUploadedFile(KalturaMediaEntry(name="x"), pending.id)
    assert err.value.code == "UPLOAD_TOKEN_INVALID_STATUS_FOR_ADD_ENTRY"


def test_add_then_add_content_from_an_upload_token(admin_client, tmp_path):
    entry = admin_client.media.add(KalturaMediaEntry(name="two steps", mediaType=KalturaMediaType.VIDEO))
    assert entry.status.getValue() == KalturaEntryStatus.NO_CONTENT
    token = chunked_upload(admin_client, tmp_path, b"y" * 30, name="two.mp4", chunk=10)
    with_content = admin_client.media.addContent(entry.id, KalturaUploadedFileTokenResource(token=token.id))
    assert with_content.status.getValue() in (KalturaEntryStatus.PRECONVERT, KalturaEntryStatus.READY)
    wait_for_status(admin_client, entry.id, KalturaEntryStatus.READY)
    base = admin_client.baseEntry.get(entry.id)
    assert base.id == entry.id and base.name == "two steps"

    with pytest.raises(KalturaException) as err:
        admin_client.media.addContent(entry.id, KalturaUploadedFileTokenResource(token=token.id))
    assert err.value.code == "ENTRY_ALREADY_WITH_CONTENT"


@pytest.fixture
def origin(tmp_path):
    """A local HTTP server for URL imports, serving files of tmp_path."""
    (tmp_path / "remote.mp4").write_bytes(b"r" * 4096)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def test_url_imports_become_ready_or_fail(admin_client, origin):
    entry = admin_client.media.addFromUrl(KalturaMediaEntry(name="remote", mediaType=KalturaMediaType.VIDEO), origin + "/remote.mp4")
    wait_for_status(admin_client, entry.id, KalturaEntryStatus.READY)
    added = admin_client.media.add(KalturaMediaEntry(name="remote 2", mediaType=KalturaMediaType.VIDEO))
    admin_client.media.addContent(added.id, KalturaUrlResource(url=origin + "/missing.mp4"))
    wait_for_status(admin_client, added.id, KalturaEntryStatus.ERROR_IMPORTING)
