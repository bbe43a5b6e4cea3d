"""Issuing a report tells the issuing unit's people and those of the units it covers, once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from notifications.constants import NotificationKind
from notifications.models import Notification
from reports import services
from reports.models import Report
from tests.reports.test_views import login

pytestmark = pytest.mark.django_db


def test_issuing_a_report_notifies_the_district_and_its_communes(
    client, district_staff, officer, province_staff, january, lap_vo, qd766, django_capture_on_commit_callbacks
):
    login(client, district_staff)
    client.post(
        reverse("report-list"),
        {"unit": lap_vo.pk, "body_kind": "ubnd", "scheme": qd766.pk, "period": january.pk, "kind": "monthly"},
    )
    report = Report.objects.get()
    data = {name: getattr(report, name) or "" for name in services.HEADER_FIELDS}
    data |= {f"section_{k}": v for k, v in report.sections.items()}
    data |= {"signer_name": "Nguyễn Văn Thử", "action": "issue", "confirm": "1", "confirm_incomplete": "1"}
    with django_capture_on_commit_callbacks(execute=True):  # the render (and the number) runs after commit
        client.post(reverse("report-detail", args=[report.pk]), data)
    report.refresh_from_db()
    assert report.status == "issued"
    told = set(
        Notification.objects.filter(kind=NotificationKind.REPORT_ISSUED).values_list("user__username", flat=True)
    )
    assert told == {district_staff.username, officer.username}  # not the province above
    note = Notification.objects.get(user=officer)
    assert report.number_text in note.title and note.url == reverse("report-detail", args=[report.pk])
