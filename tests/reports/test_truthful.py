"""Every shipped scheme × every report kind: the figures printed are the stored ones, the legal basis and the scheme's
name are the scheme's, and only sentences the data supports are drafted (checked on the rendered HTML)."""

from __future__ import annotations

import re
from decimal import Decimal as D
from html import unescape

import pytest

from accounts.models import Membership
from audit.constants import EventKind
from audit.models import AuditEvent
from indicators.constants import DraftRanking, ScorecardStatus
from indicators.formatting import number_vi
from indicators.imports.services import scores_import
from indicators.models import Scorecard
from indicators.services import period_get_or_create, scorecards_recompute
from reports import services, signatures
from reports.pdf import report_html

pytestmark = pytest.mark.django_db

SEED003 = "seed003_dienbiendong_2024-06.tsv"


def text_of(report) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", report_html(report))))


def _dien_bien(seed_file, tmp_path, scheme, parent, key: str, previous_key: str):
    """Seed 003 for `key`; the period before it with Luân Giới 5 points lower (75/85, 88,24)."""
    seed = seed_file(SEED003).read_text(encoding="utf-8")
    before = seed.replace("UBND Luân Giới\t-\t0\t-\t30\t", "UBND Luân Giới\t-\t0\t-\t25\t").replace(
        "\t5\t80\t94,1\t", "\t5\t75\t88,2\t"
    )
    assert before != seed
    (tmp_path / "before.tsv").write_text(before, encoding="utf-8")
    scores_import(
        path=tmp_path / "before.tsv", scheme=scheme, period=period_get_or_create(key=previous_key), parent=parent
    )
    period = period_get_or_create(key=key)
    scores_import(path=seed_file(SEED003), scheme=scheme, period=period, parent=parent)
    return period


@pytest.fixture
def june(dien_bien_dong, dienbien459, seed_file, tmp_path, media):
    return _dien_bien(seed_file, tmp_path, dienbien459, dien_bien_dong, "2024-06", "2024-05")


def _card(name: str, period) -> Scorecard:
    return Scorecard.objects.get(unit__name=name, period=period)


def test_dien_bien_monthly_says_94_12_for_luan_gioi_and_cites_qd_459(june, dien_bien_dong, dienbien459):
    report = services.report_draft(issuing_unit=dien_bien_dong, scheme=dienbien459, period=june, kind="monthly")
    text = text_of(report)
    luan = _card("Luân Giói", june)
    assert luan.converted_total == D("94.12") and luan.total == D("80") and luan.applicable_max == D("85")
    assert "Điểm số cao nhất là 94,12/100 điểm (Xã Luân Giói; điểm đạt được 80/85)" in text
    lowest = min(Scorecard.objects.filter(period=june, unit__parent=dien_bien_dong), key=lambda c: c.converted_total)
    assert f"điểm thấp nhất là {number_vi(lowest.converted_total)}/100 điểm ({lowest.unit.full_name};" in text
    assert "80/100" not in text and "/100 điểm (Xã Luân Giói" in text
    assert "Quyết định số 459/QĐ-UBND ngày 24/3/2023 của UBND tỉnh Điện Biên" in text
    assert "766" not in text
    assert "đạt chỉ tiêu được giao" not in text
    # The district has no card of its own: one sentence that says so, nothing glued after it.
    assert "Chưa có kết quả của huyện Điện Biên Đông trong tháng 06 năm 2024 theo Bộ chỉ số của tỉnh Điện Biên." in text
    assert "2024., cụ thể" not in text and "quốc gia, Chưa" not in text
    # DV has no target: the group's own figures are stated, Pú Hồng's 6,7 of 20 among the lowest.
    assert "Xã Pú Hồng (6,7/20 điểm)" in report.sections["causes_DV"]
    # The ranking table: converted totals, the raw figure beside them.
    assert "1 Xã Luân Giói* 94,12 80/85" in text
    assert "14 phiếu điểm, 0 đã nộp chờ duyệt, 0 đã duyệt, 14 chưa nộp" in text
    assert report.subject.startswith("Kết quả thực hiện Bộ chỉ số đánh giá chất lượng phục vụ người dân")


def test_dien_bien_weekly_previous_totals_are_the_stored_converted_ones(
    dien_bien_dong, dienbien459, seed_file, tmp_path, media
):
    week = _dien_bien(seed_file, tmp_path, dienbien459, dien_bien_dong, "2024-W23", "2024-W22")
    report = services.report_draft(
        issuing_unit=dien_bien_dong, scheme=dienbien459, period=week, kind="weekly", body_kind="vp"
    )
    text = text_of(report)
    now, before = _card("Luân Giói", week), _card("Luân Giói", week.previous)
    assert before.converted_total == D("88.24") and now.delta_points == D("5.88")
    assert f"Xã Luân Giói* 94,12 Xuất sắc {number_vi(before.converted_total, 2)} +5,88" in text
    assert "(Quyết định số 459/QĐ-UBND)" in report.subject and "766" not in text
    assert "Chưa có kết quả của huyện Điện Biên Đông" in text


def test_dien_bien_commune_letter_prints_the_converted_total_and_rank(june, dienbien459):
    luan = _card("Luân Giói", june)
    report = services.report_draft(issuing_unit=luan.unit, scheme=dienbien459, period=june, kind="commune")
    text = text_of(report)
    assert (
        "Điểm tổng hợp đạt 94,12/100 điểm (điểm đạt được 80/85), tăng 5,88 điểm; xếp hạng 01/14 xã, thị trấn "
        "(phiếu chưa nộp, thứ hạng tạm thời)" in text
    )
    assert "Thực hiện Quyết định số 459/QĐ-UBND" in text and "766" not in text
    assert "Cổng DVCQG" not in report.subject


@pytest.mark.parametrize("kind", ["monthly", "commune"])
def test_qd766_reports_cite_766_and_count_the_cards(january, lap_vo, binh_thanh, qd766, kind):
    unit = lap_vo if kind == "monthly" else binh_thanh
    Scorecard.objects.filter(period=january, unit__parent=lap_vo, unit__name__in=["Vĩnh Thạnh", "Tân Mỹ"]).update(
        status=ScorecardStatus.APPROVED
    )
    report = services.report_draft(issuing_unit=unit, scheme=qd766, period=january, kind=kind)
    text = text_of(report)
    assert "Quyết định số 766/QĐ-TTg" in text and "459" not in text
    if kind == "monthly":
        assert "13 phiếu điểm, 0 đã nộp chờ duyệt, 2 đã duyệt, 11 chưa nộp" in text
        assert "Xã Vĩnh Thạnh 90,13" in text and "Xã Bình Thành* 65,56" in text
        assert "Điểm đạt được" not in text  # qd766 does not convert: no raw column
    else:
        assert "65,56/100 điểm" in text and "(phiếu chưa nộp, thứ hạng tạm thời)" in text


def test_qd766_weekly_cites_766(cho_moi, qd766, seed_file, media):
    week = period_get_or_create(key="2023-W49")
    scores_import(path=seed_file("seed001_chomoi_2023-W49.tsv"), scheme=qd766, period=week, parent=cho_moi)
    report = services.report_draft(issuing_unit=cho_moi, scheme=qd766, period=week, kind="weekly", body_kind="vp")
    text = text_of(report)
    assert "(Quyết định số 766/QĐ-TTg)" in report.subject
    cards = Scorecard.objects.filter(period=week, unit__parent=cho_moi)
    best = max(cards, key=lambda c: c.converted_total)
    assert f"{best.unit.full_name}* {number_vi(best.converted_total, 2)}" in text
    assert f"{cards.count()} phiếu điểm" in text


def test_a_scheme_that_ranks_only_handed_in_cards_leaves_drafts_out(january, lap_vo, qd766):
    qd766.draft_ranking = DraftRanking.EXCLUDE
    qd766.save()
    Scorecard.objects.filter(period=january, unit__name__in=["Bình Thành", "Tân Mỹ"]).update(
        status=ScorecardStatus.SUBMITTED
    )
    scorecards_recompute(scheme=qd766, period=january)
    cards = {c.unit.name: c for c in Scorecard.objects.filter(period=january, unit__parent=lap_vo)}
    assert (cards["Tân Mỹ"].rank, cards["Tân Mỹ"].rank_of) == (1, 2)
    assert (cards["Bình Thành"].rank, cards["Bình Thành"].rank_of) == (2, 2)
    assert cards["Vĩnh Thạnh"].rank is None
    report = services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")
    assert report.frozen_data["highest"]["name"] == "Xã Tân Mỹ"
    assert "phiếu chưa nộp không được xếp hạng" in text_of(report)


def test_issuing_on_unapproved_data_needs_a_confirmation_recorded_with_who(
    january, lap_vo, qd766, district_staff, django_capture_on_commit_callbacks
):
    report = services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")
    with pytest.raises(services.ReportError, match=r"chưa được duyệt hết.*13 chưa nộp"):
        services.report_issue(report=report, by=district_staff)
    report.refresh_from_db()
    assert report.number is None and not AuditEvent.objects.filter(kind=EventKind.REPORT, field="number").exists()
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_issue(report=report, by=district_staff, confirm_incomplete=True)
    report.refresh_from_db()  # the number is taken with the stored PDF, after commit
    assert report.number == 1 and "có xác nhận của huyen.lapvo" in report.issue_note
    issued = AuditEvent.objects.get(kind=EventKind.REPORT, field="number")
    assert (issued.before, issued.after) == ("Dự thảo", f"01/BC-UBND ngày {report.date:%d/%m/%Y}")
    assert issued.user == district_staff and issued.reason == report.issue_note and issued.unit == lap_vo
    rendered = AuditEvent.objects.get(kind=EventKind.REPORT, field="pdf")
    assert rendered.after == _stored_sha(report) and rendered.username == "hệ thống"


def test_all_approved_data_issues_without_a_note(january, lap_vo, qd766, django_capture_on_commit_callbacks):
    Scorecard.objects.filter(period=january, unit__parent=lap_vo).update(status=ScorecardStatus.APPROVED)
    report = services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_issue(report=report)
    report.refresh_from_db()
    assert report.number == 1 and report.issue_note == ""
    assert report.frozen_data["completeness"]["all_approved"] is True


def test_signing_is_an_audit_event(january, lap_vo, qd766, p12, district_staff, django_capture_on_commit_callbacks):
    report = services.report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly")
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_issue(report=report, confirm_incomplete=True)
    report.refresh_from_db()
    Membership.objects.filter(user=district_staff, unit=lap_vo).update(may_sign=True)  # the signing right
    report = signatures.report_sign(report=report, pkcs12=p12[0], password=p12[1], by=district_staff)
    event = AuditEvent.objects.get(kind=EventKind.REPORT, field="signature")
    assert (event.before, event.after) == (report.sha256, report.signed_sha256) and event.user == district_staff


def _stored_sha(report) -> str:
    report.refresh_from_db()
    return report.sha256
