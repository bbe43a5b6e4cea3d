"""HTML to PDF with WeasyPrint, in the Decree 30/2020 layout, with the bundled Liberation Serif always embedded.

The fonts are loaded from static/fonts/ through @font-face (templates/reports/base_pdf.html), never from the system
font configuration, so a PDF looks the same on every machine and no glyph is borrowed from another font.
Everything printed comes from the report's fields and its data snapshot.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from indicators.dashboards.charts import Bar, bar_chart
from indicators.formatting import number_vi, signed_vi
from indicators.scoring import change_against_previous, group_share
from reports import late_dossiers, narrative
from reports.kinds import KINDS
from reports.models import Report

FONT_DIR = settings.BASE_DIR / "static" / "fonts"
Progress = Callable[[int, str], None]

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")


def inline_markup(text: str) -> str:
    """Escape, then `**bold**` and `*italic*` as the seed reports use them."""
    html = escape(text)
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    return _ITALIC.sub(r"<em>\1</em>", html)


def paragraphs(text: str | None) -> SafeString:
    """An edited section as paragraphs: one per line; blank lines are dropped."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return mark_safe("".join(f"<p>{inline_markup(line)}</p>" for line in lines))  # noqa: S308 - escaped above


def _n(value: str | None, places: int | None = None) -> str:
    return "-" if value is None else number_vi(Decimal(value), places)


def _cell(cell: dict[str, Any]) -> dict[str, Any]:
    """A "x/max" cell, underlined when an indicator of the group is below its target."""
    text = f"{_n(cell['points'])}/{_n(cell['max'])}" if cell["points"] is not None else "-"
    return {"text": text, "below": bool(cell["below"])}


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _ratio(cell: dict[str, Any]) -> str:
    share = group_share(_decimal(cell["points"]), _decimal(cell["max"]))
    return "-" if share is None else number_vi(share)


def _cohort_heading(rows: list[dict[str, Any]], index: int) -> str:
    """ "Sở, ban, ngành (15 đơn vị, xếp hạng riêng)" above the first row of each cohort, when there are two."""
    cohorts = {row.get("cohort") for row in rows}
    row = rows[index]
    if len(cohorts) < 2 or (index > 0 and rows[index - 1].get("cohort") == row.get("cohort")):
        return ""
    size = sum(1 for other in rows if other.get("cohort") == row.get("cohort"))
    return f"{row.get('cohort_label', '').capitalize()} ({size} đơn vị, xếp hạng riêng)"


def document_context(report: Report) -> dict[str, Any]:
    """Everything the templates print, formatted as the seeds print it (82,07; 08/12; x/max)."""
    data = report.frozen_data
    spec = KINDS[report.kind]
    groups = data.get("groups", [])
    rows = data.get("rows", [])
    own = data.get("own")
    previous = data.get("own_previous")
    ranking = [
        {
            "number": index,
            "name": row["name"],
            "total": _n(row["total"], 2) if row["total"] is not None else "-",
            "class": row["class"],
            "previous_total": _n(row["previous_total"], 2) if row["previous_total"] is not None else "-",
            "change": signed_vi(Decimal(row["delta_points"])) if row["delta_points"] is not None else "-",
            "cells": [_cell(c) for c in row["cells"]],
            "cohort_heading": _cohort_heading(rows, index - 1),
            "draft": not row.get("final", True),
            "raw": narrative.raw_note(row).removeprefix("điểm đạt được ") or "-",
        }
        for index, row in enumerate(rows, start=1)
    ]
    show_raw = any(item["raw"] != "-" for item in ranking)
    per_group = []
    for index, group in enumerate(groups):
        table = [
            {"number": n, "name": row["name"], "cell": _cell(row["cells"][index]), "ratio": _ratio(row["cells"][index])}
            for n, row in enumerate(rows, start=1)
        ]
        if own:
            table.append(
                {
                    "number": len(table) + 1,
                    "name": own["name"],
                    "cell": _cell(own["cells"][index]),
                    "ratio": _ratio(own["cells"][index]),
                    "own": True,
                }
            )
        bars = [
            Bar(
                label=row["name"],
                value=Decimal(row["cells"][index]["points"]) if row["cells"][index]["points"] is not None else None,
                maximum=Decimal(row["cells"][index]["max"] or group["max"]),
            )
            for row in rows
        ]
        per_group.append(
            {
                "number": index + 1,
                "group": group,
                "table": table,
                "chart": bar_chart(bars, width=620, bar_height=14) if bars else "",
                "causes": paragraphs(report.sections.get(f"causes_{group['code']}")),
            }
        )
    summary = []
    if own:
        for index, group in enumerate(groups):
            cell = own["cells"][index]
            before = previous["cells"][index]["points"] if previous else None
            delta = change_against_previous(_decimal(cell["points"]), _decimal(before))
            summary.append(
                {
                    "number": index + 1,
                    "name": group["name"],
                    "max": _n(group["max"]),
                    "points": _n(cell["points"]),
                    "ratio": _ratio(cell),
                    "below": bool(cell["below"]),
                    "previous": _n(before) if before is not None else "-",
                    "change": signed_vi(delta) if delta is not None else "-",
                }
            )
    late = late_dossiers.late_table(data)
    for item in per_group:
        item["late"] = bool(late and late["group"] == item["group"]["code"])
    recipients = [line.strip().lstrip("-").strip().rstrip(";.") for line in report.recipients.splitlines()]
    recipients = [line for line in recipients if line]
    return {
        "report": report,
        "data": data,
        "letter": spec.letter,
        "parent_lines": [line for line in report.parent_body_name.splitlines() if line.strip()],
        "body_lines": [line for line in report.issuing_body_name.splitlines() if line.strip()],
        "date_line": narrative.date_line(report.place, report.date),
        "legal_basis": [line.strip() for line in report.legal_basis.splitlines() if line.strip()],
        "recipients": [(line, index == len(recipients) - 1) for index, line in enumerate(recipients)],
        "sections": {key: paragraphs(text) for key, text in report.sections.items()},
        "groups": groups,
        "ranking": ranking,
        "show_raw": show_raw,
        "completeness": data.get("completeness"),
        "per_group": per_group,
        "summary": summary,
        "late": late,
        "own": own,
        "unit_phrase": narrative.lower_first(data.get("unit", {}).get("name", "")),
        "period_label": data.get("period", {}).get("label", ""),
        "previous_label": data.get("period", {}).get("previous_label") or "Kỳ trước",
        "font_dir": FONT_DIR.as_uri(),
        "draft": report.number is None,
        **(spec.context(data) if spec.context else {}),
    }


def report_html(report: Report) -> str:
    return render_to_string(KINDS[report.kind].template, document_context(report))


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    pages: int
    signature_box: dict[str, float] | None  # page index and box in PDF points, where the signature stamp goes


PX_TO_PT = 0.75  # WeasyPrint lays out in CSS px (96 per inch); PDF uses points (72 per inch)


def _signature_box(document: Any) -> dict[str, float] | None:
    """Where the #signature-space element landed, so the signature stamp fills the signature block."""
    for index, page in enumerate(document.pages):
        if "signature-space" in page.anchors:
            x1, y1, x2, y2 = (value * PX_TO_PT for value in page.anchors["signature-space"])
            page_height = page.height * PX_TO_PT
            return {"page": index, "x1": x1, "y1": page_height - y2, "x2": x2, "y2": page_height - y1}
    return None


def html_to_pdf(html: str, *, progress: Progress | None = None) -> RenderedPdf:
    """Lay out and write the PDF; WeasyPrint is imported here so pages that never render do not load it."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from reports.fetcher import AppFilesFetcher

    font_config = FontConfiguration()
    document = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=AppFilesFetcher()).render(
        font_config=font_config
    )
    if progress:
        progress(70, f"Đã dàn trang: {len(document.pages)} trang")
    content = document.write_pdf()
    return RenderedPdf(content=content, pages=len(document.pages), signature_box=_signature_box(document))


def report_pdf(report: Report, *, progress: Progress | None = None) -> RenderedPdf:
    """The report's PDF from its fields and snapshot."""
    if progress:
        progress(20, "Đang dựng nội dung")
    html = report_html(report)
    if progress:
        progress(35, "Đang dàn trang")
    return html_to_pdf(html, progress=progress)
