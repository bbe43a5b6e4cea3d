"""Seed 000's 2.2 as data: Lấp Vò's late dossiers on the province's one-stop system (the offices' `mot-cua` counts,
imported from a table) beside the portal's overdue ones (a stored dvc-progress-tree response), cited in the
monthly report's PDF with the gap named; without the portal's figures nothing of it is printed."""

from __future__ import annotations

import hashlib
import json
from decimal import ROUND_HALF_UP, Decimal

import pytest

from indicators.constants import ScorecardStatus
from indicators.formatting import number_vi
from indicators.imports.services import scores_import
from indicators.models import PortalResponse, PortalUnit, Scorecard
from reports.kinds import KINDS
from reports.pdf import document_context
from reports.services import report_draft, report_render
from tests.reports.test_pdf import pdf_text, squash
from units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

# Seed 000's table: HS trễ hạn trên HTTT giải quyết TTHC tỉnh, and on the portal "hoàn thành quá hạn" + "đang xử lý
# quá hạn" (the portal now publishes their sum, totalOverdue). The dossiers received are invented.
SEED_000 = {
    "Huyện Lấp Vò": (16, 45 + 10, 2200),
    "Xã Vĩnh Thạnh": (0, 1, 210),
    "Xã Mỹ An Hưng B": (0, 4 + 7, 254),
    "Xã Long Hưng A": (0, 0, 190),
    "Xã Định Yên": (0, 18 + 1, 300),
    "Xã Long Hưng B": (0, 18 + 3, 229),
    "Xã Hội An Đông": (0, 0, 175),
    "Xã Mỹ An Hưng A": (1, 18, 137),
    "Xã Định An": (0, 19 + 2, 250),
    "Thị trấn Lấp Vò": (0, 11 + 3, 319),
    "Xã Bình Thạnh Trung": (0, 10 + 9, 239),
    "Xã Tân Khánh Trung": (0, 37 + 17, 309),
    "Xã Tân Mỹ": (2, 5 + 2, 108),
    "Xã Bình Thành": (1, 42 + 3, 196),
}
PENDING_LATE = {"Xã Tân Mỹ": 1}  # of Tân Mỹ's 2, one is still in progress beyond its time


def units_by_name(lap_vo) -> dict[str, AdministrativeUnit]:
    return {u.full_name: u for u in [lap_vo, *AdministrativeUnit.objects.filter(parent=lap_vo)]}


def ratio(received: int, overdue: int) -> Decimal:
    return (Decimal(received - overdue) * 100 / received).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def store_portal(lap_vo, period, figures: dict[str, tuple[int, int, int]], *, name="dvc-progress-tree.json"):
    """The portal's progress response for Lấp Vò's units, stored as an import keeps it (raw bytes, SHA-256)."""
    units = units_by_name(lap_vo)

    def raw(full_name: str) -> dict:
        unit = units[full_name]
        _late, overdue, received = figures[full_name]
        PortalUnit.objects.get_or_create(
            unit=unit, defaults={"portal_id": f"lapvo-{unit.code}", "portal_code": f"H87.{unit.code}"}
        )
        return {
            "departmentId": f"lapvo-{unit.code}",
            "departmentName": f"UBND {full_name}",
            "departmentCode": f"H87.{unit.code}",
            "level": "COMMUNE",
            "totalReceived": received,
            "totalOnTime": received - overdue,
            "totalOverdue": overdue,
            "ratio": float(ratio(received, overdue)),
            "score": float(ratio(received, overdue) / 5),
            "maxScore": 20,
        }

    children = [raw(n) for n in figures if n != "Huyện Lấp Vò"]
    data = {"parent": raw("Huyện Lấp Vò"), "children": children, "pagination": {"currentPage": 1, "totalPages": 1}}
    content = json.dumps({"code": "OK", "data": data, "message": "OK"}, ensure_ascii=False).encode()
    return PortalResponse.objects.create(
        sha256=hashlib.sha256(content).hexdigest(),
        name=name,
        endpoint="dvc-progress-tree",
        content=content,
        period=period,
        province=lap_vo.parent,
    )


def store_onestop(lap_vo, period, tmp_path, figures: dict[str, int], *, status=ScorecardStatus.SUBMITTED):
    """The offices' counts as they come in: a `mot-cua` table through the importer (GQ2 late of resolved, GQ3 in
    time of in progress)."""
    from tests.conftest import _shipped

    mot_cua = _shipped("mot-cua")
    lines = ["Mã đơn vị\tGQ2 tử số\tGQ2 mẫu số\tGQ3 tử số\tGQ3 mẫu số"]
    units = units_by_name(lap_vo)
    for full_name, late in figures.items():
        pending = PENDING_LATE.get(full_name, 0)
        lines.append(f"{units[full_name].code}\t{late - pending}\t300\t{5 - pending}\t5")
    path = tmp_path / "mot-cua.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    scores_import(path=path, scheme=mot_cua, period=period, parent=lap_vo)
    Scorecard.objects.filter(scheme=mot_cua, period=period).update(status=status)


@pytest.fixture
def both(january, lap_vo, tmp_path):
    store_onestop(lap_vo, january, tmp_path, {n: late for n, (late, _o, _r) in SEED_000.items()})
    return store_portal(lap_vo, january, SEED_000)


def monthly_text(lap_vo, qd766, january, tmp_path) -> tuple[object, str, str]:
    report = report_render(report=report_draft(issuing_unit=lap_vo, scheme=qd766, period=january, kind="monthly"))
    content = report.pdf.read()
    return report, squash(pdf_text(content, tmp_path)), squash(pdf_text(content, tmp_path, layout=False))


def test_the_monthly_report_cites_both_systems_and_names_the_gap(both, lap_vo, qd766, january, tmp_path):
    report, text, plain = monthly_text(lap_vo, qd766, january, tmp_path)
    province_total = sum(late for late, _o, _r in SEED_000.values())
    portal_total = sum(overdue for _l, overdue, _r in SEED_000.values())
    assert (province_total, portal_total) == (20, 285)
    assert "2.2. Hồ sơ trễ hạn, quá hạn:" in plain
    assert (
        "Trong tháng 01 năm 2024, tổng số hồ sơ trễ hạn thể hiện trên Hệ thống thông tin giải quyết thủ tục hành "
        "chính tỉnh là 20 hồ sơ (cấp huyện 16 hồ sơ, cấp xã 04 hồ sơ). Tuy nhiên, tổng số hồ sơ quá hạn thể hiện "
        "trên Cổng Dịch vụ công quốc gia là 285 hồ sơ (nhiều hơn 265 hồ sơ), cụ thể:"
    ) in plain
    # The units whose two figures differ, largest gap first; none of those that agree.
    assert (
        "Đơn vị có số liệu hai hệ thống chênh lệch: Xã Tân Khánh Trung (trên Cổng nhiều hơn 54 hồ sơ), Xã Bình "
        "Thành (trên Cổng nhiều hơn 44 hồ sơ), Huyện Lấp Vò (trên Cổng nhiều hơn 39 hồ sơ)"
    ) in plain
    assert "Xã Long Hưng A (trên Cổng" not in plain and "và 07 đơn vị khác." in plain
    # A row per unit, the district's own first: portal rate, late resolved and in progress, overdue, gap.
    for name, (late, overdue, received) in SEED_000.items():
        pending = PENDING_LATE.get(name, 0)
        cells = [number_vi(ratio(received, overdue)), str(late), str(late - pending), str(pending), str(overdue)]
        gap = overdue - late
        row = f"{name} {' '.join(cells)} {'+' if gap > 0 else ''}{gap}"
        assert row in text, row
    assert "1 Huyện Lấp Vò " in text
    assert "Tổng 20 19 1 285 +265" in text
    assert "Nguồn: Hệ thống thông tin giải quyết thủ tục hành chính tỉnh – số liệu Bộ phận một cửa" in plain
    assert f"SHA-256 {both.sha256[:12]}…" in plain
    assert "2.3. Nguyên nhân:" in plain and "(*) số liệu chưa nộp" not in plain
    # The snapshot carries both sources, so an issued report keeps what it cited.
    late = report.frozen_data["late_dossiers"]
    first = late["rows"][0]
    assert (first["name"], first["late"], first["portal_overdue"]) == ("Huyện Lấp Vò", "16", "55")
    assert late["portal_files"][0]["sha256"] == both.sha256
    labels = KINDS["monthly"].labels(report.frozen_data)  # the editor's text area, where the document has it
    keys = list(labels)
    assert labels["late_dossiers"] == "II.2. Hồ sơ trễ hạn: Hệ thống tỉnh và Cổng DVCQG"
    assert keys.index("late_dossiers") == keys.index("causes_TDGQ") - 1
    assert document_context(report)["late"]["group"] == "TDGQ"


def test_without_portal_figures_nothing_is_cited(january, lap_vo, qd766, tmp_path):
    store_onestop(lap_vo, january, tmp_path, {n: late for n, (late, _o, _r) in SEED_000.items()})
    report, _text, plain = monthly_text(lap_vo, qd766, january, tmp_path)
    assert report.frozen_data["late_dossiers"] is None and "late_dossiers" not in report.sections
    for absent in ("Hệ thống thông tin giải quyết", "hồ sơ quá hạn thể hiện", "Hồ sơ trễ hạn", "HS quá hạn"):
        assert absent not in plain, absent
    assert "2.2. Nguyên nhân:" in plain  # the numbering is the usual one


def test_agreeing_figures_are_said_to_agree_and_no_gap_is_named(january, lap_vo, qd766, tmp_path):
    agreeing = {name: (late, late, received) for name, (late, _o, received) in SEED_000.items()}
    store_onestop(lap_vo, january, tmp_path, {n: late for n, (late, _o, _r) in agreeing.items()})
    store_portal(lap_vo, january, agreeing)
    _report, _text, plain = monthly_text(lap_vo, qd766, january, tmp_path)
    assert (
        "là 20 hồ sơ (cấp huyện 16 hồ sơ, cấp xã 04 hồ sơ). Số hồ sơ quá hạn thể hiện trên Cổng Dịch vụ công quốc "
        "gia cũng là 20 hồ sơ, cụ thể:"
    ) in plain
    assert "Tuy nhiên" not in plain.split("2.2. Hồ sơ trễ hạn")[1].split("2.3.")[0]
    assert "chênh lệch:" not in plain and "nhiều hơn" not in plain


def test_units_without_the_provinces_figures_are_left_out_and_counted(january, lap_vo, qd766, tmp_path):
    kept = {n: late for n, (late, _o, _r) in SEED_000.items() if n not in ("Xã Bình Thành", "Xã Tân Mỹ")}
    store_onestop(lap_vo, january, tmp_path, kept, status=ScorecardStatus.DRAFT)
    store_portal(lap_vo, january, SEED_000)
    _report, text, plain = monthly_text(lap_vo, qd766, january, tmp_path)
    compared_portal = sum(o for n, (_l, o, _r) in SEED_000.items() if n in kept)
    assert "là 17 hồ sơ (cấp huyện 16 hồ sơ, cấp xã 01 hồ sơ). Tuy nhiên, tổng số hồ sơ quá hạn thể hiện trên " in plain
    assert f"Cổng Dịch vụ công quốc gia là {compared_portal} hồ sơ (nhiều hơn {compared_portal - 17} hồ sơ)" in plain
    assert (
        "02 đơn vị chưa có số liệu trên Hệ thống thông tin giải quyết thủ tục hành chính tỉnh nên không đưa vào so "
        "sánh: Xã Tân Mỹ và Xã Bình Thành."
    ) in plain
    assert "Xã Bình Thành 77" not in text  # not in the table either
    assert "Huyện Lấp Vò* " in text and "(*) số liệu chưa nộp" in plain  # drafts marked as the ranking marks them


def test_portal_figures_alone_are_cited_as_such(january, lap_vo, qd766, tmp_path):
    store_portal(lap_vo, january, SEED_000)
    _report, text, plain = monthly_text(lap_vo, qd766, january, tmp_path)
    assert (
        "Trong tháng 01 năm 2024, tổng số hồ sơ quá hạn thể hiện trên Cổng Dịch vụ công quốc gia là 285 hồ sơ; chưa "
        "có số liệu hồ sơ trễ hạn của Hệ thống thông tin giải quyết thủ tục hành chính tỉnh"
    ) in plain
    assert "HS trễ hạn trên HTTT" not in text and "Tổng 285" in text


def test_the_latest_portal_response_is_the_one_cited(both, lap_vo, qd766, january, tmp_path):
    revised = {**SEED_000, "Xã Bình Thành": (1, 40, 196)}
    later = store_portal(lap_vo, january, revised, name="dvc-progress-tree-sua.json")
    report, _text, plain = monthly_text(lap_vo, qd766, january, tmp_path)
    assert "là 280 hồ sơ (nhiều hơn 260 hồ sơ)" in plain
    assert [f["sha256"] for f in report.frozen_data["late_dossiers"]["portal_files"]] == [later.sha256]


def test_the_province_notice_cites_the_portal_beside_its_offices(phu_tho, period, tmp_path, media):
    from indicators.portal.services import portal_import
    from tests.conftest import _shipped
    from tests.portal_fixtures import PORTAL, responses

    october = period("2026-10")
    imported = portal_import(files=responses("2026-10"), period=october)
    # What the portal published, read here straight from the recorded files, by the portal's id.
    published = {}
    for path in sorted((PORTAL / "phu-tho" / "2026-10").glob("dvc-progress-tree*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
        for raw in [data["parent"], *data["children"]]:
            published.setdefault(raw["departmentId"], raw["totalOverdue"])
    overdue = {pu.unit_id: published[pu.portal_id] for pu in PortalUnit.objects.filter(portal_id__in=published)}
    communes = list(AdministrativeUnit.objects.filter(parent=phu_tho, kind__in=["xa", "phuong"]).order_by("code")[:2])
    body = AdministrativeUnit.objects.filter(parent=phu_tho, kind="co_quan_tinh").order_by("name").first()
    offices = {phu_tho: 7, body: 2, communes[0]: 3, communes[1]: 0}
    lines = ["Mã đơn vị\tGQ2 tử số\tGQ2 mẫu số"] + [f"{u.code}\t{late}\t500" for u, late in offices.items()]
    (tmp_path / "mc.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    scores_import(path=tmp_path / "mc.tsv", scheme=_shipped("mot-cua"), period=october, parent=phu_tho)

    report = report_render(
        report=report_draft(issuing_unit=phu_tho, scheme=imported.scheme, period=october, kind="province")
    )
    plain = squash(pdf_text(report.pdf.read(), tmp_path, layout=False))
    portal_total = sum(overdue[u.pk] for u in offices)
    assert portal_total != 12  # the recorded figures differ from the offices', so there is a gap to name
    assert "3. Hồ sơ trễ hạn, quá hạn" in plain and "4. Đề nghị" in plain
    assert (
        "tổng số hồ sơ trễ hạn thể hiện trên Hệ thống thông tin giải quyết thủ tục hành chính tỉnh là 12 hồ sơ (cấp "
        f"tỉnh 09 hồ sơ, cấp xã 03 hồ sơ). Tuy nhiên, tổng số hồ sơ quá hạn thể hiện trên Cổng Dịch vụ công quốc gia "
        f"là {number_vi(Decimal(portal_total))} hồ sơ"
    ) in plain
    on_portal = len(overdue)
    assert f"{on_portal - 4} đơn vị chưa có số liệu trên Hệ thống thông tin giải quyết thủ tục hành chính tỉnh" in plain
    rows = report.frozen_data["late_dossiers"]["rows"]
    assert rows[0]["name"] == phu_tho.full_name and len(rows) == on_portal
    assert {r["name"]: (r["late"], r["portal_overdue"]) for r in rows if r["late"] is not None} == {
        u.full_name: (str(late), str(overdue[u.pk])) for u, late in offices.items()
    }
