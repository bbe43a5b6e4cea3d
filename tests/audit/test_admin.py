"""The change log and memberships in the admin: Vietnamese names, read-only log, filters by unit, period, user."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from audit.models import AuditEvent
from indicators.entry.services import scorecard_save
from indicators.values import EntryValue

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("label", ["accounts", "audit"])
def test_every_model_is_registered_with_a_vietnamese_name(label):
    for model in apps.get_app_config(label).get_models():
        assert admin.site.is_registered(model), model.__name__
        assert not str(model._meta.verbose_name).isascii()


def _events(card, other_card, officer, other_officer):
    from indicators.models import Indicator

    ckmb1 = Indicator.objects.get(group__scheme=card.scheme, code="CKMB1").pk
    for scorecard, user in ((card, officer), (other_card, other_officer)):
        scorecard_save(
            scorecard=scorecard,
            user=user,
            values={(ckmb1, None): EntryValue(points=Decimal(5))},
            causes={},
            expected_version=1,
        )


def test_the_log_filters_by_unit_period_and_user(admin_client, card, other_card, officer, other_officer):
    _events(card, other_card, officer, other_officer)
    url = reverse("admin:audit_auditevent_changelist")
    page = admin_client.get(url).content.decode()
    assert "Xã Bình Thành" in page and "Xã Tân Mỹ" in page
    by_unit = admin_client.get(url, {"unit__id__exact": card.unit_id}).context["cl"].result_list
    assert [e.unit_id for e in by_unit] == [card.unit_id]
    by_user = admin_client.get(url, {"user__id__exact": other_officer.pk}).context["cl"].result_list
    assert [e.username for e in by_user] == ["canbo.tanmy"]
    by_period = admin_client.get(url, {"period__id__exact": card.period_id}).context["cl"].result_list
    assert len(by_period) == 2


def test_the_log_cannot_be_edited_or_deleted_in_the_admin(admin_client, card, other_card, officer, other_officer):
    _events(card, other_card, officer, other_officer)
    event = AuditEvent.objects.first()
    page = admin_client.get(reverse("admin:audit_auditevent_change", args=[event.pk])).content.decode()
    assert 'name="after"' not in page
    assert admin_client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert admin_client.get(reverse("admin:audit_auditevent_delete", args=[event.pk])).status_code == 403


def test_membership_pages_open(admin_client, officer):
    assert admin_client.get(reverse("admin:accounts_membership_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:auth_user_change", args=[officer.pk])).content.decode()
    assert "Xã Bình Thành" in page  # memberships inline on the user's page


def test_period_admin_closes_only_overdue_periods(admin_client, card):
    url = reverse("admin:indicators_period_changelist")
    response = admin_client.post(url, {"action": "close_for_entry", "_selected_action": [card.period_id]}, follow=True)
    assert "chưa quá hạn" in response.content.decode()
    card.period.refresh_from_db()
    assert not card.period.entry_closed
