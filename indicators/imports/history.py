"""What an import changes on one scorecard, as the preview lists it and the change log records it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from audit.constants import EventKind
from audit.services import audit_record
from indicators.formatting import number_vi
from indicators.models import Scorecard


def import_changes(
    before: dict[str, str], after: dict[str, str], before_total: Decimal | None, after_total: Decimal | None
) -> list[tuple[str, str, str]]:
    """(code, old, new) for every item the row changes, as the preview and the change log show them."""
    items = [
        (code, before.get(code, ""), after.get(code, ""))
        for code in sorted(set(before) | set(after))
        if before.get(code) != after.get(code)
    ]
    if before_total != after_total:
        items.append(("Điểm tổng công bố", number_vi(before_total), number_vi(after_total)))
    return items


def import_audit(
    scorecard: Scorecard,
    user: Any,
    before: dict[str, str],
    after: dict[str, str],
    published_before: tuple[Decimal | None, str],
    source: dict[str, str],
    row_number: int,
    *,
    override: str = "",
    lock: str = "",
) -> None:
    """One event per changed scorecard (its changed items before and after), one for a changed published total
    and one for a changed published class; an override of a lock carries its reason in each."""
    before_total, before_class = published_before
    changed = sorted(code for code in set(before) | set(after) if before.get(code) != after.get(code))
    reason = f"Nhập tệp {source['file']}, dòng {row_number}"
    details: dict[str, Any] = {**source, "row": row_number}
    if override:
        reason = f"{override} (nhập đè {lock}; tệp {source['file']}, dòng {row_number})"
        details["lock_override"] = lock
    username = source.get("actor", "")
    if changed:
        audit_record(
            kind=EventKind.IMPORT,
            user=user,
            scorecard=scorecard,
            field=f"{len(changed)} mục",
            target=", ".join(changed),
            before="; ".join(f"{code}: {before.get(code) or '–'}" for code in changed),
            after="; ".join(f"{code}: {after.get(code) or '–'}" for code in changed),
            reason=reason,
            details=details,
            username=username,
        )
    if scorecard.published_total != before_total:
        audit_record(
            kind=EventKind.PUBLISHED_TOTAL,
            user=user,
            scorecard=scorecard,
            field="published_total",
            target="Điểm tổng công bố",
            before=number_vi(before_total),
            after=number_vi(scorecard.published_total),
            reason=reason,
            details=details,
            username=username,
        )
    if scorecard.published_classification != before_class:
        audit_record(
            kind=EventKind.PUBLISHED_CLASS,
            user=user,
            scorecard=scorecard,
            field="published_classification",
            target="Xếp loại công bố",
            before=before_class,
            after=scorecard.published_classification,
            reason=reason,
            details=details,
            username=username,
        )
