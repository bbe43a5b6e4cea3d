"""Notifications: returned and approved cards (sent by the workflow itself, so the pages, the bulk approval and the
API each notify exactly once), deadline reminders (once per card and day), each user's choice, e-mail through
Django's mail framework, and the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from indicators.entry.services import WorkflowError, scorecard_approve, scorecard_save, scorecard_submit
from notifications.constants import NotificationKind
from notifications.models import Notification
from notifications.services import deadline_reminders_send, notification_choices_set
from tests.indicators.entry.test_views import complete_form, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_with_mail(officer):
    officer.email = "canbo@binhthanh.example"
    officer.save()
    return officer


def submitted(card, officer, complete_values):
    scorecard_save(scorecard=card, user=officer, values=complete_values, causes={}, expected_version=card.version)
    card.refresh_from_db()
    return scorecard_submit(scorecard=card, user=officer)


def test_a_return_and_an_approval_tell_the_units_people(
    card, officer_with_mail, district_staff, complete_values, django_capture_on_commit_callbacks
):
    submitted(card, officer_with_mail, complete_values)
    reviewer = login(district_staff)
    with django_capture_on_commit_callbacks(execute=True):
        reviewer.post(reverse("scorecard-return", args=[card.pk]), {"text": "Sửa CKMB1"})
    note = Notification.objects.get(user=officer_with_mail)
    assert note.kind == NotificationKind.RETURNED and "Sửa CKMB1" in note.body
    assert note.url == reverse("scorecard-entry", args=[card.pk])
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["canbo@binhthanh.example"]
    assert "bị trả lại" in mail.outbox[0].subject
    client = login(officer_with_mail)
    card.refresh_from_db()
    client.post(reverse("scorecard-entry", args=[card.pk]), {**complete_form(card), "action": "submit"})
    card.refresh_from_db()
    assert card.status == "submitted"
    with django_capture_on_commit_callbacks(execute=True):
        reviewer.post(reverse("scorecard-approve", args=[card.pk]))
    assert Notification.objects.filter(user=officer_with_mail, kind=NotificationKind.APPROVED).count() == 1
    page = client.get(reverse("notification-list")).content.decode()
    assert "đã được duyệt" in page and "bị trả lại" in page
    assert "Thông báo" in page and 'class="unread-count"' in page


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_the_api_return_and_approval_notify_like_the_pages(
    card, officer_with_mail, district_staff, complete_values, django_capture_on_commit_callbacks
):
    card = submitted(card, officer_with_mail, complete_values)
    reviewer = token_client(district_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(
            f"/api/v1/scorecards/{card.pk}/return/", {"version": card.version, "comment": "Sửa CKMB2"}, format="json"
        )
    assert response.status_code == 200
    note = Notification.objects.get(user=officer_with_mail)
    assert note.kind == NotificationKind.RETURNED and "Sửa CKMB2" in note.body
    assert note.url == reverse("scorecard-entry", args=[card.pk])
    assert [m.subject for m in mail.outbox] == ["Phiếu điểm Tháng 05 năm 2024 bị trả lại"]
    card.refresh_from_db()
    card = scorecard_submit(scorecard=card, user=officer_with_mail)
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(f"/api/v1/scorecards/{card.pk}/approve/", {"version": card.version}, format="json")
    assert response.status_code == 200
    approved = Notification.objects.filter(user=officer_with_mail, kind=NotificationKind.APPROVED)
    assert approved.count() == 1 and "đã được duyệt" in approved.get().title
    assert len(mail.outbox) == 2


def test_the_bulk_approval_notifies_each_card_once(
    card, other_card, officer, other_officer, district_staff, complete_values
):
    submitted(card, officer, complete_values)
    submitted(other_card, other_officer, complete_values)
    reviewer = login(district_staff)
    reviewer.post(reverse("review-bulk-approve"), {"phieu": [card.pk, other_card.pk]})
    notes = Notification.objects.filter(kind=NotificationKind.APPROVED)
    assert sorted(notes.values_list("user__username", flat=True)) == ["canbo.binhthanh", "canbo.tanmy"]


def test_a_refused_step_tells_nobody(card, officer, district_staff):
    with pytest.raises(WorkflowError):
        scorecard_approve(scorecard=card, user=district_staff)  # still a draft
    assert not Notification.objects.exists()


def test_deadline_reminders_go_once_per_card_and_day(card, officer_with_mail, other_card, other_officer):
    card.period.entry_deadline = timezone.localdate() + timedelta(days=3)
    card.period.save()
    assert deadline_reminders_send() == 2  # Bình Thành's and Tân Mỹ's officers
    assert deadline_reminders_send() == 0  # the same day again: nothing twice
    note = Notification.objects.get(user=officer_with_mail)
    assert "còn 3 ngày" in note.title
    assert deadline_reminders_send(today=timezone.localdate() + timedelta(days=1)) == 0  # 2 days left: no reminder
    assert deadline_reminders_send(today=timezone.localdate() + timedelta(days=2)) == 2  # 1 day left


def test_each_user_chooses_what_they_receive(card, officer_with_mail, other_card, other_officer):
    notification_choices_set(user=officer_with_mail, choices={NotificationKind.DEADLINE: (False, False)})
    card.period.entry_deadline = timezone.localdate()
    card.period.save()
    assert deadline_reminders_send() == 1
    assert not Notification.objects.filter(user=officer_with_mail).exists()
    client = login(officer_with_mail)
    client.post(reverse("notification-settings"), {"deadline_app": "1", "approved_email": "1"})
    page = client.get(reverse("notification-settings")).content.decode()
    assert 'name="deadline_app" value="1" checked' in page
    assert 'name="deadline_email" value="1" checked' not in page


def test_the_help_page_explains_the_terms_with_the_schemes_legal_basis(client, officer, qd766):
    client.force_login(officer)
    page = client.get(reverse("help")).content.decode()
    for term in ("Điểm công bố", "Điểm quy đổi", "KAD", "chỉ tiêu"):
        assert term in page
    assert qd766.legal_basis in page
