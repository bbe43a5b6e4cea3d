"""Report pages: list and create, edit and issue a draft, progress of the PDF, download, sign, verify a PDF.

Every lookup starts from reports.selectors, so a report outside the user's units is a 404, never a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from accounts.selectors import may_issue_for, may_sign_for
from reports import services, signatures
from reports.editing import preview_html, redraft_changes, report_with_edits
from reports.forms import ReportCreateForm, ReportEditForm, SignConfirmForm, VerifyForm
from reports.models import Report, TrustedRoot
from reports.selectors import (
    can_manage_report,
    report_create_defaults,
    report_list_for_user,
    report_next_number,
    report_units_for_user,
)
from reports.signing import SigningError, pdf_verify


@login_required
@require_http_methods(["GET", "POST"])
def report_list_view(request: HttpRequest) -> HttpResponse:
    """The user's reports, and the form that drafts a new one."""
    units = report_units_for_user(user=request.user)
    initial = report_create_defaults(user=request.user, units=units)
    form = ReportCreateForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_draft(
                issuing_unit=form.cleaned_data["unit"],
                scheme=form.cleaned_data["scheme"],
                period=form.cleaned_data["period"],
                kind=form.cleaned_data["kind"],
                body_kind=form.cleaned_data["body_kind"],
                by=request.user,
            )
        except services.ReportError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Đã soạn dự thảo báo cáo từ số liệu; hãy xem lại nội dung trước khi ban hành.")
            return redirect("report-detail", pk=report.pk)
    reports = report_list_for_user(user=request.user).order_by("-created_at")[:100]
    return render(request, "reports/list.html", {"form": form, "reports": reports})


def _report(request: HttpRequest, pk: int) -> Report:
    return get_object_or_404(report_list_for_user(user=request.user), pk=pk)


CONFIRMED_ACTIONS = {"redraft", "issue", "sign"}  # never done by one stray click: a confirmation page first


def _confirm_page(request: HttpRequest, report: Report, action: str, *, confirm=None) -> HttpResponse:
    """What the action will do (and, for a redraft, every line of text it replaces), with a confirm button."""
    context: dict = {"report": report, "action": action}
    if action == "redraft":
        context["changes"] = redraft_changes(report=report)[1]
    elif action == "issue":
        context["next_number"] = f"{report_next_number(report=report):02d}/{report.symbol}"
    elif action == "sign":
        context["certificate"] = signatures.certificate_for(report)
        context["confirm"] = confirm or SignConfirmForm(request=request)
    return render(request, "reports/confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a draft's header and text beside its live preview; render, issue and sign it after confirming."""
    report = _report(request, pk)
    manage = can_manage_report(user=request.user, report=report)
    form = ReportEditForm(request.POST or None, instance=report) if report.is_editable else None
    if request.method == "POST":
        if not manage:
            raise Http404
        action = request.POST.get("action", "save")
        try:
            if action in {"save", "render", "issue", "redraft"} and form is not None and "editor" in request.POST:
                # The editor's values are saved first, whatever follows: a confirmation never loses typing.
                if not form.is_valid():
                    return render(request, "reports/detail.html", _detail_context(request, report, form=form))
                report = services.report_update(report=report, fields=form.header(), sections=form.sections())
            if action in CONFIRMED_ACTIONS and request.POST.get("confirm") != "1":
                return _confirm_page(request, report, action)
            if action == "redraft":
                services.report_redraft(report=report)
                messages.success(request, "Đã cập nhật số liệu và soạn lại nội dung.")
            elif action == "render":
                services.report_generate_request(report=report)
            elif action == "issue":
                confirmed = request.POST.get("confirm_incomplete") == "1"
                report = services.report_issue(report=report, by=request.user, confirm_incomplete=confirmed)
                if report.number:
                    messages.success(request, f"Đã ban hành báo cáo số {report.number_text}.")
                else:  # the worker renders the document; the number comes with the stored file
                    messages.info(request, "Đang ban hành: số văn bản được cấp khi tệp PDF bản ban hành tạo xong.")
            elif action == "sign":
                confirm = SignConfirmForm(request.POST, request=request)
                if not confirm.is_valid():  # the signer confirms with their own password, on the confirmation page
                    return _confirm_page(request, report, action, confirm=confirm)
                signatures.report_sign(report=report, by=request.user)
                messages.success(request, "Đã ký số báo cáo.")
            else:
                messages.success(request, "Đã lưu.")
        except (services.ReportError, SigningError) as exc:
            messages.error(request, str(exc))
        return redirect("report-detail", pk=report.pk)
    return render(request, "reports/detail.html", _detail_context(request, report, form=form))


def _detail_context(request: HttpRequest, report: Report, *, form=None, confirm=None) -> dict:
    """What the detail page shows, and which of "Ban hành" and "Ký số" this user may press (accounts.selectors)."""
    return {
        "report": report,
        "form": form,
        "manage": can_manage_report(user=request.user, report=report),
        "may_issue": may_issue_for(user=request.user, unit=report.issuing_unit),
        "may_sign": may_sign_for(user=request.user, unit=report.issuing_unit),
        "certificate": signatures.certificate_for(report),
        "busy": services.report_render_busy(report),
        "restartable": services.report_render_restartable(report),
    }


@login_required
@require_http_methods(["GET", "POST"])
def report_preview_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The page as it will print, as HTML: the saved report (GET), or with the editor's unsaved values (POST)."""
    report = _report(request, pk)
    if request.method == "POST" and report.is_editable:
        form = ReportEditForm(request.POST, instance=Report.objects.get(pk=report.pk))
        if form.is_valid():
            report = report_with_edits(report=report, fields=form.header(), sections=form.sections())
    response = HttpResponse(preview_html(report))
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response


@login_required
def report_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the detail page polls (htmx) while the PDF is being made."""
    report = _report(request, pk)
    return render(request, "reports/_status.html", {"report": report, "busy": services.report_render_busy(report)})


@login_required
def report_download_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    try:
        content = services.report_file_bytes(report)
    except services.ReportError as exc:
        messages.error(request, str(exc))
        return redirect("report-detail", pk=report.pk)
    response = HttpResponse(content, content_type="application/pdf")
    number = f"{report.number:02d}" if report.number else "du-thao"
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{number}-{report.period.key}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    """Any PDF: are its signatures intact, who signed and when, and is the signer trusted by the configured roots."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        roots = list(TrustedRoot.objects.values_list("pem", flat=True))
        result = pdf_verify(form.cleaned_data["file"].read(), trust_roots_pem=roots)
    return render(request, "reports/verify.html", {"form": form, "result": result, "list_url": reverse("report-list")})
