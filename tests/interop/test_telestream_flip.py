"""The official Flip 3.1 Python SDK ``telestream-cloud-flip`` 2.1.0 (``X-Api-Key``) against the simulator:
factories, profiles, videos, encodings, an upload, and its errors.

The SDK is pointed at the simulator through its public ``Configuration(host=...)``, whose default is
``https://api.cloud.telestream.net/flip/3.1``; the key goes in ``api_key={"X-Api-Key": ...}``, the name its
``auth_settings`` look up. Nothing in the SDK is patched.

2.1.0 has no upload call (the 2018 SDKs' ``Uploader`` was dropped): the upload session is created with the
SDK's own generic ``ApiClient.call_api`` (so with its authentication), and its parts go to the unsigned
``location`` as plain HTTP, as every SDK sends them (telestream-cloud.md 5.3).
"""

import pathlib
import time
import urllib.error
import uuid

import pytest
import requests
import telestream_cloud_flip as flip_sdk
from telestream_cloud_flip.exceptions import ApiException

FIXTURES = pathlib.Path(__file__).resolve().parents[2] / "fixtures"
SAMPLE = FIXTURES / "media" / "sample.mp4"


def flip_api(sim, api_key=None):
    configuration = flip_sdk.Configuration(
        host=f"{sim.url}/flip/3.1", api_key={"X-Api-Key": api_key or sim.api_key}
    )
    return flip_sdk.FlipApi(flip_sdk.ApiClient(configuration))


@pytest.fixture
def api(telestream_sim):
    return flip_api(telestream_sim)


def unique(prefix):
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def upload(api, sim, path, profiles="h264"):
    """Uploads ``path`` through a multi-chunk session; answers the video id."""
    data = path.read_bytes()
    session = api.api_client.call_api(
        "/videos/upload.json",
        "POST",
        query_params=[("factory_id", sim.factory_id)],
        header_params={"Content-Type": "application/json", "Accept": "application/json"},
        body={"file_name": path.name, "file_size": len(data), "profiles": profiles, "multi_chunk": True},
        response_type="object",
        auth_settings=["apiKey"],
        _return_http_data_only=True,
    )
    part_size = int(session["part_size"])
    video = None
    for index in range(int(session["parts"])):
        answer = requests.put(
            session["location"],
            headers={"X-Part": str(index), "Content-Type": "application/octet-stream"},
            data=data[index * part_size : (index + 1) * part_size],
            timeout=30,
        )
        answer.raise_for_status()
        video = answer.json() if answer.content else video
    assert video is not None, "the last part answers the video"
    return video["id"]


def wait_for_encodings(api, sim, video_id, timeout=15):
    deadline = time.monotonic() + timeout
    while True:
        encodings = api.list_video_encodings(video_id, sim.factory_id).encodings
        if encodings and all(e.status != "processing" for e in encodings):
            return encodings
        assert time.monotonic() < deadline, f"encodings still processing: {encodings}"
        time.sleep(0.1)


def test_factories_are_listed_found_created_and_updated(api, telestream_sim):
    listed = api.list_factories(per_page=100)
    assert telestream_sim.factory_id in [f.id for f in listed.factories]
    assert listed.total >= 1

    demo = api.get_factory(telestream_sim.factory_id)
    assert demo.url == f"{telestream_sim.url}/files/{telestream_sim.factory_id}/"

    created = api.create_factory(factory=flip_sdk.Factory(name=unique("flip")))
    assert created.id and created.id != demo.id
    updated = api.update_factory(created.id, factory=flip_sdk.Factory(name="renamed"))
    assert (updated.id, updated.name) == (created.id, "renamed")
    assert api.get_factory(created.id).name == "renamed"


def test_profiles_are_created_found_updated_listed_and_deleted(api, telestream_sim):
    fid = telestream_sim.factory_id
    name = unique("web")
    profile = api.create_profile(fid, profile=flip_sdk.Profile(name=name, preset_name="h264", width=640, height=360))
    assert (profile.name, profile.preset_name, profile.width) == (name, "h264", 640)

    assert api.get_profile(profile.id, fid).name == name
    # 2.1.0's update_profile fills path parameter `id` into the path `/profiles/{profile_id}.json`, so it
    # asks for a profile literally named `{profile_id}`: no server can find it.
    with pytest.raises(ApiException) as unaddressed:
        api.update_profile(profile.id, fid, profile=flip_sdk.Profile(height=480))
    assert unaddressed.value.status == 404
    assert "%7Bprofile_id%7D" in unaddressed.value.body
    assert api.get_profile(profile.id, fid).height == 360
    assert name in [p.name for p in api.list_profiles(fid, per_page=100).profiles]

    assert api.delete_profile(profile.id, fid).deleted is True
    with pytest.raises(ApiException) as raised:
        api.get_profile(profile.id, fid)
    assert raised.value.status == 404


def test_an_uploaded_video_is_listed_encoded_and_its_bytes_served_back(api, telestream_sim, tmp_path):
    fid = telestream_sim.factory_id
    path = tmp_path / "clip.mp4"
    path.write_bytes(SAMPLE.read_bytes())
    video_id = upload(api, telestream_sim, path)

    video = api.get_video(video_id, fid)
    assert (video.status, video.original_filename, video.file_size) == ("success", "clip.mp4", path.stat().st_size)
    assert video_id in [v.id for v in api.list_videos(fid, per_page=100).videos]
    factory_url = api.get_factory(fid).url
    assert telestream_sim.fetch(factory_url + video.path + video.extname) == path.read_bytes()

    [encoding] = wait_for_encodings(api, telestream_sim, video_id)
    assert (encoding.status, encoding.profile_name, encoding.video_id) == ("success", "h264", video_id)
    assert telestream_sim.fetch(factory_url + encoding.files[0]) == path.read_bytes()
    assert api.get_encoding(encoding.id, fid).encoding_progress == 100
    assert encoding.id in [e.id for e in api.list_encodings(fid, video_id=video_id).encodings]

    metadata = api.video_metadata(video_id, fid)
    facts = (metadata["image_width"], metadata["image_height"], metadata["mime_type"])
    assert facts == (video.width, video.height, "video/mp4")


def test_an_encoding_is_created_for_an_existing_video_and_deleted(api, telestream_sim, tmp_path):
    fid = telestream_sim.factory_id
    path = tmp_path / "bare.mp4"
    path.write_bytes(SAMPLE.read_bytes())
    video_id = upload(api, telestream_sim, path, profiles="none")
    assert api.list_video_encodings(video_id, fid).encodings == []

    encoding = api.create_encoding(fid, flip_sdk.CreateEncodingBody(video_id=video_id, profile_name="h264"))
    assert (encoding.status, encoding.video_id) == ("processing", video_id)
    [done] = wait_for_encodings(api, telestream_sim, video_id)
    assert (done.id, done.status) == (encoding.id, "success")

    assert api.delete_encoding(encoding.id, fid).deleted is True
    with pytest.raises(ApiException) as raised:
        api.get_encoding(encoding.id, fid)
    assert raised.value.status == 404


def test_a_video_loses_its_source_then_is_deleted(api, telestream_sim, tmp_path):
    fid = telestream_sim.factory_id
    path = tmp_path / "gone.mp4"
    path.write_bytes(SAMPLE.read_bytes())
    video_id = upload(api, telestream_sim, path, profiles="none")
    video = api.get_video(video_id, fid)
    source = api.get_factory(fid).url + video.path + video.extname

    api.delete_video_source(video_id, fid)
    with pytest.raises(urllib.error.HTTPError) as gone:
        telestream_sim.fetch(source)
    assert gone.value.code == 404

    assert api.delete_video(video_id, fid).deleted is True
    with pytest.raises(ApiException) as raised:
        api.get_video(video_id, fid)
    assert raised.value.status == 404
    assert raised.value.body and "RecordNotFound" in raised.value.body


def test_an_unknown_video_raises_api_exception_404_with_the_error_body(api, telestream_sim):
    with pytest.raises(ApiException) as raised:
        api.get_video("0" * 32, telestream_sim.factory_id)
    assert raised.value.status == 404
    assert '"error":"RecordNotFound"' in raised.value.body.replace(" ", "")


def test_a_wrong_api_key_raises_api_exception_401(telestream_sim):
    with pytest.raises(ApiException) as raised:
        flip_api(telestream_sim, api_key="tcs_not_a_key").list_videos(telestream_sim.factory_id)
    assert raised.value.status == 401


def test_a_video_created_from_a_source_url_fetches_and_serves_that_file(api, telestream_sim, served_sample):
    fid = telestream_sim.factory_id
    try:
        video = api.create_video(fid, flip_sdk.CreateVideoBody(source_url=served_sample, profiles="none"))
    except ApiException as e:
        # Skipped, saying why, only while the simulator answers that it has no source_url imports.
        if e.status == 400 and "source_url imports are not simulated" in (e.body or ""):
            pytest.skip(f"not in this simulator yet: {e.body}")
        raise
    deadline = time.monotonic() + 15
    while video.status == "processing" and time.monotonic() < deadline:
        time.sleep(0.1)
        video = api.get_video(video.id, fid)
    assert (video.status, video.source_url) == ("success", served_sample)
    source = api.get_factory(fid).url + video.path + video.extname
    assert telestream_sim.fetch(source) == SAMPLE.read_bytes()
