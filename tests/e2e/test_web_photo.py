"""Measure from a photo over HTTP with the real pose model: the guide and picker, the reading
with the annotated picture, accepting or correcting it, the JSON twin, and bad photos."""

from __future__ import annotations

import base64
import io
import re
import sys

import pytest
from PIL import Image
from tests.conftest import need_service
from tests.e2e import web_fixtures
from tests.e2e.web_support import field_errors
from tests.pose_photos import HAS_CAMERA, photo_bytes

from psoas import bootstrap
from psoas.domain.records.measurements import MeasurementKind, Method

client, clock = web_fixtures.client, web_fixtures.clock
PICTURE = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


@pytest.fixture
def camera():
    need_service(HAS_CAMERA, 'the camera extra (pip install -e ".[camera]")')


def send_photo(client, data: bytes, **fields):
    if not client.token:
        client.refresh_token()
    body = {"csrf_token": client.token, "back": "log", **fields}
    return client.post("/photo", data=body, files={"photo": ("me.jpg", data, "image/jpeg")})


def stored(client):
    return client.get("/api/measurements").json()


def test_the_picker_shows_the_guide_and_drawing_first(client):
    page = client.get("/photo?side=left&back=assessment&step=3").text
    guide, picker = page.index("How to take the photo"), page.index('type="file"')
    assert guide < page.index("/static/photo-setup.svg") < picker
    assert 'accept="image/*"' in page and 'capture="environment"' in page
    assert "hip height" in page.replace("height of your hip", "hip height")
    assert 'name="step" value="3"' in page and '<option value="left" selected>' in page
    assert client.get("/static/photo-setup.svg").headers["content-type"].startswith("image/svg")


def test_both_pages_link_to_it(client):
    assert 'href="/photo?back=log"' in client.get("/log").text
    pages = [client.get(f"/assessment?step={n}").text for n in range(12)]
    self_test = next(p for p in pages if "bench-edge hang test" in p)
    step = re.search(r'name="step" value="(\d+)"', self_test).group(1)
    for side in ("left", "right"):
        assert f'href="/photo?side={side}&amp;back=assessment&amp;step={step}"' in self_test
    assert sum("Measure from a photo" in p for p in pages) == 1  # the self-test step only


def test_a_photo_gives_the_picture_and_proposed_answer_and_is_not_kept(client, camera, tmp_path):
    page = send_photo(client, photo_bytes("walk_100.jpg", 1), side="left")
    assert page.status_code == 200, page.text
    picture = Image.open(io.BytesIO(base64.b64decode(PICTURE.search(page.text).group(1))))
    assert picture.format == "PNG"
    assert "give or take" in page.text and "Accept or correct" in page.text
    assert "psoas does not keep this photo" in page.text
    assert (
        "Save a copy of this picture" in page.text
    )  # keeping it is the person's choice, on their device
    assert re.search(r'name="hip_angle_deg" value="-?\d+"', page.text)
    assert stored(client) == []  # nothing recorded until accepted
    assert not any(p.suffix.lower() in {".jpg", ".png"} for p in tmp_path.rglob("*"))


def test_accepting_records_with_method_photo(client):
    reply = client.form(
        "/photo/accept",
        {
            "back": "log",
            "side": "right",
            "thigh": "above",
            "hip_angle_deg": "9",
            "knee_bend_deg": "72",
        },
    )
    assert reply.status_code == 303 and reply.headers["location"] == "/log?saved=measurement"
    saved = {m["kind"]: m for m in stored(client)}
    assert set(saved) == {"self_test", "hip_angle", "knee_angle"}
    assert all(m["method"] == Method.PHOTO.value and m["side"] == "right" for m in saved.values())
    assert saved[MeasurementKind.HIP_ANGLE.value]["value"] == 9


def test_a_correction_that_contradicts_itself_is_refused_and_nothing_saved(client):
    reply = client.form(
        "/photo/accept",
        {
            "back": "log",
            "side": "left",
            "thigh": "below",
            "hip_angle_deg": "12",
            "knee_bend_deg": "",
        },
    )
    assert reply.status_code == 422
    assert "does not fit a thigh below" in field_errors(reply.text)["hip_angle_deg"]
    assert stored(client) == []


def test_accepting_on_the_self_test_step_fills_its_answers(client):
    reply = client.form(
        "/photo/accept",
        {
            "back": "assessment",
            "step": "4",
            "side": "left",
            "thigh": "level",
            "hip_angle_deg": "-3",
            "knee_bend_deg": "85",
        },
    )
    assert reply.status_code == 303 and reply.headers["location"] == "/assessment?step=4"
    ctx = client.app.state.context
    with ctx.uow() as uow:
        (person,) = uow.people.list()
        draft = uow.drafts.get(person.id)
    assert draft["left_thigh"] == "level" and draft["left_hip_angle"] == -3
    assert draft["left_knee"] == "bent" and draft["self_test_done"] is True


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"not a photo", "could not be read as a photo"),
        (lambda: _png(Image.new("RGB", (500, 400), "white")), "No person was found"),
    ],
    ids=["unreadable", "blank"],
)
def test_bad_photos_are_refused_on_the_page(client, camera, data, words):
    page = send_photo(client, data() if callable(data) else data)
    assert page.status_code == 422 and words in page.text
    assert 'type="file"' in page.text  # the picker again, to try another photo


def test_no_photo_chosen(client):
    client.refresh_token()
    page = client.post("/photo", data={"csrf_token": client.token, "back": "log"})
    assert page.status_code == 422 and "choose or take a photo" in page.text


def test_a_too_large_upload_is_refused_before_it_is_read(client):
    client.refresh_token()
    big = b"\xff" * (22 * 1024 * 1024)
    page = client.post(
        "/photo", data={"csrf_token": client.token}, files={"photo": ("big.jpg", big, "image/jpeg")}
    )
    assert page.status_code == 413


def test_json_twin(client, camera):
    client.refresh_token()
    reply = client.post(
        "/api/photo",
        headers={"X-CSRF-Token": client.token},
        files={"photo": ("me.jpg", photo_bytes("walk_120.jpg", 3), "image/jpeg")},
    )
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["picture"].startswith("data:image/png;base64,") and body["uncertainty_deg"] >= 5
    blank = client.post(
        "/api/photo",
        headers={"X-CSRF-Token": client.token},
        files={"photo": ("x.png", _png(Image.new("RGB", (300, 300), "white")), "image/png")},
    )
    assert blank.status_code == 422 and blank.json()["reason"] == "no_person"


def test_without_the_camera_extra_the_page_says_so(client, monkeypatch):
    monkeypatch.setattr(bootstrap, "_POSE", [])
    for name in [m for m in sys.modules if m == "mediapipe" or m.startswith("mediapipe.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "mediapipe", None)
    page = send_photo(client, b"anything")
    assert page.status_code == 503 and "not installed on this computer" in page.text
    assert "Traceback" not in page.text and "mediapipe" not in page.text


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
