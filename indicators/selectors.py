"""Read access to scorecards and periods; every page, command and export reads through here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from indicators.constants import DraftRanking, ScorecardStatus
from indicators.models import Period, Scheme, Scorecard
from indicators.scheme_data import NATIONAL_SCHEMES
from units.models import AdministrativeUnit


def scheme_get(*, code: str) -> Scheme:
    """A scheme by code, or a Vietnamese error naming the codes that exist."""
    try:
        return Scheme.objects.get(code=code)
    except Scheme.DoesNotExist:
        known = ", ".join(Scheme.objects.values_list("code", flat=True))
        raise Scheme.DoesNotExist(f"Không có bộ chỉ số “{code}”. Các bộ chỉ số hiện có: {known}.") from None


def scorecard_list(
    *, scheme: Scheme, period: Period, parent: AdministrativeUnit | None = None, children_only: bool = False
) -> QuerySet[Scorecard]:
    """Scorecards of a period, under `parent` (its whole subtree, or only its direct children)."""
    queryset = Scorecard.objects.filter(scheme=scheme, period=period)
    if parent is not None:
        if children_only:
            queryset = queryset.filter(unit__parent=parent)
        else:
            queryset = queryset.filter(unit__path__startswith=parent.path)
    return queryset


# Handed in: a rank over these alone is not provisional.
FINAL_STATUSES = (ScorecardStatus.SUBMITTED, ScorecardStatus.APPROVED)


@dataclass(frozen=True)
class Completeness:
    """How final a league table's basis is: how many children have a scorecard, and how many are submitted or
    approved. A rank over drafts is provisional, and the page, the API and every report say so."""

    units: int  # children that could have a scorecard (departments included)
    cards: int
    draft: int  # draft or returned: not yet handed in
    submitted: int
    approved: int
    draft_ranking: str  # the scheme's setting: drafts ranked and marked, or left out

    @property
    def final(self) -> int:
        return self.submitted + self.approved

    @property
    def all_approved(self) -> bool:
        return self.cards > 0 and self.approved == self.cards

    @property
    def sentence(self) -> str:
        """ "Số liệu: 13 phiếu điểm, 0 đã nộp, 0 đã duyệt, 13 chưa nộp (xếp hạng tạm thời)."."""
        text = (
            f"Số liệu: {self.cards} phiếu điểm, {self.submitted} đã nộp chờ duyệt, {self.approved} đã duyệt, "
            f"{self.draft} chưa nộp"
        )
        if self.all_approved:
            return text + "."
        if self.draft and self.draft_ranking == DraftRanking.EXCLUDE:
            return text + "; phiếu chưa nộp không được xếp hạng."
        if self.draft:
            return text + "; thứ hạng có phiếu chưa nộp là tạm thời."
        return text + "; kết quả chưa được duyệt hết."

    def as_dict(self) -> dict[str, int | str | bool]:
        return {
            "units": self.units,
            "cards": self.cards,
            "draft": self.draft,
            "submitted": self.submitted,
            "approved": self.approved,
            "all_approved": self.all_approved,
            "draft_ranking": self.draft_ranking,
            "sentence": self.sentence,
        }


def completeness_for(*, scheme: Scheme, period: Period, parent: AdministrativeUnit) -> Completeness:
    """Per status, the scorecards of `parent`'s children for a period, and how many children there are (one query:
    the league table page keeps a fixed number of queries)."""

    def cards(*statuses: str) -> Count:
        return Count(
            "scorecards",
            filter=Q(scorecards__scheme=scheme, scorecards__period=period, scorecards__status__in=statuses),
        )

    counts = AdministrativeUnit.objects.filter(parent=parent).aggregate(
        units=Count("pk", distinct=True),
        draft=cards(ScorecardStatus.DRAFT, ScorecardStatus.RETURNED),
        submitted=cards(ScorecardStatus.SUBMITTED),
        approved=cards(ScorecardStatus.APPROVED),
    )
    return Completeness(
        units=counts["units"],
        cards=counts["draft"] + counts["submitted"] + counts["approved"],
        draft=counts["draft"],
        submitted=counts["submitted"],
        approved=counts["approved"],
        draft_ranking=scheme.draft_ranking,
    )


def scheme_in_force(*, on: date) -> Scheme | None:
    """The national scheme in force on a day (qd766 until 2025, the portal's 2026 rules after), if installed.

    Only national versions are candidates, so a provincial variant is never a silent default."""
    return (
        Scheme.objects.filter(code__in=[d["code"] for d in NATIONAL_SCHEMES], valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
        .first()
    )


def scheme_for_period(*, period: Period) -> Scheme:
    """The national scheme in force on the period's first day; a period without one is an error worth saying."""
    scheme = scheme_in_force(on=period.start)
    if scheme is None:
        raise Scheme.DoesNotExist(f"Không có bộ chỉ số quốc gia nào có hiệu lực cho {period.label.lower()}.")
    return scheme
