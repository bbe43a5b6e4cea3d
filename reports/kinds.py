"""The report kinds: adding one is a template under templates/reports/ and an entry here.

Each kind says which template draws it, how its subject line and default symbol read, which period kinds it suits,
how its sections are drafted (reports.narrative) and how the edit form labels them. The monthly report and the
province's notice also compare late dossiers on the province's system and on the portal (reports.late_dossiers);
the weekly notice does not: the portal publishes no weeks.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from indicators.constants import PeriodKind
from reports import late_dossiers, narrative, operations, province
from reports.constants import BodyKind, ReportKind
from reports.data import report_data_build


@dataclass(frozen=True)
class KindSpec:
    template: str
    subject: Callable[[dict[str, Any]], str]
    draft: Callable[..., dict[str, str]]
    labels: Callable[[dict[str, Any]], dict[str, str]]
    period_kinds: tuple[str, ...]
    letter: bool = False  # a công văn ("V/v …", Kính gửi) rather than a BÁO CÁO with a title
    data: Callable[..., dict[str, Any]] = report_data_build  # the snapshot: a league table, or one unit's counts
    context: Callable[[dict[str, Any]], dict[str, Any]] | None = None  # what the template prints beyond sections
    body_kind: str | None = None  # the body that always issues this kind (the one-stop office's own report)


def _monthly_labels(data: dict[str, Any]) -> dict[str, str]:
    labels = {
        "intro": "Mở đầu",
        "own_result": "I.1. Kết quả của đơn vị",
        "children_result": "I.2. Kết quả các đơn vị trực thuộc",
        "assessment": "I.2. Nhận xét",
        "movers": "I.3. Đơn vị giảm điểm so với kỳ trước",
    }
    late = late_dossiers.late_label(data)
    groups = data.get("groups", [])
    for index, group in enumerate(groups, start=1):
        if late and group["code"] == late_dossiers.PROGRESS_GROUP:
            labels["late_dossiers"] = f"II.{index}. {late}"
        labels[f"causes_{group['code']}"] = f"II.{index}. Nguyên nhân – {group['name']}"
    if late and "late_dossiers" not in labels:  # a scheme without the portal's progress group: after the groups
        labels["late_dossiers"] = f"II.{len(groups) + 1}. {late}"
    labels |= {"solutions": "III. Giải pháp", "recommendations": "IV. Kiến nghị", "closing": "Kết thúc"}
    return labels


def _with_late(draft: Callable[..., dict[str, str]]) -> Callable[..., dict[str, str]]:
    """A kind's drafting plus the late dossiers of both systems, when the portal published them for the period."""

    def drafted(data: dict[str, Any], *, body: str) -> dict[str, str]:
        sections = draft(data, body=body)
        text = late_dossiers.late_section(data)
        if text:
            sections["late_dossiers"] = text
        return sections

    return drafted


def _province_labels(data: dict[str, Any]) -> dict[str, str]:
    labels = province.province_labels(data)
    late = late_dossiers.late_label(data)
    if not late:
        return labels
    ordered = {}
    for key, label in labels.items():
        if key == "requests":
            ordered["late_dossiers"] = f"3. {late}"
            label = "4. Đề nghị"
        ordered[key] = label
    return ordered


def _monthly_subject(data: dict[str, Any]) -> str:
    return (
        f"Kết quả thực hiện {narrative.scheme_of(data)['report_name']} "
        f"trên địa bàn {narrative.lower_first(data['unit']['name'])} {narrative.lower_first(data['period']['label'])}"
    )


def _weekly_subject(data: dict[str, Any]) -> str:
    decision = narrative.decision_of(data)
    return (
        "Kết quả xếp loại các đơn vị theo Bộ Chỉ số phục vụ người dân, doanh nghiệp"
        + (f" ({decision})" if decision else "")
        + f" {data['period']['label']}"
    )


def _commune_subject(data: dict[str, Any]) -> str:
    source = narrative.scheme_of(data)["result_source"]
    return (
        "V/v kết quả đánh giá chất lượng phục vụ người dân, doanh nghiệp trong giải quyết thủ tục hành chính, cung "
        f"cấp dịch vụ công{' ' + source if source else ''} {narrative.lower_first(data['period']['label'])}"
    )


KINDS: dict[str, KindSpec] = {
    ReportKind.MONTHLY: KindSpec(
        template="reports/monthly.html",
        subject=_monthly_subject,
        draft=_with_late(narrative.draft_monthly),
        labels=_monthly_labels,
        period_kinds=(PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF_YEAR, PeriodKind.YEAR),
        data=late_dossiers.report_data_with_late,
    ),
    ReportKind.WEEKLY: KindSpec(
        template="reports/weekly.html",
        subject=_weekly_subject,
        draft=narrative.draft_weekly,
        labels=lambda data: {
            "intro": "Mở đầu",
            "own_result": "1. Kết quả của đơn vị",
            "requests": "2. Đề nghị",
            "closing": "3. Kết thúc",
        },
        period_kinds=(PeriodKind.WEEK,),
    ),
    ReportKind.COMMUNE: KindSpec(
        template="reports/commune.html",
        subject=_commune_subject,
        draft=narrative.draft_commune,
        labels=lambda data: {
            "addressees": "Kính gửi",
            "intro": "Mở đầu",
            "groups": "1. Điểm số các trục nội dung",
            "requests": "2. Yêu cầu",
            "closing": "Kết thúc",
        },
        period_kinds=(PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF_YEAR, PeriodKind.YEAR),
        letter=True,
    ),
    ReportKind.PROVINCE: KindSpec(
        template="reports/province.html",
        subject=province.province_subject,
        draft=_with_late(province.draft_province),
        labels=_province_labels,
        period_kinds=(PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF_YEAR, PeriodKind.YEAR),
        data=late_dossiers.report_data_with_late,
        context=province.province_context,
    ),
    ReportKind.OPERATIONS: KindSpec(
        template="reports/operations.html",
        subject=operations.operations_subject,
        draft=operations.draft_operations,
        labels=operations.operations_labels,
        period_kinds=(PeriodKind.HALF_YEAR, PeriodKind.QUARTER, PeriodKind.YEAR, PeriodKind.MONTH),
        data=operations.operations_data_build,
        context=operations.operations_context,
        body_kind=BodyKind.ONESTOP,
    ),
}
