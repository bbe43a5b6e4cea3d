"""Every model is in the admin with Vietnamese labels, and its pages open."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

APP_LABELS = ("units", "indicators")


def test_every_project_model_is_registered_with_a_vietnamese_name():
    for label in APP_LABELS:
        for model in apps.get_app_config(label).get_models():
            assert admin.site.is_registered(model), model.__name__
            name = str(model._meta.verbose_name)
            assert name != model.__name__.lower() and name.isascii() is False, name


@pytest.mark.parametrize("label", APP_LABELS)
def test_changelists_and_add_pages_open(admin_client, label, lap_vo, qd766, seed_file):
    from indicators.imports.services import scores_import
    from indicators.services import period_get_or_create

    scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2024-01"),
        parent=lap_vo,
    )
    for model in apps.get_app_config(label).get_models():
        if not admin.site.is_registered(model):
            continue
        info = (model._meta.app_label, model._meta.model_name)
        changelist = admin_client.get(reverse("admin:{}_{}_changelist".format(*info)))
        assert changelist.status_code == 200, info
        obj = model.objects.first()
        if obj is not None:
            change = admin_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
            assert change.status_code == 200, info


def test_scorecard_change_page_shows_derived_figures_read_only(admin_client, lap_vo, qd766, seed_file):
    from indicators.imports.services import scores_import
    from indicators.models import Scorecard
    from indicators.services import period_get_or_create

    scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2024-01"),
        parent=lap_vo,
    )
    card = Scorecard.objects.get(unit__name="Vĩnh Thạnh")
    page = admin_client.get(reverse("admin:indicators_scorecard_change", args=[card.pk])).content.decode()
    assert "Tổng điểm quy đổi" in page and "Xếp hạng" in page
    assert 'name="rank"' not in page  # derived: shown, never edited


def test_scorecards_entries_and_causes_cannot_be_edited_in_the_admin_and_it_says_why(
    admin_client, lap_vo, qd766, seed_file
):
    """The admin would bypass the services (no history, no version, no recompute): view only, with the reason."""
    from indicators.imports.services import scores_import
    from indicators.models import Entry, GroupNote, Scorecard
    from indicators.services import period_get_or_create

    scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2024-01"),
        parent=lap_vo,
    )
    card = Scorecard.objects.get(unit__name="Vĩnh Thạnh")
    entry = Entry.objects.filter(scorecard=card).first()
    note = GroupNote.objects.create(scorecard=card, group=entry.group or entry.indicator.group, cause="Chưa số hóa")
    for name, obj in (("scorecard", card), ("entry", entry), ("groupnote", note)):
        change = reverse(f"admin:indicators_{name}_change", args=[obj.pk])
        page = admin_client.get(change).content.decode()
        assert "chỉ xem được ở đây" in page and reverse("scorecard-entry", args=[card.pk]) in page, name
        assert 'name="_save"' not in page, name
        assert admin_client.post(change, {"points": "1", "status": "approved"}).status_code == 403, name
        assert admin_client.get(reverse(f"admin:indicators_{name}_add")).status_code == 403, name
        assert (
            admin_client.post(reverse(f"admin:indicators_{name}_delete", args=[obj.pk]), {"post": "yes"}).status_code
            == 403
        )
    entry.refresh_from_db()
    card.refresh_from_db()
    assert entry.points == Entry.objects.get(pk=entry.pk).points and card.status == "draft"
    assert Entry.objects.filter(pk=entry.pk).exists() and Scorecard.objects.filter(pk=card.pk).exists()
