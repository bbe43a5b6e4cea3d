"""The portal pages: status of fetches, upload → preview (a dry run of the real import) → confirm, and the
reconciliation of computed against published points. Only provincial staff and administrators use them, for the
provinces their memberships reach; the national summary (all provinces) only administrators import."""

from __future__ import annotations

import csv
import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.selectors import import_parents_for_user, is_administrator
from indicators.imports.uploads import upload_discard, upload_path, upload_store
from indicators.models import Period
from indicators.periods import period_label
from indicators.portal.constants import SUMMARY
from indicators.portal.forms import PortalUploadForm, ReconcileForm
from indicators.portal.matching import PROVINCE_KINDS
from indicators.portal.selectors import portal_fetch_list, portal_reconcile_rows, province_national_rank
from indicators.portal.services import PortalImportError, portal_import
from indicators.selectors import scheme_for_period
from indicators.services import period_get_or_create

SESSION_KEY = "portal_uploads"
HOW_LABELS = {"portal_id": "theo mã Cổng", "exact": "khớp tên", "created": "tạo mới", "province": "tỉnh"}


def _provinces(request: HttpRequest):
    provinces = import_parents_for_user(user=request.user).filter(kind__in=PROVINCE_KINDS)
    if not provinces.exists():
        raise PermissionDenied(_("Chỉ chuyên viên cấp tỉnh và quản trị viên dùng dữ liệu Cổng DVCQG."))
    return provinces


@login_required
def portal_home(request: HttpRequest) -> HttpResponse:
    """The last fetches (running, done, failed, with their message) and links to upload and reconcile."""
    _provinces(request)
    return render(request, "portal/home.html", {"fetches": portal_fetch_list()})


@login_required
@require_http_methods(["GET", "POST"])
def portal_upload(request: HttpRequest) -> HttpResponse:
    form = PortalUploadForm(request.POST or None, request.FILES or None, provinces=_provinces(request))
    if request.method == "POST" and form.is_valid():
        stored = [upload_store(upload=upload) for upload in form.cleaned_data["files"]]
        token = hashlib.sha256("".join(sha for sha, _p in stored).encode()).hexdigest()
        pending = dict(request.session.get(SESSION_KEY, {}))
        pending[token] = {
            "files": [[sha, path.name] for sha, path in stored],
            "period": form.cleaned_data["period"],
            "province": form.cleaned_data["province"].pk,
        }
        request.session[SESSION_KEY] = pending
        return redirect("portal-preview", token=token)
    return render(request, "portal/upload.html", {"form": form})


def _pending(request: HttpRequest, token: str) -> dict[str, Any] | None:
    info = request.session.get(SESSION_KEY, {}).get(token)
    if info is None:
        raise Http404
    province = _provinces(request).filter(pk=info["province"]).first()
    if province is None:
        raise Http404
    files = []
    for sha, name in info["files"]:
        path = upload_path(sha256=sha, name=name)
        if path is None:
            return None
        files.append((name, path.read_bytes()))
    return {"token": token, "files": files, "province": province, "period_key": info["period"], "shas": info["files"]}


def _run(request: HttpRequest, pending: dict[str, Any], *, dry_run: bool):
    with transaction.atomic():
        period = period_get_or_create(key=pending["period_key"])
        try:
            report = portal_import(
                files=pending["files"], period=period, province=pending["province"], dry_run=dry_run, user=request.user
            )
            if any(f.endpoint == SUMMARY for f in report.files) and not is_administrator(user=request.user):
                raise PortalImportError([_("Chỉ quản trị viên nhập bảng tổng hợp toàn quốc (service-results).")])
            return report
        except PortalImportError:
            transaction.set_rollback(True)
            raise
        finally:
            if dry_run:
                transaction.set_rollback(True)


@login_required
def portal_preview(request: HttpRequest, token: str) -> HttpResponse:
    pending = _pending(request, token)
    if pending is None:
        messages.error(request, _("Tệp tải lên đã hết hạn hoặc đã được nhập. Hãy tải lên lại."))
        return redirect("portal-upload")
    report, errors = None, []
    try:
        report = _run(request, pending, dry_run=True)
    except PortalImportError as exc:
        errors = exc.errors
    rows = []
    for item in report.units if report else []:
        groups = [
            {
                "code": g,
                "computed": item.computed.get(g),
                "published": item.published.get(g),
                "differs": item.computed.get(g) != item.published.get(g),
            }
            for g in report.groups
        ]
        rows.append({"item": item, "how": HOW_LABELS.get(item.how, item.how), "groups": groups})
    context = {
        **pending,
        "report": report,
        "errors": errors,
        "rows": rows,
        "period_label": period_label(pending["period_key"]),
    }
    return render(request, "portal/preview.html", context)


@login_required
@require_POST
def portal_confirm(request: HttpRequest, token: str) -> HttpResponse:
    pending = _pending(request, token)
    if pending is None:
        return redirect("portal-upload")
    try:
        report = _run(request, pending, dry_run=False)
    except PortalImportError:
        messages.error(request, _("Dữ liệu có lỗi, chưa ghi gì."))
        return redirect("portal-preview", token=token)
    for sha, _name in pending["shas"]:
        upload_discard(sha256=sha)
    remaining = dict(request.session.get(SESSION_KEY, {}))
    remaining.pop(token, None)
    request.session[SESSION_KEY] = remaining
    messages.success(
        request,
        _("Đã nhập %(files)d tệp của Cổng DVCQG: %(units)d đơn vị, %(changed)d phiếu điểm thay đổi.")
        % {"files": len(report.files), "units": len(report.units), "changed": report.changed_count},
    )
    query = f"?province={pending['province'].pk}&period={pending['period_key']}&scheme={report.scheme.pk}"
    return redirect(reverse("portal-reconcile") + query)


@login_required
def portal_reconcile(request: HttpRequest) -> HttpResponse:
    """Per unit and group, computed against published points (and the portal's data-quality flags); ?format=csv."""
    form = ReconcileForm(request.GET or None, provinces=_provinces(request))
    context: dict[str, Any] = {"form": form, "rows": [], "rank": ""}
    if form.is_valid():
        period = Period.objects.filter(key=form.cleaned_data["period"]).first()
        if period is None:
            form.add_error("period", _("Chưa có dữ liệu nào cho kỳ này."))
            return render(request, "portal/reconcile.html", context)
        province = form.cleaned_data["province"]
        scheme = form.cleaned_data["scheme"] or scheme_for_period(period=period)
        rows = portal_reconcile_rows(province=province, period=period, scheme=scheme)
        if request.GET.get("format") == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="doi-chieu-{province.code}-{period.key}.csv"'
            writer = csv.writer(response)
            writer.writerow(["unit_code", "unit_name", "portal_code", "group", "computed", "published", "difference"])
            for r in rows:
                writer.writerow(
                    [r.unit.code, r.unit.full_name, r.portal_code, r.group, r.computed, r.published, r.difference]
                )
            return response
        context.update(
            rows=rows,
            differ=sum(1 for r in rows if r.difference),
            province=province,
            period=period,
            scheme=scheme,
            rank=province_national_rank(province=province, period=period, scheme=scheme),
        )
    return render(request, "portal/reconcile.html", context)
