"""An import never overwrites a locked scorecard unless someone allowed to reopen it gives a reason."""

from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command

from audit.constants import EventKind
from audit.models import AuditEvent
from indicators.constants import ScorecardStatus
from indicators.imports.services import ScoresImportError, scores_import
from indicators.models import Entry, Scorecard
from indicators.services import period_get_or_create

pytestmark = pytest.mark.django_db

SEED = "seed000_lapvo_2024-01.tsv"


@pytest.fixture
def imported(lap_vo, qd766, seed_file):
    """Seed 000's 13 Lấp Vò communes imported for 2024-01."""
    period = period_get_or_create(key="2024-01")
    scores_import(path=seed_file(SEED), scheme=qd766, period=period, parent=lap_vo)
    return period


def _changed_file(tmp_path, total: str = "55,5"):
    path = tmp_path / "sua.csv"
    path.write_text(f"Đơn vị;Điểm tổng\nVĩnh Thạnh;{total}\n", encoding="utf-8")
    return path


def _snapshot():
    return sorted(Scorecard.objects.values_list("unit__code", "published_total", "version", "status"))


def test_import_over_an_approved_card_is_refused_by_default_and_names_it(imported, lap_vo, qd766, tmp_path):
    Scorecard.objects.filter(period=imported).update(status=ScorecardStatus.APPROVED)
    before, events = _snapshot(), AuditEvent.objects.count()
    with pytest.raises(ScoresImportError) as caught:
        scores_import(path=_changed_file(tmp_path), scheme=qd766, period=imported, parent=lap_vo)
    [error] = caught.value.errors
    assert "Dòng 2: Xã Vĩnh Thạnh" in error and "Đã duyệt" in error and "lý do" in error
    row = caught.value.rows[0]
    assert row.lock and row.status == "Đã duyệt"
    assert ("Điểm tổng công bố", "90,13", "55,5") in row.changes
    assert _snapshot() == before and AuditEvent.objects.count() == events


def test_submitted_and_closed_period_cards_are_locked_too(imported, lap_vo, qd766, tmp_path):
    Scorecard.objects.filter(unit__name="Vĩnh Thạnh").update(status=ScorecardStatus.SUBMITTED)
    with pytest.raises(ScoresImportError, match="Đã nộp"):
        scores_import(path=_changed_file(tmp_path), scheme=qd766, period=imported, parent=lap_vo)
    Scorecard.objects.update(status=ScorecardStatus.DRAFT)
    imported.entry_closed = True
    imported.save()
    with pytest.raises(ScoresImportError, match="kỳ đã khóa nhập liệu"):
        scores_import(path=_changed_file(tmp_path), scheme=qd766, period=imported, parent=lap_vo)
    Scorecard.objects.update(status=ScorecardStatus.RETURNED)  # returned: its unit may correct it, so may an import
    scores_import(path=_changed_file(tmp_path), scheme=qd766, period=imported, parent=lap_vo)
    assert Scorecard.objects.get(unit__name="Vĩnh Thạnh").published_total == D("55.5")


def test_the_same_file_again_over_approved_cards_changes_nothing_and_is_allowed(imported, lap_vo, qd766, seed_file):
    Scorecard.objects.update(status=ScorecardStatus.APPROVED)
    report = scores_import(path=seed_file(SEED), scheme=qd766, period=imported, parent=lap_vo)
    assert report.changed_count == 0 and all(r.lock for r in report.rows)


def test_a_reviewer_without_the_reopen_right_cannot_override(imported, lap_vo, qd766, tmp_path, district_staff):
    Scorecard.objects.update(status=ScorecardStatus.APPROVED)
    with pytest.raises(ScoresImportError, match="không có quyền mở lại"):
        scores_import(
            path=_changed_file(tmp_path),
            scheme=qd766,
            period=imported,
            parent=lap_vo,
            user=district_staff,
            reopen_reason="Cổng công bố lại",
        )


def test_a_reopener_with_a_reason_overrides_and_the_reason_is_audited(
    imported, lap_vo, qd766, tmp_path, district_reopener
):
    Scorecard.objects.update(status=ScorecardStatus.APPROVED)
    scores_import(
        path=_changed_file(tmp_path),
        scheme=qd766,
        period=imported,
        parent=lap_vo,
        user=district_reopener,
        reopen_reason="Cổng DVCQG công bố lại ngày 05/02",
    )
    card = Scorecard.objects.get(unit__name="Vĩnh Thạnh", period=imported)
    assert card.published_total == D("55.5") and card.status == ScorecardStatus.APPROVED
    event = AuditEvent.objects.get(scorecard=card, kind=EventKind.PUBLISHED_TOTAL, after="55,5")
    assert event.username == district_reopener.username
    assert event.reason.startswith("Cổng DVCQG công bố lại ngày 05/02") and "Đã duyệt" in event.details["lock_override"]


def test_group_totals_replacing_detailed_entries_are_announced(lap_vo, qd766, tmp_path):
    period = period_get_or_create(key="2024-03")
    detailed = tmp_path / "chi-tiet.csv"
    detailed.write_text("Mã đơn vị;CKMB1;CKMB2;CKMB3;CKMB4\n30193;6;4;2;5,5\n", encoding="utf-8")
    scores_import(path=detailed, scheme=qd766, period=period, parent=lap_vo)
    groups = tmp_path / "nhom.csv"
    groups.write_text("Mã đơn vị;CKMB\n30193;12\n", encoding="utf-8")
    report = scores_import(path=groups, scheme=qd766, period=period, parent=lap_vo, dry_run=True)
    [row] = report.rows
    assert row.replaced == ["CKMB1", "CKMB2", "CKMB3", "CKMB4"]
    assert any("thay thế 4 chỉ số đã nhập chi tiết (CKMB1, CKMB2, CKMB3, CKMB4)" in w for w in report.warnings)
    assert ("CKMB1", "6", "") in row.changes and ("CKMB", "", "12") in row.changes
    assert Entry.objects.filter(scorecard__unit__code="30193", indicator__isnull=False).count() == 4


def test_command_records_the_os_user_or_by_and_takes_a_reason(imported, lap_vo, tmp_path, district_reopener):
    Scorecard.objects.update(status=ScorecardStatus.APPROVED)
    args = [str(_changed_file(tmp_path)), "--scheme", "qd766", "--period", "2024-01", "--parent", "875"]
    with pytest.raises(CommandError, match="Xã Vĩnh Thạnh"):
        call_command("import_scores", *args, stdout=io.StringIO(), stderr=io.StringIO())
    call_command("import_scores", *args, "--reason", "Số liệu cổng sửa", stdout=io.StringIO())
    event = AuditEvent.objects.filter(kind=EventKind.PUBLISHED_TOTAL, after="55,5").get()
    assert event.username.endswith("(dòng lệnh)") and event.username != " (dòng lệnh)"
    path = _changed_file(tmp_path, "60")
    call_command(
        "import_scores",
        str(path),
        *args[1:],
        "--by",
        district_reopener.username,
        "--reason",
        "Lần hai",
        stdout=io.StringIO(),
    )
    assert AuditEvent.objects.get(kind=EventKind.PUBLISHED_TOTAL, after="60").user == district_reopener
    with pytest.raises(CommandError, match="Không có tài khoản “ai-do”"):
        call_command("import_scores", *args, "--by", "ai-do", stdout=io.StringIO())


def test_browser_preview_shows_status_and_old_new_and_refuses_until_a_reason(
    imported, lap_vo, qd766, tmp_path, district_reopener, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from tests.personas import PASSWORD

    settings.MEDIA_ROOT = tmp_path / "media"
    Scorecard.objects.update(status=ScorecardStatus.APPROVED)
    client = Client()
    assert client.login(username=district_reopener.username, password=PASSWORD)
    response = client.post(
        reverse("scores-import"),
        {
            "scheme": qd766.pk,
            "period": "2024-01",
            "parent": lap_vo.pk,
            "file": SimpleUploadedFile("sua.csv", _changed_file(tmp_path).read_bytes()),
        },
    )
    preview = response["Location"]
    page = client.get(preview).content.decode()
    assert "Dòng 2: Xã Vĩnh Thạnh" in page and "Đã duyệt" in page and "90,13 → 55,5" in page
    assert "Xác nhận nhập" not in page
    sha = preview.rstrip("/").split("/")[-1]
    refused = client.post(reverse("scores-import-confirm", args=[sha]), {})
    assert refused.status_code == 302 and Scorecard.objects.get(unit__name="Vĩnh Thạnh").published_total == D("90.13")
    page = client.post(preview, {"reopen_reason": "Cổng công bố lại"}).content.decode()
    assert "Xác nhận nhập 1 dòng" in page and "Cổng công bố lại" in page
    client.post(reverse("scores-import-confirm", args=[sha]), {"reopen_reason": "Cổng công bố lại"})
    assert Scorecard.objects.get(unit__name="Vĩnh Thạnh").published_total == D("55.5")
    assert AuditEvent.objects.filter(reason__startswith="Cổng công bố lại", user=district_reopener).exists()
