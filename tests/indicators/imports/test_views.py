"""Importing a score table in the browser: who may, the preview (a dry run), confirm, rollback, idempotence."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from audit.constants import EventKind
from audit.models import AuditEvent
from indicators.models import Entry, Period, Scheme, Scorecard
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db

SEED = "seed000_lapvo_2024-01.tsv"
HEADER = "STT\tTên đơn vị\tĐiểm tổng\tCông khai, minh bạch\tTiến độ giải quyết\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def login(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def upload(client: Client, parent, content: bytes, name: str = "bang-diem.tsv", period: str = "2024-01"):
    return client.post(
        reverse("scores-import"),
        {
            "scheme": Scheme.objects.get(code="qd766").pk,
            "period": period,
            "parent": parent.pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def preview_url(response) -> str:
    assert response.status_code == 302, getattr(response, "context", {}) and response.context["form"].errors
    return response["Location"]


def test_anonymous_is_sent_to_login(client, lap_vo):
    response = client.get(reverse("scores-import"))
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_officers_may_not_import(officer, lap_vo, qd766, seed_file):
    client = login(officer)
    assert client.get(reverse("scores-import")).status_code == 403
    assert upload(client, lap_vo, seed_file(SEED).read_bytes()).status_code == 403


def test_parent_choices_are_the_units_the_user_reviews(district_staff, province_staff, administrator, lap_vo):
    district = login(district_staff).get(reverse("scores-import")).context["form"].fields["parent"].queryset
    assert [u.code for u in district] == ["875"]
    province = login(province_staff).get(reverse("scores-import")).context["form"].fields["parent"].queryset
    assert province.count() == 13 and province.first().code == "87"
    assert login(administrator).get(reverse("scores-import")).status_code == 200


def test_another_district_is_refused(district_staff, lap_vo, qd766, seed_file):
    other = lap_vo.parent.children.exclude(pk=lap_vo.pk).first()
    response = upload(login(district_staff), other, seed_file(SEED).read_bytes())
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors


def test_preview_shows_rows_values_totals_and_writes_nothing(district_staff, lap_vo, qd766, seed_file):
    client = login(district_staff)
    response = client.get(preview_url(upload(client, lap_vo, seed_file(SEED).read_bytes(), name=SEED)))
    assert response.status_code == 200
    report = response.context["report"]
    assert len(report.rows) == 13 and not response.context["errors"]
    html = response.content.decode()
    assert "Xã Vĩnh Thạnh" in html and "90,13" in html and "Xác nhận nhập 13 dòng" in html
    assert report.codes == ["CKMB", "TDGQ", "DVCTT", "TTTT", "MDHL", "MDSH"]
    assert response.context["rows"][0]["cells"][:2] == ["18", "20"]
    assert not Scorecard.objects.exists() and not Entry.objects.exists()
    assert not Period.objects.filter(key="2024-01").exists()


def test_confirm_writes_all_rows_records_who_file_and_hash(district_staff, lap_vo, qd766, seed_file, media):
    client = login(district_staff)
    content = seed_file(SEED).read_bytes()
    url = preview_url(upload(client, lap_vo, content, name=SEED))
    response = client.post(url + "xac-nhan/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("league-table") + "?scheme=qd766&period=2024-01")
    assert f"Đã nhập 13 dòng của tệp {SEED} cho tháng 01 năm 2024: 13 phiếu điểm thay đổi." in [
        str(m) for m in response.context["messages"]
    ]
    assert Scorecard.objects.filter(period__key="2024-01").count() == 13
    assert Scorecard.objects.filter(rank=1).exists()  # the recompute ran
    events = AuditEvent.objects.filter(kind=EventKind.IMPORT)
    assert events.count() == 13
    assert {(e.user_id, e.details["file"], e.details["sha256"]) for e in events} == {
        (district_staff.pk, SEED, hashlib.sha256(content).hexdigest())
    }
    assert not any(Path(media, "imports").iterdir())  # the temporary file is gone
    assert client.post(url + "xac-nhan/").status_code == 404  # and cannot be confirmed twice


def test_reimporting_the_same_file_changes_nothing(district_staff, lap_vo, qd766, seed_file):
    client = login(district_staff)
    for expected in (13, 0):
        url = preview_url(upload(client, lap_vo, seed_file(SEED).read_bytes(), name=SEED))
        versions = dict(Scorecard.objects.values_list("pk", "version"))
        response = client.post(url + "xac-nhan/", follow=True)
        assert f"{expected} phiếu điểm thay đổi" in str(next(iter(response.context["messages"])))
    assert dict(Scorecard.objects.values_list("pk", "version")) == versions
    assert AuditEvent.objects.filter(kind=EventKind.IMPORT).count() == 13


def test_errors_are_listed_and_confirm_writes_nothing(district_staff, lap_vo, qd766):
    client = login(district_staff)
    body = HEADER + "1\tXã Tân Mỹ\t72,7\t8,5\t18,3\n2\tXã Vĩnh Thạnh\t90,13\t19\t20\n"
    url = preview_url(upload(client, lap_vo, body.encode()))
    response = client.get(url)
    assert "Dòng 3, cột D “Công khai, minh bạch”: điểm 19 vượt điểm tối đa 18" in response.content.decode()
    assert "Xác nhận nhập" not in response.content.decode()
    response = client.post(url + "xac-nhan/", follow=True)
    assert "Tệp có 1 lỗi, chưa ghi gì." in str(next(iter(response.context["messages"])))
    assert not Scorecard.objects.exists()


def test_unsure_rows_offer_a_choice_and_the_choice_is_imported(district_staff, lap_vo, qd766, tan_my):
    client = login(district_staff)
    body = HEADER + "1\tXã Tân Mĩ\t72,7\t8,5\t18,3\n2\tVINH THANH\t90,13\t18\t20\n"
    url = preview_url(upload(client, lap_vo, body.encode()))
    response = client.get(url)
    unsure = {entry["item"].number: entry["item"] for entry in response.context["unsure"]}
    assert unsure[2].status == "missing" and tan_my in unsure[2].candidates
    assert unsure[3].status == "folded"  # matched only without diacritics: shown for checking
    assert 'name="unit_2"' in response.content.decode()
    # Choosing the unit for row 2 settles it; row 3 matched without diacritics and keeps a select.
    response = client.post(url, {"unit_2": tan_my.pk})
    assert not response.context["errors"]
    rows = {item["row"].number: item for item in response.context["rows"]}
    assert rows[2]["row"].unit == tan_my and rows[2]["row"].match == "chosen"
    assert rows[3]["unsure"] and rows[3]["row"].unit.name == "Vĩnh Thạnh"
    response = client.post(url + "xac-nhan/", {"unit_2": tan_my.pk})
    assert response.status_code == 302
    assert str(Scorecard.objects.get(unit=tan_my).published_total) == "72.70"


def test_a_choice_outside_the_parent_is_ignored(district_staff, lap_vo, qd766):
    client = login(district_staff)
    outsider = lap_vo.parent.children.exclude(pk=lap_vo.pk).first().children.first()
    body = HEADER + "1\tXã Tân Mĩ\t72,7\t8,5\t18,3\n"
    url = preview_url(upload(client, lap_vo, body.encode()))
    client.post(url + "xac-nhan/", {"unit_2": outsider.pk})
    assert not Scorecard.objects.exists()


def test_another_users_upload_is_not_found(district_staff, province_staff, lap_vo, qd766, seed_file):
    url = preview_url(upload(login(district_staff), lap_vo, seed_file(SEED).read_bytes()))
    other = login(province_staff)
    assert other.get(url).status_code == 404
    assert other.post(url + "xac-nhan/").status_code == 404
    assert not Scorecard.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bang.xls", b"\xd0\xcf\x11\xe0", "không phải .xlsx hoặc .csv"),
        ("bang.xlsx", b"not a zip at all", "Không đọc được tệp Excel bang.xlsx: nội dung không phải .xlsx"),
        ("bang.csv", b"", "Tập tin được gửi là rỗng."),
    ],
)
def test_hostile_uploads_get_a_clear_message(district_staff, lap_vo, qd766, name, content, expected):
    client = login(district_staff)
    response = upload(client, lap_vo, content, name=name)
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert response.status_code == 200
    text = response.content.decode()
    assert expected in text or any(expected in str(e) for e in response.context["form"].errors.get("file", []))
    assert not Scorecard.objects.exists()


def test_an_expired_upload_sends_back_to_the_form(district_staff, lap_vo, qd766, seed_file, media):
    client = login(district_staff)
    url = preview_url(upload(client, lap_vo, seed_file(SEED).read_bytes()))
    for folder in Path(media, "imports").iterdir():
        for file in folder.iterdir():
            file.unlink()
    response = client.get(url, follow=True)
    assert "Tệp tải lên đã hết hạn" in response.content.decode()
