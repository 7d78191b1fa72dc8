"""The official Kaltura Python client against the simulator: thumbnail and caption assets — add, list,
setAsDefault, update, delete — and their error codes."""

import pathlib
import time

import pytest
from KalturaClient.exceptions import KalturaException
from KalturaClient.Plugins.Caption import (
    KalturaCaptionAsset,
    KalturaCaptionAssetFilter,
    KalturaCaptionAssetStatus,
    KalturaCaptionType,
    KalturaLanguage,
)
from KalturaClient.Plugins.Core import (
    KalturaAssetFilter,
    KalturaEntryStatus,
    KalturaMediaEntry,
    KalturaMediaType,
    KalturaNullableBoolean,
    KalturaStringResource,
    KalturaThumbAsset,
    KalturaThumbAssetStatus,
    KalturaThumbParams,
    KalturaUploadedFileTokenResource,
    KalturaUploadToken,
)

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "fixtures"


def ready_entry(client, name, media_type):
    """Uploads a fixture into a new entry and waits until it is READY."""
    path = FIXTURES / "media" / name
    token = client.uploadToken.add(KalturaUploadToken(fileName=name, fileSize=path.stat().st_size))
    with open(path, "rb") as f:
        client.uploadToken.upload(token.id, f)
    entry = client.media.add(KalturaMediaEntry(name=name, mediaType=media_type))
    client.media.addContent(entry.id, KalturaUploadedFileTokenResource(token=token.id))
    for _ in range(200):
        entry = client.media.get(entry.id)
        if entry.status.getValue() == KalturaEntryStatus.READY:
            return entry
        time.sleep(0.05)
    raise AssertionError(f"entry {entry.id} never became READY")


def thumbs_of(client, entry_id):
    return client.thumbAsset.list(KalturaAssetFilter(entryIdEqual=entry_id)).objects


def test_thumbnails_add_list_set_as_default_and_delete(admin_client):
    entry = ready_entry(admin_client, "sample.mp4", KalturaMediaType.VIDEO)
    assert (entry.width, entry.height) == (160, 120)
    [default] = thumbs_of(admin_client, entry.id)
    assert default.tags == "default_thumb"

    with open(FIXTURES / "media" / "sample.png", "rb") as f:
        added = admin_client.thumbAsset.addFromImage(entry.id, f)
    assert added.status.getValue() == KalturaThumbAssetStatus.READY
    assert (added.width, added.height, added.fileExt) == (160, 120, "png")
    admin_client.thumbAsset.setAsDefault(added.id)

    tags = {t.id: t.tags for t in thumbs_of(admin_client, entry.id)}
    assert tags == {default.id: "", added.id: "default_thumb"}
    with pytest.raises(KalturaException) as refused:
        admin_client.thumbAsset.delete(added.id)
    assert refused.value.code == "THUMB_ASSET_IS_DEFAULT"
    admin_client.thumbAsset.delete(default.id)
    with pytest.raises(KalturaException) as gone:
        admin_client.thumbAsset.get(default.id)
    assert gone.value.code == "THUMB_ASSET_ID_NOT_FOUND"
    assert [t.id for t in thumbs_of(admin_client, entry.id)] == [added.id]


def test_thumbnail_generate_update_and_errors(admin_client):
    entry = ready_entry(admin_client, "sample.webm", KalturaMediaType.VIDEO)
    generated = admin_client.thumbAsset.generate(entry.id, KalturaThumbParams(videoOffset=0.5))
    assert generated.status.getValue() == KalturaThumbAssetStatus.READY
    updated = admin_client.thumbAsset.update(generated.id, KalturaThumbAsset(tags="chosen,default_thumb"))
    assert "default_thumb" in updated.tags
    assert admin_client.thumbAsset.getUrl(generated.id).startswith("http://127.0.0.1:")

    with pytest.raises(KalturaException) as no_filter:
        admin_client.thumbAsset.list(KalturaAssetFilter())
    assert no_filter.value.code == "PROPERTY_VALIDATION_CANNOT_BE_NULL"
    with pytest.raises(KalturaException) as unknown:
        admin_client.thumbAsset.add("0_zzzzzzzz", KalturaThumbAsset())
    assert unknown.value.code == "ENTRY_ID_NOT_FOUND"


def test_captions_add_list_update_set_as_default_and_delete(admin_client):
    entry = ready_entry(admin_client, "sample.mp4", KalturaMediaType.VIDEO)
    captions = admin_client.caption.captionAsset
    english = captions.add(entry.id, KalturaCaptionAsset(language=KalturaLanguage.EN, format=KalturaCaptionType.SRT))
    assert english.status.getValue() == KalturaCaptionAssetStatus.QUEUED
    srt = (FIXTURES / "captions" / "simple.srt").read_text()
    english = captions.setContent(english.id, KalturaStringResource(content=srt))
    assert english.status.getValue() == KalturaCaptionAssetStatus.READY
    assert english.languageCode.getValue() == "en"
    hebrew = captions.add(entry.id, KalturaCaptionAsset(language=KalturaLanguage.HE, label="Hebrew"))

    updated = captions.update(english.id, KalturaCaptionAsset(label="English (CC)", isDefault=KalturaNullableBoolean.TRUE_VALUE))
    assert updated.label == "English (CC)"
    captions.setAsDefault(hebrew.id)
    listed = captions.list(KalturaCaptionAssetFilter(entryIdEqual=entry.id)).objects
    assert {c.id: c.isDefault.getValue() for c in listed} == {english.id: 0, hebrew.id: 1}

    captions.delete(hebrew.id)
    with pytest.raises(KalturaException) as gone:
        captions.get(hebrew.id)
    assert gone.value.code == "CAPTION_ASSET_ID_NOT_FOUND"
    assert [c.id for c in captions.list(KalturaCaptionAssetFilter(entryIdEqual=entry.id)).objects] == [english.id]


def test_caption_errors(admin_client):
    image = ready_entry(admin_client, "sample.jpg", KalturaMediaType.IMAGE)
    video = ready_entry(admin_client, "sample.mp4", KalturaMediaType.VIDEO)
    captions = admin_client.caption.captionAsset

    with pytest.raises(KalturaException) as on_image:
        captions.add(image.id, KalturaCaptionAsset(language=KalturaLanguage.EN))
    assert on_image.value.code == "ENTRY_ID_NOT_FOUND"
    queued = captions.add(video.id, KalturaCaptionAsset(language=KalturaLanguage.EN))
    with pytest.raises(KalturaException) as not_ready:
        captions.getUrl(queued.id)
    assert not_ready.value.code == "CAPTION_ASSET_IS_NOT_READY"
    with pytest.raises(KalturaException) as fixed_format:
        captions.update(queued.id, KalturaCaptionAsset(format=KalturaCaptionType.DFXP))
    assert fixed_format.value.code == "PROPERTY_VALIDATION_NOT_UPDATABLE"
