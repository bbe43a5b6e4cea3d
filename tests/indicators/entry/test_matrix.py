"""The review matrix of a 2025 province (117 children): cohorts apart, filter by cohort and status, search."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.constants import Role
from accounts.models import Membership
from indicators.constants import ScorecardStatus
from indicators.models import Period, Scorecard
from indicators.services import period_get_or_create
from units.constants import UnitKind
from units.models import AdministrativeUnit
from units.services import provincial_body_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_staff_2025(client, dong_thap_2025, qd766):
    """Staff of 2025 Đồng Tháp; October 2026 scorecards for every child, two bodies and one commune submitted,
    its deadline passed."""
    for name in ("Sở Nội vụ", "Sở Tư pháp", "Thanh tra tỉnh"):
        provincial_body_create(province=dong_thap_2025, name=name)
    period = period_get_or_create(key="2026-10")
    Period.objects.filter(pk=period.pk).update(entry_deadline=timezone.localdate() - timedelta(days=1))
    children = list(AdministrativeUnit.objects.filter(parent=dong_thap_2025))
    Scorecard.objects.bulk_create(Scorecard(unit=u, period=period, scheme=qd766) for u in children)
    submitted = ["Sở Nội vụ", "Thanh tra tỉnh", "Lấp Vò"]
    Scorecard.objects.filter(period=period, unit__name__in=submitted).update(status=ScorecardStatus.SUBMITTED)
    user = get_user_model().objects.create_user(username="tinh.dongthap2025", password="mat-khau-766-thu")
    Membership.objects.create(user=user, unit=dong_thap_2025, role=Role.PROVINCE_STAFF)
    client.force_login(user)
    return client


def test_the_two_cohorts_have_their_own_rows_and_counts(province_staff_2025):
    page = province_staff_2025.get("/duyet/").content.decode()
    communes = AdministrativeUnit.objects.filter(level=3, edition="2025").count()
    assert f"Xã, phường ({communes})" in page and "Sở, ban, ngành (3)" in page
    assert page.index("Xã, phường (") < page.index("Sở, ban, ngành (3)")
    assert "2/3 đã nộp" in page and f"1/{communes} đã nộp" in page  # per cohort
    assert f"3/{communes + 3} đã nộp" in page  # and for the whole province


def test_filter_by_cohort_search_and_status(province_staff_2025):
    page = province_staff_2025.get("/duyet/", {"nhom": "co-quan"}).content.decode()
    rows = page[page.index('id="bulk-form"') :]  # the matrix itself, not the "next card waiting" link above it
    assert "Đang lọc: 3/" in page and "Sở Tư pháp" in rows and "Xã Lấp Vò" not in rows
    page = province_staff_2025.get("/duyet/", {"q": "lap vo"}).content.decode()  # without diacritics
    assert "Đang lọc: 1/" in page and "Xã Lấp Vò" in page
    page = province_staff_2025.get("/duyet/", {"trang_thai": "cho-duyet"}).content.decode()
    assert "Đang lọc: 3/" in page and "Thanh tra tỉnh" in page and "Sở Tư pháp" not in page
    page = province_staff_2025.get("/duyet/", {"trang_thai": "qua-han", "nhom": "co-quan"}).content.decode()
    assert "Đang lọc: 1/" in page and "Sở Tư pháp" in page
    page = province_staff_2025.get("/duyet/", {"q": "không có"}).content.decode()
    assert "Không có đơn vị nào phù hợp với bộ lọc." in page


def test_province_staff_approve_a_body_directly(province_staff_2025):
    card = Scorecard.objects.get(unit__kind=UnitKind.PROVINCIAL_BODY, unit__name="Sở Nội vụ")
    response = province_staff_2025.post(f"/phieu-diem/{card.pk}/duyet/")
    card.refresh_from_db()
    assert response.status_code in (200, 302) and card.status == ScorecardStatus.APPROVED
