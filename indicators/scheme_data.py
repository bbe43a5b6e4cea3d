"""The schemes the app ships with, as plain data installed by a migration.

`qd766` is Decision 766/QĐ-TTg as the national portal scores it (domain.md §1; the DVCTT split 2 + 4 + 6 is an
older implementation's, since the portal does not publish it). `dienbien-459` is Điện Biên's variant (QĐ
459/QĐ-UBND 2023, seed 003): items may be "-" (not applicable) and the total is converted to 100. Its
indicator names are reconstructed from the seed's text and can be corrected by an administrator.
Changing a scheme later is a new scheme version (a new code), never an edit of this file's history.
"""

from __future__ import annotations

import copy
from typing import Any

BANDS = [
    {"code": "xuat_sac", "label": "Xuất sắc", "min_score": "90"},
    {"code": "tot", "label": "Tốt", "min_score": "80"},
    {"code": "kha", "label": "Khá", "min_score": "70"},
    {"code": "trung_binh", "label": "Trung bình", "min_score": "50"},
    {"code": "yeu", "label": "Yếu", "min_score": "0"},
]

PROVINCE = [1]


def _ind(code: str, name: str, max_points: str, method: str = "rate", **extra: Any) -> dict[str, Any]:
    return {"code": code, "name": name, "max_points": max_points, "method": method, **extra}


QD766: dict[str, Any] = {
    "code": "qd766",
    "name": "Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)",
    "legal_basis": "Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ",
    "report_name": (
        "Bộ Chỉ số phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, cung cấp dịch vụ công"
    ),
    "result_source": "trên Cổng Dịch vụ công quốc gia",
    "draft_ranking": "mark",
    "valid_from": "2022-06-23",
    "not_applicable_policy": "full",
    "bands": BANDS,
    "groups": [
        {
            "code": "CKMB",
            "name": "Công khai, minh bạch",
            "short_name": "Công khai, minh bạch",
            "max_points": "18",
            "indicators": [
                _ind("CKMB1", "Tỷ lệ TTHC được công bố đúng hạn", "6"),
                _ind("CKMB2", "Tỷ lệ TTHC được cập nhật, công khai đúng hạn", "4"),
                _ind("CKMB3", "Tỷ lệ TTHC được công khai đầy đủ nội dung", "2"),
                _ind("CKMB4", "Tỷ lệ hồ sơ đồng bộ trạng thái với Cổng Dịch vụ công quốc gia", "6"),
            ],
        },
        {
            "code": "TDGQ",
            "name": "Tiến độ, kết quả giải quyết",
            "short_name": "Tiến độ giải quyết",
            "aliases": ["Tiến độ, KQ giải quyết"],
            "max_points": "20",
            "indicators": [
                _ind("TDGQ1", "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn (kể cả đang xử lý trong hạn)", "20"),
            ],
        },
        {
            "code": "DVCTT",
            "name": "Dịch vụ công trực tuyến",
            "short_name": "Dịch vụ công trực tuyến",
            "aliases": ["Cung cấp dịch vụ công trực tuyến", "Dịch vụ trực tuyến"],
            "max_points": "12",
            "indicators": [
                _ind("DVCTT1", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến", "2", "target", target="80"),
                _ind("DVCTT2", "Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ", "4"),
                _ind("DVCTT3", "Tỷ lệ hồ sơ nộp trực tuyến", "6", "target", target="50"),
            ],
        },
        {
            "code": "TTTT",
            "name": "Thanh toán trực tuyến",
            "short_name": "Thanh toán trực tuyến",
            "max_points": "10",
            "indicators": [
                _ind("TTTT1", "Tỷ lệ TTHC có nghĩa vụ tài chính được cung cấp trên Cổng", "2", "target", target="80"),
                _ind("TTTT2", "Tỷ lệ TTHC có giao dịch thanh toán trực tuyến", "2", "target", target="80"),
                _ind("TTTT3", "Tỷ lệ hồ sơ thanh toán trực tuyến", "6", "target", target="100"),
            ],
        },
        {
            "code": "MDHL",
            "name": "Mức độ hài lòng",
            "short_name": "Mức độ hài lòng",
            "max_points": "18",
            "indicators": [
                _ind("MDHL1", "Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn", "6", zero_denominator="full"),
                _ind("MDHL2", "Tỷ lệ hài lòng trong xử lý phản ánh, kiến nghị", "6", zero_denominator="full"),
                _ind("MDHL3", "Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC", "6", "target", target="90"),
                _ind(
                    "MDHL4",
                    "Kiến nghị về quy định hành chính (theo dõi, không tính điểm)",
                    "0",
                    zero_denominator="full",
                ),
                _ind(
                    "MDHL5",
                    "Phản ánh về hành vi của cán bộ, công chức (theo dõi, không tính điểm)",
                    "0",
                    zero_denominator="full",
                ),
            ],
        },
        {
            "code": "MDSH",
            "name": "Số hóa hồ sơ",
            "short_name": "Số hóa hồ sơ",
            "max_points": "22",
            "aliases": ["Số hóa hồ sơ, kết quả TTHC", "Số hóa"],
            "indicators": [
                _ind("MDSH1", "Tỷ lệ hồ sơ có cấp kết quả giải quyết điện tử", "6"),
                _ind("MDSH2", "Tỷ lệ hồ sơ được số hóa thành phần hồ sơ", "4", "target", target="80"),
                _ind("MDSH3", "Tỷ lệ cung cấp dịch vụ chứng thực bản sao điện tử", "2"),
                _ind("MDSH4", "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa", "2", "target", target="80"),
                _ind("MDSH5", "Tỷ lệ hồ sơ số hóa có kết nối, chia sẻ dữ liệu", "4"),
                _ind("MDSH6", "Sử dụng dữ liệu dân cư trong giải quyết TTHC", "2", levels=PROVINCE),
                _ind("MDSH7", "Tỷ lệ TTHC có kết nối dữ liệu dân cư", "2", levels=PROVINCE),
            ],
        },
    ],
}

_NA = {"allows_not_applicable": True}

DIENBIEN_459: dict[str, Any] = {
    "code": "dienbien-459",
    "name": "Bộ chỉ số đánh giá chất lượng phục vụ người dân, doanh nghiệp tỉnh Điện Biên",
    "legal_basis": "Quyết định số 459/QĐ-UBND ngày 24/3/2023 của UBND tỉnh Điện Biên",
    "report_name": (
        "Bộ chỉ số đánh giá chất lượng phục vụ người dân, doanh nghiệp trong thực hiện thủ tục hành chính, "
        "dịch vụ công tỉnh Điện Biên"
    ),
    "result_source": "theo Bộ chỉ số của tỉnh Điện Biên",
    "draft_ranking": "mark",
    "valid_from": "2023-03-24",
    "not_applicable_policy": "convert",
    "bands": BANDS,
    "groups": [
        {
            "code": "CK",
            "name": "Nhóm công khai, minh bạch",
            "short_name": "Công khai, minh bạch",
            "max_points": "20",
            "indicators": [
                _ind("CK1", "Công khai TTHC trên Trang/Cổng thông tin điện tử", "5", **_NA),
                _ind("CK2", "Công khai kết quả giải quyết TTHC", "5", **_NA),
                _ind("CK3", "Công khai TTHC đầy đủ, kịp thời theo quy định", "10", **_NA),
            ],
        },
        {
            "code": "TD",
            "name": "Tiến độ, kết quả giải quyết",
            "short_name": "Tiến độ giải quyết",
            "max_points": "30",
            "aliases": ["Tiến độ, KQ giải quyết"],
            "indicators": [_ind("TD", "Tỷ lệ hồ sơ giải quyết đúng hạn", "30", **_NA)],
        },
        {
            "code": "DV",
            "name": "Nhóm cung cấp dịch vụ trực tuyến",
            "short_name": "Dịch vụ trực tuyến",
            "aliases": ["Cung cấp DVTT", "Cung cấp dịch vụ trực tuyến", "DVTT"],
            "max_points": "20",
            "indicators": [
                _ind("DV1", "Tỷ lệ hồ sơ TTHC nộp trực tuyến", "10", **_NA),
                _ind("DV2", "Tỷ lệ hồ sơ thanh toán trực tuyến", "10", **_NA),
            ],
        },
        {
            "code": "SH",
            "name": "Nhóm số hóa hồ sơ",
            "short_name": "Số hóa hồ sơ",
            "max_points": "15",
            "indicators": [
                _ind("SH1", "Tỷ lệ hồ sơ TTHC có cấp kết quả giải quyết điện tử", "5", **_NA),
                _ind("SH2", "Tỷ lệ hồ sơ TTHC thực hiện số hóa", "10", **_NA),
            ],
        },
        {
            "code": "HL",
            "name": "Nhóm mức độ hài lòng",
            "short_name": "Mức độ hài lòng",
            "max_points": "15",
            "indicators": [
                _ind("HL1", "Tiếp nhận, xử lý phản ánh, kiến nghị đúng hạn", "5", zero_denominator="full", **_NA),
                _ind("HL2", "Mức độ hài lòng trong xử lý phản ánh, kiến nghị", "5", zero_denominator="full", **_NA),
                _ind("HL3", "Mức độ hài lòng trong tiếp nhận, giải quyết TTHC", "5", **_NA),
            ],
        },
    ],
}


def _count(code: str, name: str, **extra: Any) -> dict[str, Any]:
    """A count kept by the one-stop office, entered as numerator/denominator; tracked, not scored."""
    return _ind(code, name, "0", **extra)


# The one-stop office's six-month report (seed 004): the raw counts behind the indicators, no points. Targets are
# the province's; a floor (≥) or a ceiling (≤, "quá hạn") as `target_direction` says.
MOT_CUA: dict[str, Any] = {
    "code": "mot-cua",
    "name": "Số liệu tiếp nhận, trả kết quả giải quyết TTHC của Bộ phận một cửa",
    "legal_basis": "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa "
    "liên thông trong giải quyết thủ tục hành chính",
    "valid_from": "2018-04-23",
    "not_applicable_policy": "full",
    "bands": [],
    "groups": [
        {
            "code": "TN",
            "name": "Tiếp nhận hồ sơ",
            "max_points": "0",
            "indicators": [
                _count("TN1", "Hồ sơ tiếp nhận trực tuyến (trên tổng số hồ sơ tiếp nhận)"),
                _count("TN2", "Hồ sơ tiếp nhận trực tiếp (trên tổng số hồ sơ tiếp nhận)"),
                _count("TN3", "Hồ sơ từ kỳ trước chuyển sang (trên tổng số hồ sơ tiếp nhận)"),
            ],
        },
        {
            "code": "GQ",
            "name": "Kết quả giải quyết",
            "max_points": "0",
            "indicators": [
                _count("GQ1", "Hồ sơ giải quyết đúng hạn, trước hạn (trên số hồ sơ đã giải quyết)", target="98"),
                _count(
                    "GQ2",
                    "Hồ sơ giải quyết quá hạn (trên số hồ sơ đã giải quyết)",
                    target="3",
                    target_direction="max",
                ),
                _count("GQ3", "Hồ sơ đang giải quyết trong hạn (trên số hồ sơ đang giải quyết)"),
            ],
        },
        {
            "code": "TT",
            "name": "Dịch vụ công trực tuyến, thanh toán trực tuyến",
            "max_points": "0",
            "indicators": [
                _count("TT1", "Hồ sơ DVC trực tuyến một phần được nộp trực tuyến"),
                _count("TT2", "Hồ sơ DVC trực tuyến toàn trình được nộp trực tuyến"),
                _count("TT3", "Hồ sơ thanh toán trực tuyến (trên số hồ sơ có nghĩa vụ tài chính)", target="95"),
            ],
        },
        {
            "code": "SH",
            "name": "Số hóa hồ sơ, kết quả",
            "max_points": "0",
            "indicators": [
                _count("SH1", "Hồ sơ số hóa đầy đủ thành phần khi tiếp nhận", target="75"),
                _count("SH2", "Hồ sơ có số hóa kết quả giải quyết", target="75"),
            ],
        },
        {
            "code": "HL",
            "name": "Mức độ hài lòng",
            "max_points": "0",
            "indicators": [
                _count("HL1", "Lượt đánh giá “rất hài lòng” (trên số lượt khảo sát)"),
                _count("HL2", "Lượt đánh giá “hài lòng” (trên số lượt khảo sát)"),
                _count("HL3", "Lượt đánh giá “không hài lòng” (trên số lượt khảo sát)"),
                _count("HL4", "Phản ánh, kiến nghị đã xử lý (trên số phản ánh, kiến nghị tiếp nhận)"),
            ],
        },
    ],
}


def _portal(code: str, name: str, max_points: str, target: str | None = None, zero: str = "null") -> dict[str, Any]:
    """A 2026 portal metric: min(max, max × rate / target), rounded per metric (formula `portal_rounded`)."""
    extra: dict[str, Any] = {"formula": "portal_rounded", "zero_denominator": zero}
    if target:
        extra["target"] = target
    return _ind(code, name, max_points, "formula", **extra)


# The national portal's scoring as its own 2026 responses show it (portal.md §2), a version beside `qd766`
# (which reproduces the 2023-2024 seeds). Valid from 01/01/2026: the captures it is reconstructed from are of
# 2026 periods, and nothing published dates the change earlier; periods before keep `qd766`. Differences from
# `qd766`: every metric rounded to 2 decimals before summing; a zero denominator is null (counts nothing) for
# Công khai and Số hóa; số hóa thành phần hồ sơ is linear (no 80 % target); communes are scored on the two
# citizen-data metrics; Dịch vụ công trực tuyến is the portal's published score, which its counts do not explain.
# What the portal does differently per metric: (target, what a zero denominator gives); names and maxima are
# `qd766`'s. Metrics not listed are linear with a zero denominator counting nothing.
_PORTAL_RULES: dict[str, tuple[str | None, str]] = {
    "TDGQ1": (None, "zero"),
    "TTTT1": ("80", "zero"),
    "TTTT2": ("80", "zero"),
    "TTTT3": ("100", "zero"),
    "MDHL1": (None, "full"),
    "MDHL2": (None, "full"),
    "MDHL3": ("90", "zero"),
    "MDSH4": ("80", "null"),
}


def _portal_groups() -> list[dict[str, Any]]:
    """`qd766`'s groups and indicators (same codes, names and maxima) scored the portal's way."""
    groups = []
    for group in QD766["groups"]:
        header = copy.deepcopy({key: value for key, value in group.items() if key != "indicators"})
        if group["code"] == "DVCTT":
            indicators = [_ind("DVCTT", "Điểm dịch vụ công trực tuyến do Cổng DVCQG công bố", "12", "portal")]
        else:
            indicators = [
                _portal(ind["code"], ind["name"], ind["max_points"], *_PORTAL_RULES.get(ind["code"], (None, "null")))
                for ind in group["indicators"]
            ]
        groups.append({**header, "indicators": indicators})
    return groups


PORTAL_2026: dict[str, Any] = {
    "code": "dvcqg-2026",
    "name": "Bộ chỉ số 766 theo cách tính của Cổng Dịch vụ công quốc gia (2026)",
    "legal_basis": "Quyết định số 766/QĐ-TTg ngày 23/6/2022; cách tính điểm Cổng DVCQG công bố năm 2026",
    "valid_from": "2026-01-01",
    "not_applicable_policy": "full",
    "bands": BANDS,
    "groups": _portal_groups(),
}

SHIPPED_SCHEMES = [QD766, DIENBIEN_459, MOT_CUA, PORTAL_2026]

# The national versions, one in force at a time (by date); `scheme_for_period` chooses among these only, so a
# provincial variant such as dienbien-459 is never a default.
QD766["valid_to"] = "2025-12-31"
NATIONAL_SCHEMES = [QD766, PORTAL_2026]
