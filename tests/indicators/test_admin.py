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
