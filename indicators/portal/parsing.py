"""Reading the portal's saved responses (pure: no queries): the envelope, which endpoint answered, the province's
own row, its children's counts and published scores, pagination; and the .zip files people save them in."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from indicators.portal.constants import (
    ENDPOINT_GROUPS,
    KIND_BODY,
    KIND_COMMUNE,
    KIND_PROVINCE,
    METRIC_INDICATORS,
    SUMMARY,
    TREE_COUNTS,
)

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ZIP_MEMBERS = 200
_SUFFIX = re.compile(r"\s+-\s+((?:Tỉnh|Thành phố|TP\.?)\s+.+)$", re.IGNORECASE)


class PortalFileError(ValueError):
    """A file that is not a portal response this app can read; the message names the file and the reason."""


@dataclass(frozen=True)
class PortalValue:
    """One published metric of a row: counts (None when the portal gives none), ratio and score."""

    code: str  # the scheme's indicator code (CKMB1), or the group code for a published-only group score
    portal_code: str
    numerator: Decimal | None
    denominator: Decimal | None
    ratio: Decimal | None
    score: Decimal | None
    max_score: Decimal | None
    quality_status: str = ""
    quality_message: str = ""


@dataclass
class PortalRow:
    """One unit in a response: the province itself, a provincial body or a commune."""

    portal_id: str
    name: str  # as the portal writes it, without a trailing " - Tỉnh …"
    written: str  # exactly as the portal writes it
    code: str
    kind: str
    province_suffix: str = ""
    total_score: Decimal | None = None
    total_max: Decimal | None = None
    values: list[PortalValue] = field(default_factory=list)
    group_scores: dict[str, Decimal | None] = field(default_factory=dict)  # service-results only


@dataclass
class ParsedResponse:
    name: str
    sha256: str
    content: bytes
    endpoint: str
    province: PortalRow | None
    rows: list[PortalRow]
    page: int = 1
    total_pages: int = 1

    @property
    def group(self) -> str | None:
        return ENDPOINT_GROUPS.get(self.endpoint)


def name_clean(written: str) -> tuple[str, str]:
    """("UBND xã Đông Lâm", "Tỉnh Phú Thọ") from "UBND xã Đông Lâm - Tỉnh Phú Thọ"; the suffix is "" when absent."""
    text = " ".join((written or "").split())
    match = _SUFFIX.search(text)
    if match:
        return text[: match.start()].strip(), match.group(1)
    return text, ""


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    return Decimal(str(value))


def _kind(row: dict[str, Any]) -> str:
    level = str(row.get("level") or "").upper()
    department_type = str(row.get("departmentType") or "").upper()
    if level == "COMMUNE" or department_type == "COMMUNE_PEOPLE_COMMITTEE":
        return KIND_COMMUNE
    if level == "PROVINCE" or department_type == "PROVINCIAL_DEPARTMENT":
        return KIND_BODY
    return ""


def _row(raw: Any, *, kind: str | None, file: str) -> PortalRow:
    if not isinstance(raw, dict) or not raw.get("departmentId"):
        raise PortalFileError(f"{file}: có một dòng đơn vị không có “departmentId”.")
    written = str(raw.get("departmentName") or "").strip()
    name, suffix = name_clean(written)
    row_kind = kind or _kind(raw)
    if not row_kind:
        raise PortalFileError(
            f"{file}: không rõ “{written}” là sở, ban, ngành hay cấp xã (thiếu “level”/“departmentType”)."
        )
    return PortalRow(
        portal_id=str(raw["departmentId"]),
        name=name,
        written=written,
        code=str(raw.get("departmentCode") or ""),
        kind=row_kind,
        province_suffix=suffix,
        total_score=_decimal(raw.get("totalScore", raw.get("score"))),
        total_max=_decimal(raw.get("totalMaxScore", raw.get("maxScore"))),
    )


def _metric_values(raw: dict[str, Any], file: str) -> list[PortalValue]:
    values = []
    for metric in raw.get("metrics") or []:
        portal_code = str(metric.get("code") or "")
        code = METRIC_INDICATORS.get(portal_code)
        if code is None:
            raise PortalFileError(f"{file}: chỉ số “{portal_code}” của {raw.get('departmentName')} chưa được hỗ trợ.")
        values.append(
            PortalValue(
                code=code,
                portal_code=portal_code,
                numerator=_decimal(metric.get("numerator")),
                denominator=_decimal(metric.get("denominator")),
                ratio=_decimal(metric.get("ratio")),
                score=_decimal(metric.get("score")),
                max_score=_decimal(metric.get("maxScore")),
                quality_status=str(metric.get("dataQualityStatus") or ""),
                quality_message=str(metric.get("dataQualityMessage") or ""),
            )
        )
    return values


def _tree_values(raw: dict[str, Any], endpoint: str, group: str) -> list[PortalValue]:
    counts = TREE_COUNTS[endpoint]
    if not counts:  # provide-online-tree: a published group score only
        return [
            PortalValue(
                code=group,
                portal_code=endpoint,
                numerator=None,
                denominator=None,
                ratio=_decimal(raw.get("ratio")),
                score=_decimal(raw.get("totalScore", raw.get("score"))),
                max_score=_decimal(raw.get("totalMaxScore", raw.get("maxScore"))),
            )
        ]
    return [
        PortalValue(
            code=code,
            portal_code=f"{numerator}/{denominator}",
            numerator=_decimal(raw.get(numerator)),
            denominator=_decimal(raw.get(denominator)),
            ratio=None,
            score=None,  # the tree publishes the group's score only
            max_score=None,
        )
        for code, (numerator, denominator) in counts.items()
    ]


def _metric_endpoint(rows: list[dict[str, Any]], file: str) -> str:
    for raw in rows:
        for metric in raw.get("metrics") or []:
            code = METRIC_INDICATORS.get(str(metric.get("code") or ""))
            if code:
                group = next(g for g in ("CKMB", "MDHL", "MDSH") if code.startswith(g))
                return next(e for e, g in ENDPOINT_GROUPS.items() if g == group)
    raise PortalFileError(f"{file}: không nhận ra chỉ số nào của Cổng trong tệp (không có “metrics”).")


def _tree_endpoint(rows: list[dict[str, Any]]) -> str:
    keys = set().union(*(raw.keys() for raw in rows if isinstance(raw, dict)))
    if "totalOnTime" in keys or "totalReceived" in keys:
        return "dvc-progress-tree"
    if "totalDossierFinancialObligation" in keys or "totalFeeFormality" in keys:
        return "formality-online-payment-tree"
    return "provide-online-tree"


def _pages(data: dict[str, Any]) -> tuple[int, int]:
    pagination = data.get("pagination") or {}
    page = int(pagination.get("currentPage") or 1)
    return page, max(int(pagination.get("totalPages") or 1), 1)


def envelope_read(content: bytes, name: str) -> dict[str, Any]:
    """The `data` of a `{"code": "OK", "data": …}` answer, or a message saying what came instead."""
    head = content[:200].lstrip().lower()
    if head.startswith(b"<"):
        raise PortalFileError(
            f"{name}: là một trang HTML, không phải dữ liệu JSON của Cổng (có thể Cổng đã từ chối yêu cầu – "
            "“request rejected”)."
        )
    try:
        document = json.loads(content.decode("utf-8-sig"), parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise PortalFileError(f"{name}: không phải tệp JSON do Cổng DVCQG trả về.") from None
    if not isinstance(document, dict) or "data" not in document:
        raise PortalFileError(f"{name}: thiếu phần “data” của câu trả lời Cổng DVCQG.")
    if str(document.get("code", "OK")).upper() != "OK":
        raise PortalFileError(f"{name}: Cổng trả lời lỗi “{document.get('code')}”: {document.get('message') or ''}")
    if not isinstance(document["data"], dict):
        raise PortalFileError(f"{name}: phần “data” không có dữ liệu đánh giá.")
    return document["data"]


def response_parse(content: bytes, name: str) -> ParsedResponse:
    """Recognise the endpoint from the content and read every row; raises PortalFileError naming the file."""
    data = envelope_read(content, name)
    sha256 = hashlib.sha256(content).hexdigest()
    page, total_pages = _pages(data)
    try:
        if "parent" in data or "children" in data:
            children = data.get("children") or []
            parent = data.get("parent")
            endpoint = _tree_endpoint([parent or {}, *children])
            group = ENDPOINT_GROUPS[endpoint]
            rows = []
            for raw in children:
                row = _row(raw, kind=None, file=name)
                row.values = _tree_values(raw, endpoint, group)
                rows.append(row)
            province = None
            if parent:
                province = _row(parent, kind=KIND_PROVINCE, file=name)
                province.values = _tree_values(parent, endpoint, group)
            return ParsedResponse(name, sha256, content, endpoint, province, rows, page, total_pages)
        evaluation = data.get("evaluation")
        if not isinstance(evaluation, list):
            raise PortalFileError(f"{name}: không nhận ra điểm truy vấn (không có “evaluation”, “parent”/“children”).")
        if "overview" not in data and any(isinstance(r, dict) and "groupScores" in r for r in evaluation):
            rows = []
            for raw in evaluation:
                row = _row(raw, kind=KIND_PROVINCE, file=name)
                row.group_scores = {k: _decimal(v) for k, v in (raw.get("groupScores") or {}).items()}
                rows.append(row)
            return ParsedResponse(name, sha256, content, SUMMARY, None, rows, page, total_pages)
        overview = data.get("overview")
        endpoint = _metric_endpoint([overview or {}, *evaluation], name)
        rows = []
        for raw in evaluation:
            row = _row(raw, kind=None, file=name)
            row.values = _metric_values(raw, name)
            rows.append(row)
        province = None
        if overview:
            province = _row(overview, kind=KIND_PROVINCE, file=name)
            province.values = _metric_values(overview, name)
        return ParsedResponse(name, sha256, content, endpoint, province, rows, page, total_pages)
    except (ValueError, ArithmeticError) as exc:
        if isinstance(exc, PortalFileError):
            raise
        raise PortalFileError(f"{name}: có giá trị không phải là số ({exc}).") from None


def files_expand(files: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Responses from the given files, a .zip contributing each of its .json members (bounded, so a zip bomb or
    a huge file gets a message, not the server's memory)."""
    out: list[tuple[str, bytes]] = []
    for name, content in files:
        if len(content) > MAX_FILE_BYTES:
            raise PortalFileError(f"{name}: tệp lớn hơn {MAX_FILE_BYTES // (1024 * 1024)} MB.")
        if not content.startswith(b"PK"):
            out.append((name, content))
            continue
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
            members = [m for m in archive.infolist() if not m.is_dir() and m.filename.lower().endswith(".json")]
        except zipfile.BadZipFile:
            raise PortalFileError(f"{name}: tệp .zip bị hỏng.") from None
        if not members:
            raise PortalFileError(f"{name}: tệp .zip không có tệp .json nào.")
        if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_FILE_BYTES * 5:
            raise PortalFileError(f"{name}: tệp .zip có quá nhiều hoặc quá lớn các tệp bên trong.")
        for member in sorted(members, key=lambda m: m.filename):
            with archive.open(member) as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                raise PortalFileError(f"{name}/{member.filename}: tệp lớn hơn {MAX_FILE_BYTES // (1024 * 1024)} MB.")
            out.append((f"{name}/{member.filename}", data))
    return out
