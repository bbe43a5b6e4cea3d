"""Two-tier reports (since 1/7/2025): the province's notice ranks its communes and its sở, ban, ngành in two
tables with their own class counts, names the units that fell most, and a 2025 commune's letter states its rank
among the province's communes."""

from __future__ import annotations

import pytest

from indicators.models import Scorecard
from reports.pdf import document_context
from reports.services import report_draft, report_render
from tests.province_fixtures import BODIES, bodies_create, month_score
from tests.reports.test_pdf import pdf_text, squash
from units.constants import BODY_KINDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def october(dong_thap_2025, qd766, media):
    bodies_create(dong_thap_2025)
    month_score(dong_thap_2025, qd766, "2025-09", 11)
    return month_score(dong_thap_2025, qd766, "2025-10", 12)


def test_province_notice_has_two_ranked_tables(october, dong_thap_2025, qd766, tmp_path):
    report = report_draft(issuing_unit=dong_thap_2025, scheme=qd766, period=october, kind="province")
    cards = Scorecard.objects.filter(period=october, unit__parent=dong_thap_2025).select_related(
        "unit", "classification"
    )
    bodies = [c for c in cards if c.unit.kind in BODY_KINDS]
    communes = [c for c in cards if c.unit.kind not in BODY_KINDS]
    tables = document_context(report)["cohort_tables"]
    assert [t["label"] for t in tables] == ["xã, phường", "sở, ban, ngành"]
    assert [t["size"] for t in tables] == [len(communes), len(BODIES)]
    # Each table carries its own ranks, out of its own cohort, best first.
    best_body = min(bodies, key=lambda c: c.rank)
    assert tables[1]["rows"][0] == {
        "rank": f"01/{len(BODIES):02d}",
        "name": best_body.unit.full_name,
        "total": f"{best_body.converted_total:.2f}".replace(".", ","),
        "class": best_body.classification.label,
        "change": tables[1]["rows"][0]["change"],
        "rank_change": tables[1]["rows"][0]["rank_change"],
    }
    assert all(row["rank"].endswith(f"/{len(communes)}") for row in tables[0]["rows"])
    # Class counts per cohort add up to the cohort.
    results = report.sections["results"]
    assert "**05 sở, ban, ngành:**" in results and f"**{len(communes)} xã, phường:**" in results
    # The units that fell most are named with their loss.
    worst = min((c for c in cards if c.delta_points is not None), key=lambda c: c.delta_points)
    assert worst.unit.full_name in report.sections["movers"]

    assert report.recipients.splitlines()[0] == "Văn phòng Chính phủ (b/c)"
    assert "Các sở, ban, ngành tỉnh" in report.recipients and "UBND các xã, phường" in report.recipients
    text = squash(pdf_text(report_render(report=report).pdf.read(), tmp_path, layout=False))
    assert "PHỤ LỤC 1" in text and "PHỤ LỤC 2" in text
    assert f"Kết quả xếp hạng {len(BODIES)} sở, ban, ngành tháng 10 năm 2025" in text
    assert f"01/{len(BODIES):02d} {best_body.unit.full_name}" in text


def test_a_2025_commune_letter_ranks_it_among_the_provinces_communes(october, dong_thap_2025, qd766):
    card = (
        Scorecard.objects.filter(period=october, unit__parent=dong_thap_2025)
        .exclude(unit__kind__in=BODY_KINDS)
        .select_related("unit")
        .order_by("rank")[3]
    )
    report = report_draft(issuing_unit=card.unit, scheme=qd766, period=october, kind="commune")
    communes = Scorecard.objects.filter(period=october, unit__parent=dong_thap_2025).exclude(unit__kind__in=BODY_KINDS)
    assert f"xếp hạng {card.rank:02d}/{communes.count()} xã, phường" in report.sections["groups"]
    assert "so với tháng 09 năm 2025" in report.sections["groups"]
