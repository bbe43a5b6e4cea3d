"""Ranking dashboards: the league table with drill-down and its export, and one unit's history."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from accounts.selectors import review_units_for_user, unit_scope_for_user
from indicators.constants import PeriodKind
from indicators.dashboards.charts import Bar, bar_chart, line_chart
from indicators.dashboards.exports import league_table_csv, league_table_xlsx
from indicators.dashboards.reform import reform_predecessors, reform_successors
from indicators.dashboards.selectors import LeagueFiltersInvalid, league_table_get, unit_history
from indicators.dashboards.standing import unit_standing
from indicators.dashboards.tables import league_rows_html
from indicators.models import Period, RecomputeRequest, Scheme, Scorecard
from indicators.periods import period_short_label
from indicators.scoring import group_share
from indicators.selectors import completeness_for
from units.constants import BODY_KINDS, KIND_LEVEL, Edition, Level, UnitKind, cohort_label
from units.models import AdministrativeUnit
from units.selectors import unit_ancestors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ID = 2**63 - 1  # larger ids cannot exist and overflow SQLite


def _scheme(request: HttpRequest) -> tuple[Scheme | None, list[Scheme]]:
    schemes = list(Scheme.objects.order_by("valid_from", "code"))  # the national scheme first
    chosen = next((s for s in schemes if s.code == request.GET.get("scheme")), None)
    if chosen is None:
        with_data = Scheme.objects.filter(Exists(Scorecard.objects.filter(scheme=OuterRef("pk")))).values_list(
            "pk", flat=True
        )
        first = set(with_data)
        chosen = next((s for s in schemes if s.pk in first), schemes[0] if schemes else None)
    return chosen, schemes


def _periods(scheme: Scheme | None, kind: str | None) -> list[Period]:
    """Periods with scorecards under the scheme, each carrying its recompute status (no extra query)."""
    if scheme is None:
        return []
    status = RecomputeRequest.objects.filter(scheme=scheme, period=OuterRef("pk"))
    periods = Period.objects.filter(Exists(Scorecard.objects.filter(scheme=scheme, period=OuterRef("pk")))).annotate(
        recomputed_at=Subquery(status.values("finished_at")[:1]),
        # pending, or claimed by a run not yet finished (alive, or killed and about to be claimed again)
        recompute_pending=Exists(status.filter(Q(pending=True) | Q(claimed_until__isnull=False))),
        # "ranked" rather than "has a total": rank is in the (scheme, period, rank) index, so this stays cheap
        has_figures=Exists(Scorecard.objects.filter(scheme=scheme, period=OuterRef("pk"), rank__isnull=False)),
    )
    if kind:
        periods = periods.filter(kind=kind)
    return list(periods.order_by("kind", "-start"))


def _default_parent(scheme: Scheme, period: Period, scope) -> AdministrativeUnit | None:
    """The highest unit the user may see whose children have scorecards in the period (province, district…)."""
    ranked_children = Exists(Scorecard.objects.filter(scheme=scheme, period=period, unit__parent=OuterRef("pk")))
    return scope.filter(ranked_children).order_by("level", "name").first()


def _unit_with_ancestors(pk: int, scope) -> tuple[AdministrativeUnit, list[AdministrativeUnit]]:
    """A unit the user may see (else 404) and its ancestors, province first."""
    unit = scope.filter(pk=pk).first()
    if unit is None:
        raise Http404
    return unit, list(unit_ancestors(unit=unit))


@login_required
def league_table_view(request: HttpRequest) -> HttpResponse:
    """Rankings of a parent unit's children for a period, filtered and sorted by the shared filterset."""
    scheme, schemes = _scheme(request)
    kind = request.GET.get("period_kind") or None
    periods = _periods(scheme, kind)
    period = next((p for p in periods if p.key == request.GET.get("period")), None)
    if period is None:  # the latest month with figures: an open month has nothing to rank yet
        scored = [p for p in periods if p.has_figures] or periods
        period = next((p for p in scored if p.kind == PeriodKind.MONTH), scored[0] if scored else None)

    scope = unit_scope_for_user(user=request.user)
    parent, ancestors = None, []
    if request.GET.get("parent"):
        if not request.GET["parent"].isdigit() or int(request.GET["parent"]) > MAX_ID:
            raise Http404
        parent, ancestors = _unit_with_ancestors(int(request.GET["parent"]), scope)
    elif scheme and period:
        parent = _default_parent(scheme, period, scope)
        if parent is not None:
            ancestors = list(unit_ancestors(unit=parent))

    context = {"schemes": schemes, "scheme": scheme, "periods": periods, "period": period, "parent": parent}
    if parent is None and not request.GET.get("parent") and not review_units_for_user(user=request.user).exists():
        own = scope.order_by("level", "name").first()  # an officer's unit has no children to rank: show its own page
        if own is not None:
            return redirect("unit-detail", pk=own.pk)
    if not (scheme and period and parent):
        return render(request, "indicators/league_table.html", context)

    params = request.GET.copy()
    for key in ("scheme", "period", "parent"):
        params.pop(key, None)  # already applied above, with their defaults
    try:
        table = league_table_get(scheme=scheme, period=period, parent=parent, filters=params)
        filterset = table.filterset
    except LeagueFiltersInvalid as invalid:  # a stray filter value shows the whole table, not an error page
        table = league_table_get(scheme=scheme, period=period, parent=parent)
        filterset = invalid.filterset
    title = f"Kết quả {period.label.lower()} – {parent.full_name}"

    if request.GET.get("format") == "xlsx":
        response = HttpResponse(league_table_xlsx(table, title=title), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="xep-hang-{slugify(parent.name)}-{period.key}.xlsx"'
        return response
    if request.GET.get("format") == "csv":
        response = HttpResponse(league_table_csv(table, title=title), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="xep-hang-{slugify(parent.name)}-{period.key}.csv"'
        return response

    own = Scorecard.objects.filter(scheme=scheme, period=period, unit=parent).select_related("classification").first()
    # What every link on the page keeps: the resolved scheme, period and parent, and the filters.
    query = request.GET.copy()
    for key in ("sort", "format"):
        query.pop(key, None)
    query["scheme"], query["period"], query["parent"] = scheme.code, period.key, str(parent.pk)
    context |= {
        "table": table,
        "rows_html": league_rows_html(table, scheme=scheme, period=period),
        "title": title,
        "own": own,
        "completeness": completeness_for(scheme=scheme, period=period, parent=parent),
        "filterset": filterset,
        "sort": params.get("sort", "rank"),
        "ancestors": ancestors,
        "keep": query.urlencode(),
        "sort_links": (links := _sort_links(query.urlencode(), params.get("sort", "rank"), table.groups)),
        "group_sort_links": [(g, links[f"g_{g.code}"]) for g in table.groups],
        "period_kind": kind or "",
        "unit_kinds": _child_kinds(parent),
    }
    return render(request, "indicators/league_table.html", context)


def _child_kinds(parent: AdministrativeUnit) -> list[tuple[str, str]]:
    """Kinds a parent's children can be (the next level, plus departments under a district), for the filter."""
    # Since 1/7/2025 a province's children are its communes and, ranked apart, its sở, ban, ngành.
    two_tier = parent.level == Level.PROVINCE and parent.edition == Edition.Y2025
    child_level = Level.COMMUNE if two_tier else parent.level + 1
    kinds = [(k, label) for k, label in UnitKind.choices if KIND_LEVEL[k] == child_level and k not in BODY_KINDS]
    if parent.level == Level.DISTRICT:
        kinds.append((UnitKind.DEPARTMENT, UnitKind.DEPARTMENT.label))
    if two_tier:
        kinds.append((UnitKind.PROVINCIAL_BODY, UnitKind.PROVINCIAL_BODY.label))
    return kinds


@dataclass(frozen=True)
class SortLink:
    """A column heading's link, and whether the table is sorted by it now (an arrow and `aria-sort` say so)."""

    url: str
    direction: str = ""  # "ascending", "descending" or "" when the table is not sorted by this column

    @property
    def arrow(self) -> str:
        return {"ascending": " ▲", "descending": " ▼"}.get(self.direction, "")

    @property
    def title(self) -> str:
        words = {"ascending": "tăng dần", "descending": "giảm dần"}
        if self.direction:
            return f"Đang sắp xếp {words[self.direction]}; bấm để đảo chiều"
        return "Bấm để sắp xếp theo cột này"


def _sort_links(keep: str, current: str, groups) -> dict[str, SortLink]:
    """Each column's link: sorts by it, or reverses the order when it is already the sort column."""
    defaults_descending = {"total", "delta_points", "delta_rank", "class"}
    keys = ["rank", "unit", "total", "class", "delta_points", "delta_rank"] + [f"group:{g.code}" for g in groups]
    links = {}
    for key in keys:
        first = f"-{key}" if key in defaults_descending or key.startswith("group:") else key
        flipped = key if current == f"-{key}" else f"-{key}"
        target = flipped if current.lstrip("-") == key else first
        direction = ""
        if current.lstrip("-") == key:
            direction = "descending" if current.startswith("-") else "ascending"
        url = f"?{keep}&sort={target}" if keep else f"?sort={target}"
        links[key.replace("group:", "g_")] = SortLink(url=url, direction=direction)
    return links


@login_required
def unit_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One unit: its trend across periods (total and per group), its rank history and its scorecards."""
    scope = unit_scope_for_user(user=request.user)
    unit, ancestors = _unit_with_ancestors(pk, scope)
    scheme, schemes = _scheme(request)
    kind = request.GET.get("period_kind") or PeriodKind.MONTH
    cards = unit_history(unit_id=unit.pk, scheme=scheme, period_kind=kind) if scheme else []
    labels = [period_short_label(c.period.key) for c in cards]
    dates = [c.period.start for c in cards]  # spaced by time: a gap of two years shows as one
    links = set(
        scope.filter(
            pk__in=[*unit.merged_from.values_list("pk", flat=True), *unit.merged_into.values_list("pk", flat=True)]
        ).values_list("pk", flat=True)
    )
    before = reform_predecessors(unit=unit, scheme=scheme, period_kind=kind, visible_ids=links)
    after = reform_successors(unit=unit, visible_ids=links)
    charts = {}
    with_cards = [link for link in before if link.cards]
    if with_cards:
        keys = sorted({c.period.key: c.period.start for link in with_cards for c in link.cards}.items())
        charts["before"] = line_chart(
            [period_short_label(key) for key, _start in keys],
            {
                link.unit.full_name: [
                    next((c.converted_total for c in link.cards if c.period.key == key), None) for key, _start in keys
                ]
                for link in with_cards
            },
            title=f"Trước sắp xếp: các đơn vị hợp thành {unit.full_name}",
            y_max=100,
            dates=[start for _key, start in keys],
        )
    if cards:
        groups = list(scheme.groups.order_by("order"))
        per_group = {g.pk: [] for g in groups}
        for card in cards:  # each group as a share of its maximum, so groups of 10 and 22 points compare
            scores = {gs.group_id: gs for gs in card.group_scores.all()}
            for group in groups:
                score = scores.get(group.pk)
                per_group[group.pk].append(group_share(score.points, score.applicable_max) if score else None)
        charts["total"] = line_chart(
            labels, {"Điểm tổng": [c.converted_total for c in cards]}, title="Điểm tổng", y_max=100, dates=dates
        )
        charts["groups"] = line_chart(
            labels,
            {g.short_name or g.name: per_group[g.pk] for g in groups},
            title="Điểm từng nhóm chỉ số (% điểm tối đa)",
            y_max=100,
            height=280,
            dates=dates,
        )
        ranks = [c.rank for c in cards]
        if any(ranks):
            charts["rank"] = line_chart(
                labels,
                {"Thứ hạng": ranks},
                title="Lịch sử xếp hạng (1 ở trên cùng)",
                inverted=True,
                y_max=max(c.rank_of or 1 for c in cards),
                dates=dates,
                whole_numbers=True,
            )
        latest = cards[-1]
        scores = {gs.group_id: gs for gs in latest.group_scores.all()}
        charts["latest"] = bar_chart(
            [
                Bar(
                    g.short_name or g.name,
                    scores[g.pk].points if g.pk in scores else None,
                    scores[g.pk].applicable_max if g.pk in scores else g.max_points,
                )
                for g in groups
            ],
            title=f"{latest.period.label}: điểm từng nhóm",
        )
    return render(
        request,
        "indicators/unit_detail.html",
        {
            "unit": unit,
            "scheme": scheme,
            "schemes": schemes,
            "cards": list(reversed(cards)),
            "charts": charts,
            "period_kind": kind,
            "ancestors": ancestors,
            "before": before,
            "after": after,
            "cohort": cohort_label(kind=unit.kind, edition=unit.edition),
            "standing": unit_standing(user=request.user, unit=unit),
        },
    )
