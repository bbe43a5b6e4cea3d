"""The entry and workflow services: validation, optimistic locking, status moves, rights, audit, recompute."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from audit.constants import EventKind
from audit.models import AuditEvent
from indicators.constants import ScorecardStatus
from indicators.entry.services import (
    EntryInvalid,
    ScorecardStale,
    WorkflowError,
    period_entry_close,
    scorecard_approve,
    scorecard_reopen,
    scorecard_return,
    scorecard_save,
    scorecard_submit,
    values_check,
)
from indicators.models import Entry, GroupNote, Indicator, IndicatorGroup, Scheme, Scorecard
from indicators.values import EntryValue

pytestmark = pytest.mark.django_db


def ind(code: str, scheme_code: str = "qd766") -> Indicator:
    return Indicator.objects.get(group__scheme__code=scheme_code, code=code)


def key(code: str, scheme_code: str = "qd766") -> tuple[int, None]:
    return (ind(code, scheme_code).pk, None)


def save(card, user, values, causes=None, version=None):
    return scorecard_save(
        scorecard=card,
        user=user,
        values=values,
        causes=causes or {},
        expected_version=card.version if version is None else version,
    )


def submitted(card, officer, complete_values):
    save(card, officer, complete_values)
    return scorecard_submit(scorecard=card, user=officer)


# --- saving ---------------------------------------------------------------------------------------


def test_save_stores_entries_and_causes_bumps_the_version_once_and_records_each_change(card, officer):
    group = IndicatorGroup.objects.get(scheme=card.scheme, code="CKMB")
    result = save(
        card,
        officer,
        {
            key("CKMB1"): EntryValue(numerator=Decimal(45), denominator=Decimal(50)),
            key("CKMB2"): EntryValue(points=Decimal("3.5")),
        },
        {group.pk: "Một số TTHC công bố chậm do thiếu cán bộ."},
    )
    card.refresh_from_db()
    assert result.changed and card.version == 2
    assert Entry.objects.get(scorecard=card, indicator__code="CKMB1").numerator == Decimal(45)
    assert GroupNote.objects.get(scorecard=card, group=group).cause.startswith("Một số TTHC")
    events = {e.field: e for e in AuditEvent.objects.filter(scorecard=card)}
    assert events["CKMB1"].before == "" and events["CKMB1"].after == "45/50"
    assert events["CKMB2"].after == "3,5" and events["CKMB2"].user == officer
    assert (
        events["CKMB"].kind == EventKind.CAUSE
        and events["CKMB"].unit == card.unit
        and events["CKMB"].period == card.period
    )

    save(card, officer, {key("CKMB1"): EntryValue(numerator=Decimal(40), denominator=Decimal(50))}, version=2)
    change = AuditEvent.objects.filter(scorecard=card, field="CKMB1").first()
    assert (change.before, change.after) == ("45/50", "40/50")
    removed = AuditEvent.objects.filter(scorecard=card, field="CKMB2").first()
    assert (removed.before, removed.after) == ("3,5", "")  # an emptied field deletes the entry, and says so
    assert not Entry.objects.filter(scorecard=card, indicator__code="CKMB2").exists()


def test_a_save_that_changes_nothing_keeps_the_version(card, officer):
    values = {key("CKMB1"): EntryValue(points=Decimal(5))}
    save(card, officer, values)
    card.refresh_from_db()
    result = save(card, officer, {key("CKMB1"): EntryValue(points=Decimal("5.00"))})
    card.refresh_from_db()
    assert not result.changed and card.version == 2
    assert AuditEvent.objects.filter(scorecard=card).count() == 1


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("CKMB1", EntryValue(points=Decimal(7)), "Điểm 7 vượt điểm tối đa 6 của CKMB1"),
        ("CKMB1", EntryValue(points=Decimal(-1)), "Điểm -1 âm; CKMB1"),
        ("CKMB1", EntryValue(points=Decimal("2.345")), "có quá 2 chữ số thập phân"),
        ("CKMB1", EntryValue(numerator=Decimal(51), denominator=Decimal(50)), "Tử số 51 lớn hơn mẫu số 50 của CKMB1"),
        ("CKMB1", EntryValue(numerator=Decimal(-3), denominator=Decimal(50)), "Tử số -3 của CKMB1"),
        ("CKMB1", EntryValue(numerator=Decimal(3)), "có tử số nhưng thiếu mẫu số"),
        ("CKMB1", EntryValue(denominator=Decimal(3)), "có mẫu số nhưng thiếu tử số"),
        ("CKMB1", EntryValue(not_applicable=True), "CKMB1 (Tỷ lệ TTHC được công bố đúng hạn) không được để “-”"),
        ("CKMB1", EntryValue(points=Decimal(1), numerator=Decimal(1), denominator=Decimal(2)), "không nhập cả hai"),
        ("MDSH6", EntryValue(points=Decimal(1)), "MDSH6 không áp dụng cho cấp của Xã Bình Thành"),
    ],
)
def test_invalid_values_are_named_and_nothing_is_saved(card, officer, code, value, message):
    values = {key("CKMB2"): EntryValue(points=Decimal(4)), key(code): value}
    with pytest.raises(EntryInvalid) as caught:
        save(card, officer, values)
    assert message in caught.value.errors[key(code)]
    assert key("CKMB2") not in caught.value.errors
    assert not Entry.objects.filter(scorecard=card).exists()
    card.refresh_from_db()
    assert card.version == 1


def test_not_applicable_is_accepted_where_the_scheme_allows_it(dien_bien_dong):
    scheme = Scheme.objects.get(code="dienbien-459")
    from indicators.services import period_get_or_create

    commune = dien_bien_dong.children.first()
    card = Scorecard.objects.create(unit=commune, period=period_get_or_create(key="2024-06"), scheme=scheme)
    assert values_check(scorecard=card, values={key("CK1", "dienbien-459"): EntryValue(not_applicable=True)}) == {}


# --- two editors ------------------------------------------------------------------------------------


def test_the_second_save_from_the_same_version_is_refused_and_overwrites_nothing(card, officer, other_officer):
    first = Scorecard.objects.get(pk=card.pk)
    second = Scorecard.objects.get(pk=card.pk)  # opened at the same time, version 1
    save(first, officer, {key("CKMB1"): EntryValue(points=Decimal(5))}, version=1)
    with pytest.raises(ScorecardStale) as caught:
        save(second, officer, {key("CKMB1"): EntryValue(points=Decimal(2))}, version=1)
    assert "canbo.binhthanh" in str(caught.value) and "CHƯA được lưu" in str(caught.value)
    assert Entry.objects.get(scorecard=card, indicator__code="CKMB1").points == Decimal(5)
    assert Scorecard.objects.get(pk=card.pk).version == 2


def test_a_status_change_makes_an_open_form_stale(card, officer, district_staff, complete_values):
    submitted(card, officer, complete_values)
    scorecard_return(scorecard=card, user=district_staff, comment="Kiểm tra lại CKMB1.")
    with pytest.raises(ScorecardStale):
        save(card, officer, {key("CKMB1"): EntryValue(points=Decimal(1))}, version=2)


# --- workflow -------------------------------------------------------------------------------------


def test_submit_needs_every_indicator(card, officer):
    save(card, officer, {key("CKMB1"): EntryValue(points=Decimal(5))})
    with pytest.raises(WorkflowError, match=r"còn 20 chỉ số chưa nhập .*CKMB2"):
        scorecard_submit(scorecard=card, user=officer)
    card.refresh_from_db()
    assert card.status == ScorecardStatus.DRAFT


def test_submit_with_no_values_says_to_enter_first(card, officer):
    with pytest.raises(WorkflowError, match="chưa có số liệu"):
        scorecard_submit(scorecard=card, user=officer)


def test_submit_and_approve_record_the_status_and_recompute_through_the_queue(
    card, officer, district_staff, complete_values, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submitted(card, officer, complete_values)
    card.refresh_from_db()
    assert card.status == ScorecardStatus.SUBMITTED
    # 90 % everywhere: full points where the target is at most 90 %, 0.9 × max elsewhere, MDSH6-7 (province only)
    # full points under qd766's policy: 16.2 + 18 + 11.6 + 9.4 + 16.8 + 20.8.
    assert card.total == Decimal("92.80")
    assert card.classification.label == "Xuất sắc" and card.rank == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        scorecard_approve(scorecard=card, user=district_staff)
    assert callbacks  # the recompute request was queued for after the commit
    card.refresh_from_db()
    assert card.status == ScorecardStatus.APPROVED
    statuses = list(AuditEvent.objects.filter(scorecard=card, kind=EventKind.STATUS).values_list("before", "after"))
    assert statuses == [("Đã nộp", "Đã duyệt"), ("Đang nhập", "Đã nộp")]


def test_officer_cannot_approve_or_return_their_own_scorecard(card, officer, complete_values):
    submitted(card, officer, complete_values)
    with pytest.raises(PermissionDenied):
        scorecard_approve(scorecard=card, user=officer)
    with pytest.raises(PermissionDenied):
        scorecard_return(scorecard=card, user=officer, comment="x")


def test_only_a_submitted_scorecard_can_be_approved(card, district_staff):
    with pytest.raises(WorkflowError, match="Đang nhập"):
        scorecard_approve(scorecard=card, user=district_staff)


def test_return_needs_a_comment_and_lets_the_officer_edit_again(card, officer, district_staff, complete_values):
    submitted(card, officer, complete_values)
    with pytest.raises(WorkflowError, match="Hãy ghi ý kiến"):
        scorecard_return(scorecard=card, user=district_staff, comment="  ")
    scorecard_return(scorecard=card, user=district_staff, comment="CKMB1 chưa khớp báo cáo.")
    card.refresh_from_db()
    assert card.status == ScorecardStatus.RETURNED and card.status_comment == "CKMB1 chưa khớp báo cáo."
    assert AuditEvent.objects.filter(scorecard=card, reason="CKMB1 chưa khớp báo cáo.").exists()
    save(card, officer, {**complete_values, key("CKMB1"): EntryValue(points=Decimal(6))})
    scorecard_submit(scorecard=card, user=officer)


def test_an_approved_scorecard_is_locked(card, officer, district_staff, complete_values):
    submitted(card, officer, complete_values)
    scorecard_approve(scorecard=card, user=district_staff)
    card.refresh_from_db()
    with pytest.raises(WorkflowError, match="đã được duyệt và khóa"):
        save(card, officer, {key("CKMB1"): EntryValue(points=Decimal(1))})


def test_reopening_needs_the_right_and_a_reason(card, officer, district_staff, district_reopener, complete_values):
    submitted(card, officer, complete_values)
    scorecard_approve(scorecard=card, user=district_staff)
    card.refresh_from_db()
    with pytest.raises(PermissionDenied):
        scorecard_reopen(scorecard=card, user=district_staff, reason="Sai số liệu")
    with pytest.raises(PermissionDenied):
        scorecard_reopen(scorecard=card, user=officer, reason="Sai số liệu")
    with pytest.raises(WorkflowError, match="lý do"):
        scorecard_reopen(scorecard=card, user=district_reopener, reason="")
    scorecard_reopen(scorecard=card, user=district_reopener, reason="Cổng DVCQG đính chính số liệu TDGQ1.")
    card.refresh_from_db()
    assert card.status == ScorecardStatus.RETURNED
    event = AuditEvent.objects.filter(scorecard=card, kind=EventKind.STATUS).first()
    assert event.reason == "Cổng DVCQG đính chính số liệu TDGQ1." and event.details == {"reopen": True}
    assert event.username == "huyen.lapvo.molai"


def test_another_communes_officer_cannot_save(card, other_officer):
    with pytest.raises(PermissionDenied):
        save(card, other_officer, {key("CKMB1"): EntryValue(points=Decimal(1))})


def test_district_staff_reviews_but_does_not_enter_a_communes_scores(card, district_staff):
    with pytest.raises(PermissionDenied):
        save(card, district_staff, {key("CKMB1"): EntryValue(points=Decimal(1))})


# --- closing a period ------------------------------------------------------------------------------


def test_a_period_closes_only_after_its_deadline_and_the_close_is_recorded(card, administrator):
    with pytest.raises(WorkflowError, match="chưa quá hạn"):
        period_entry_close(period=card.period, user=administrator)
    period_entry_close(period=card.period, user=administrator, today=card.period.entry_deadline + timedelta(days=1))
    card.period.refresh_from_db()
    assert card.period.entry_closed
    event = AuditEvent.objects.get(kind=EventKind.PERIOD)
    assert (event.before, event.after, event.period) == ("Đang mở", "Đã khóa", card.period)


def test_a_closed_period_stops_drafts_but_not_returned_scorecards_or_the_reopener(
    card, officer, district_staff, district_reopener, complete_values
):
    card.period.entry_deadline = timezone.localdate() - timedelta(days=1)
    card.period.save()
    period_entry_close(period=card.period, user=district_reopener)
    card.refresh_from_db()
    with pytest.raises(WorkflowError, match="đã khóa nhập liệu"):
        save(card, officer, complete_values)
    scorecard_reopen(scorecard=card, user=district_reopener, reason="Xã nộp muộn vì mất điện.")
    card.refresh_from_db()
    assert card.status == ScorecardStatus.RETURNED
    save(card, officer, complete_values)
    scorecard_submit(scorecard=card, user=officer)


# --- import records too ---------------------------------------------------------------------------


def test_import_records_one_event_per_changed_scorecard_with_the_file_and_its_hash(lap_vo, qd766, seed_file, officer):
    import hashlib

    from indicators.imports.services import scores_import
    from indicators.services import period_get_or_create

    path = seed_file("seed000_lapvo_2024-01.tsv")
    period = period_get_or_create(key="2024-01")
    scores_import(path=path, scheme=qd766, period=period, parent=lap_vo, user=officer)
    events = AuditEvent.objects.filter(kind=EventKind.IMPORT)
    assert events.count() == Scorecard.objects.filter(period=period).count() == 13
    event = events.get(unit__name="Vĩnh Thạnh")
    assert event.details["file"] == path.name
    assert event.details["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert event.username == "canbo.binhthanh" and "CKMB: –" in event.before and "CKMB: " in event.after
    assert AuditEvent.objects.filter(kind=EventKind.PUBLISHED_TOTAL, unit__name="Vĩnh Thạnh").get().after == "90,13"

    scores_import(path=path, scheme=qd766, period=period, parent=lap_vo)  # unchanged: nothing more to record
    assert AuditEvent.objects.filter(kind=EventKind.IMPORT).count() == 13


def test_a_dry_run_import_records_nothing(lap_vo, qd766, seed_file):
    from indicators.imports.services import scores_import
    from indicators.services import period_get_or_create

    scores_import(
        path=seed_file("seed000_lapvo_2024-01.tsv"),
        scheme=qd766,
        period=period_get_or_create(key="2024-01"),
        parent=lap_vo,
        dry_run=True,
    )
    assert not AuditEvent.objects.exists()
