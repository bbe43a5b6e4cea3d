"""Importing a period's score table in the browser: upload, preview (a dry run of the real import), confirm.

The preview and the confirmation both call `indicators.services.scores_import`, the command line's importer:
the preview runs it with `dry_run=True` (everything, recompute included, in a rolled-back transaction), so what
is shown is what the confirmation writes. Only reviewers (district and provincial staff, administrators) import,
and only for the units `accounts.selectors.import_parents_for_user` gives them.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.selectors import import_parents_for_user
from indicators.imports.counts import counts_scheme
from indicators.imports.forms import ScoresUploadForm, period_from_text
from indicators.imports.reading import ImportFileError, column_letter, read_rows
from indicators.imports.services import ImportReport, ScoresImportError, scores_import
from indicators.imports.template import import_template_xlsx
from indicators.imports.uploads import upload_discard, upload_path, upload_store
from indicators.models import Scheme
from indicators.periods import PeriodKeyError, period_label
from indicators.schemes import scheme_spec_load
from indicators.services import period_get_or_create
from units.collation import vietnamese_key
from units.models import AdministrativeUnit
from units.selectors import unit_children

SESSION_KEY = "score_imports"
MATCH_LABELS = {
    "code": "theo mã",
    "exact": "khớp tên",
    "parent": "đơn vị cấp trên",
    "folded": "khớp khi bỏ dấu – hãy kiểm tra",
    "ambiguous": "khớp nhiều đơn vị – hãy chọn",
    "missing": "không tìm thấy – hãy chọn",
    "chosen": "do bạn chọn",
}


def _parents(request: HttpRequest):
    parents = import_parents_for_user(user=request.user)
    if not parents.exists():
        raise PermissionDenied(_("Chỉ chuyên viên cấp huyện, cấp tỉnh và quản trị viên được nhập bảng điểm từ tệp."))
    return parents


@login_required
@require_http_methods(["GET", "POST"])
def scores_upload(request: HttpRequest) -> HttpResponse:
    """The upload form; a valid upload is stored under its SHA-256 and the preview opens."""
    parents = _parents(request)
    form = ScoresUploadForm(request.POST or None, request.FILES or None, parents=parents)
    if request.method == "POST" and form.is_valid():
        sha256, path = upload_store(upload=form.cleaned_data["file"])
        pending = dict(request.session.get(SESSION_KEY, {}))
        pending[sha256] = {
            "name": path.name,
            "scheme": form.cleaned_data["scheme"].pk,
            "period": form.cleaned_data["period"],
            "parent": form.cleaned_data["parent"].pk,
        }
        request.session[SESSION_KEY] = pending
        return redirect("scores-import-preview", sha256=sha256)
    return render(request, "indicators/import_upload.html", {"form": form})


@login_required
def scores_template(request: HttpRequest) -> HttpResponse:
    """The .xlsx template for the chosen scheme, period and parent, with the headers the importer reads."""
    parents = _parents(request)
    scheme = Scheme.objects.filter(
        pk=request.GET.get("scheme", "") if request.GET.get("scheme", "").isdigit() else None
    )
    parent_id = request.GET.get("parent", "")
    parent = parents.filter(pk=parent_id).first() if parent_id.isdigit() else None
    try:
        period_key = period_from_text(request.GET.get("period", ""))
    except PeriodKeyError as exc:
        messages.error(request, str(exc))
        return redirect("scores-import")
    if not scheme.exists() or parent is None:
        messages.error(request, _("Hãy chọn bộ chỉ số và đơn vị cấp trên trước khi tải tệp mẫu."))
        return redirect("scores-import")
    content = import_template_xlsx(scheme=scheme.get(), period_key=period_key, parent=parent)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="mau-bang-diem-{parent.code}-{period_key}.xlsx"'
    return response


ROW_OF_ERROR = re.compile(r"^Dòng (\d+)")
COLUMN_OF_ERROR = re.compile(r"cột ([A-Z]{1,3})\b")
ERROR_ROWS_MAX = 300


def _error_rows(path: Any, errors: list[str]) -> tuple[list[str], list[dict[str, Any]]]:
    """The file's rows that have errors, with each message beside its row and the cell it names marked, so the
    errors read in the table rather than in a list apart. Errors without a row stay in the list above."""
    by_row: dict[int, list[str]] = {}
    for error in errors:
        match = ROW_OF_ERROR.match(error)
        if match:
            by_row.setdefault(int(match.group(1)), []).append(error)
    if not by_row:
        return [], []
    try:
        rows = read_rows(path)
    except ImportFileError:
        return [], []
    header = next((r for r in rows if any(r)), [])
    width = max((len(r) for r in rows), default=0)
    out = []
    for number in sorted(by_row)[:ERROR_ROWS_MAX]:
        cells = (rows[number - 1] if 0 < number <= len(rows) else []) + [""] * width
        letters = {m.group(1) for e in by_row[number] for m in COLUMN_OF_ERROR.finditer(e)}
        out.append(
            {
                "number": number,
                "cells": [(text, column_letter(i) in letters) for i, text in enumerate(cells[:width])],
                "errors": by_row[number],
            }
        )
    return header + [""] * (width - len(header)), out


def _pending(request: HttpRequest, sha256: str) -> dict[str, Any]:
    """The upload this session previewed, re-checked against the user's rights now."""
    info = request.session.get(SESSION_KEY, {}).get(sha256)
    if info is None:
        raise Http404
    parent = get_object_or_404(_parents(request), pk=info["parent"])
    return {
        "sha256": sha256,
        "name": info["name"],
        "scheme": get_object_or_404(Scheme, pk=info["scheme"]),
        "period_key": info["period"],
        "period_label": period_label(info["period"]),
        "parent": parent,
        "path": upload_path(sha256=sha256, name=info["name"]),
    }


def _choices(parent: AdministrativeUnit) -> list[AdministrativeUnit]:
    return sorted([parent, *unit_children(unit=parent)], key=lambda u: (u.pk != parent.pk, vietnamese_key(u.name)))


def _overrides(data: QueryDict, choices: list[AdministrativeUnit]) -> dict[int, AdministrativeUnit]:
    """`unit_<row>=<unit id>` fields of the preview's selects; units outside the parent are ignored."""
    by_pk = {str(u.pk): u for u in choices}
    overrides = {}
    for key, value in data.items():
        if key.startswith("unit_") and key[5:].isdigit() and value in by_pk:
            overrides[int(key[5:])] = by_pk[value]
    return overrides


def _run(
    pending: dict[str, Any], *, overrides: dict[int, AdministrativeUnit], user: Any, dry_run: bool, reason: str = ""
) -> Any:
    """The import itself; a preview rolls back even the period it may have created. `reason` is the one a user
    with the reopen right gives to import over locked scorecards (refused without it)."""
    with transaction.atomic():
        period = period_get_or_create(key=pending["period_key"])
        try:
            return scores_import(
                path=pending["path"],
                scheme=pending["scheme"],
                period=period,
                parent=pending["parent"],
                dry_run=dry_run,
                user=user,
                unit_overrides=overrides,
                reopen_reason=reason,
            )
        finally:
            if dry_run:
                transaction.set_rollback(True)


def _expired(request: HttpRequest) -> HttpResponse:
    messages.error(request, _("Tệp tải lên đã hết hạn hoặc đã được nhập. Hãy tải tệp lên lại."))
    return redirect("scores-import")


@login_required
@require_http_methods(["GET", "POST"])
def scores_import_preview(request: HttpRequest, sha256: str) -> HttpResponse:
    """Rows matched to units, the values to store, published against computed totals, and every problem.

    POST only re-runs the preview with the units chosen in its selects (nothing is written)."""
    pending = _pending(request, sha256)
    if pending["path"] is None:
        return _expired(request)
    choices = _choices(pending["parent"])
    data = request.POST if request.method == "POST" else request.GET
    overrides = _overrides(data, choices)
    reason = data.get("reopen_reason", "").strip()
    report: ImportReport | None = None
    problem: ScoresImportError | None = None
    try:
        report = _run(pending, overrides=overrides, user=request.user, dry_run=True, reason=reason)
    except ScoresImportError as exc:
        problem = exc
    rows = report.rows if report else (problem.rows if problem else [])
    counts = counts_scheme(scheme_spec_load(pending["scheme"]))
    codes = report.codes if report else list(dict.fromkeys(code for r in rows for code in r.values))
    error_header, error_rows = _error_rows(pending["path"], problem.errors) if problem else ([], [])
    context = {
        **pending,
        "error_header": error_header,
        "error_rows": error_rows,
        "report": report,
        "counts": counts,  # numerators and denominators only: no totals or classes to compare
        "reopen_reason": reason,
        "codes": codes,
        "locked_rows": [r for r in rows if r.lock and r.changed],
        "errors": problem.errors if problem else [],
        "warnings": problem.warnings if problem else report.warnings,
        "choices": choices,
        "overrides": {number: unit.pk for number, unit in overrides.items()},
        "unsure": [{"item": u, "label": MATCH_LABELS[u.status]} for u in (problem.unsure if problem else [])],
        "rows": [
            {
                "row": r,
                "cells": [r.values.get(c, "") for c in codes],
                "unsure": r.match in {"folded", "chosen"},
                "label": MATCH_LABELS.get(r.match, ""),
            }
            for r in rows
        ],
    }
    return render(request, "indicators/import_preview.html", context)


@login_required
@require_POST
def scores_import_confirm(request: HttpRequest, sha256: str) -> HttpResponse:
    """Write all rows in one transaction (the importer recomputes and records each change), or nothing."""
    pending = _pending(request, sha256)
    if pending["path"] is None:
        return _expired(request)
    overrides = _overrides(request.POST, _choices(pending["parent"]))
    reason = request.POST.get("reopen_reason", "").strip()
    try:
        report = _run(pending, overrides=overrides, user=request.user, dry_run=False, reason=reason)
    except ScoresImportError as exc:
        messages.error(
            request, _("Tệp có %(count)d lỗi, chưa ghi gì. Xem danh sách lỗi bên dưới.") % {"count": len(exc.errors)}
        )
        fields: dict[str, Any] = {f"unit_{number}": unit.pk for number, unit in overrides.items()}
        if reason:
            fields["reopen_reason"] = reason
        query = urlencode(fields)
        return redirect(reverse("scores-import-preview", args=[sha256]) + (f"?{query}" if query else ""))
    upload_discard(sha256=sha256)
    remaining = dict(request.session.get(SESSION_KEY, {}))
    remaining.pop(sha256, None)
    request.session[SESSION_KEY] = remaining
    messages.success(
        request,
        _("Đã nhập %(rows)d dòng của tệp %(name)s cho %(period)s: %(changed)d phiếu điểm thay đổi.")
        % {
            "rows": len(report.rows),
            "name": pending["name"],
            "period": pending["period_label"].lower(),
            "changed": report.changed_count,
        },
    )
    query = urlencode(
        {"scheme": pending["scheme"].code, "period": pending["period_key"], "parent": pending["parent"].pk}
    )
    return redirect(f"{reverse('league-table')}?{query}")
