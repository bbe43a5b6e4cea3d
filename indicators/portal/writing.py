"""Writing one portal import: the rows each unit contributed (entries, published figures) collected per scorecard,
then written in bulk (a province is some 170 units × 25 figures), only what changed, each change in the log."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from audit.constants import EventKind
from audit.services import audit_event_build, audit_record_many
from indicators.constants import PointsMethod
from indicators.formatting import entry_display
from indicators.models import Entry, Scorecard
from indicators.portal.constants import GROUP_CODES, PUBLISHED_ONLY_INDICATOR, SUMMARY
from indicators.portal.matching import portal_units_remember
from indicators.portal.models import PortalResponse, PublishedFigure
from indicators.portal.parsing import ParsedResponse, PortalRow
from indicators.services import KEEP
from indicators.values import EntryKey, EntryValue, entry_problem
from units.models import AdministrativeUnit

FIELDS = ("points", "numerator", "denominator", "not_applicable")
FIGURE_FIELDS = ("portal_code", "points", "max_points", "ratio", "quality_status", "quality_message", "response_id")


@dataclass
class ImportedUnit:
    """What one unit's rows became, for previews, command output and tests."""

    unit: AdministrativeUnit
    portal_name: str
    portal_code: str
    how: str  # portal_id, exact, created, province
    scorecard: Scorecard
    changed: bool = False
    values: dict[str, str] = field(default_factory=dict)  # code → value stored
    computed: dict[str, Decimal | None] = field(default_factory=dict)  # group → points after recompute
    published: dict[str, Decimal | None] = field(default_factory=dict)  # group → the portal's points


def _value(spec_maps: tuple[dict, dict], code: str, numerator, denominator, score) -> tuple[Any, EntryValue] | None:
    """The entry key and value a published figure becomes in this scheme, or None when the scheme has no place."""
    indicators, groups = spec_maps
    if code in groups:  # a group the portal publishes only as a score (DVCTT)
        indicator = indicators.get(PUBLISHED_ONLY_INDICATOR.get(code, ""))
        if score is None:
            return None
        if indicator is not None:
            return (indicator.pk, None), EntryValue(points=score)
        return (None, groups[code].pk), EntryValue(points=score)
    indicator = indicators.get(code)
    if indicator is None:
        return None
    if indicator.method == PointsMethod.PUBLISHED:
        return ((indicator.pk, None), EntryValue(points=score)) if score is not None else None
    if numerator is not None and denominator is not None:
        return (indicator.pk, None), EntryValue(numerator=numerator, denominator=denominator)
    if score is not None:  # counts not published, score is (ELECTRONIC_CERTIFIED_COPY)
        return (indicator.pk, None), EntryValue(points=score)
    return None


@dataclass
class Card:
    unit: AdministrativeUnit
    row: PortalRow
    how: str
    values: dict[tuple[int | None, int | None], EntryValue] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    figures: list[dict[str, Any]] = field(default_factory=list)
    groups: set[str] = field(default_factory=set)
    published_total: Any = KEEP
    responses: set[str] = field(default_factory=set)


def card_collect(
    card: Card, row: PortalRow, response: ParsedResponse, maps: tuple[dict, dict], errors: list[str]
) -> None:
    indicators, groups = maps
    group = response.group
    card.responses.add(response.sha256)
    if group is None:  # the national summary
        for code, score in row.group_scores.items():
            if code not in groups:
                continue
            card.figures.append({"level": PublishedFigure.GROUP, "code": code, "points": score, "sha": response.sha256})
        card.figures.append(
            {"level": PublishedFigure.TOTAL, "code": "TOTAL", "points": row.total_score, "sha": response.sha256}
        )
        card.published_total = row.total_score
        return
    card.groups.add(group)
    card.figures.append(
        {
            "level": PublishedFigure.GROUP,
            "code": group,
            "points": row.total_score,
            "max_points": row.total_max,
            "sha": response.sha256,
        }
    )
    for value in row.values:
        if value.code != group and (value.score is not None or value.max_score is not None):
            card.figures.append(
                {
                    "level": PublishedFigure.METRIC,
                    "code": value.code,
                    "portal_code": value.portal_code,
                    "points": value.score,
                    "max_points": value.max_score,
                    "ratio": value.ratio,
                    "quality_status": value.quality_status,
                    "quality_message": value.quality_message[:300],
                    "sha": response.sha256,
                }
            )
        placed = _value(maps, value.code, value.numerator, value.denominator, value.score)
        if placed is None:
            continue
        key, entry = placed
        target = indicators.get(value.code) if key[0] else groups.get(value.code)
        if target is not None and entry.numerator is not None:
            problem = entry_problem(
                target,
                EntryValue(numerator=entry.numerator, denominator=entry.denominator),
                allows_not_applicable=False,
            )
            if problem:
                errors.append(f"{response.name}, “{row.written}”, {value.portal_code}: {problem}")
                continue
        card.values[key] = entry
        card.labels[value.code] = entry_display(entry)


def _summary_values(card: Card, counted: set[str], maps: tuple[dict, dict]) -> set[int]:
    """The summary's group scores become group entries only where the card has no counts for the group."""
    groups = maps[1]
    covered = set()
    for figure in card.figures:
        code = figure["code"]
        if figure["level"] != PublishedFigure.GROUP or code in counted or code in card.groups:
            continue
        placed = _value(maps, code, None, None, figure["points"])
        if placed:
            card.values[placed[0]] = placed[1]
            card.labels[code] = entry_display(placed[1])
            covered.add(groups[code].pk)
    return covered


def _figure_defaults(figure: dict[str, Any], stored: dict[str, PortalResponse]) -> dict[str, Any]:
    values = {name: figure.get(name) for name in FIGURE_FIELDS if name != "response_id"}
    values["portal_code"] = values["portal_code"] or ""
    values["quality_status"] = values["quality_status"] or ""
    values["quality_message"] = values["quality_message"] or ""
    values["response_id"] = stored[figure["sha"]].pk
    return values


def cards_write(*, report: Any, cards: dict[int, Card], responses: list[ParsedResponse], maps, user, source) -> None:
    """Scorecards, entries, published figures, portal ids and evidence for every card, in a few bulk queries."""
    indicators, groups = maps
    stored = _evidence_store(report, responses, user, source)
    portal_units_remember(pairs=[(card.unit, card.row) for card in cards.values()])
    scorecards = _scorecards(report, [card.unit for card in cards.values()])
    existing: dict[int, dict[EntryKey, Entry]] = {sc.pk: {} for sc in scorecards.values()}
    for entry in Entry.objects.filter(scorecard__in=list(scorecards.values())):
        existing[entry.scorecard_id][(entry.indicator_id, entry.group_id)] = entry
    code_of = {(i.pk, None): i.code for i in indicators.values()} | {(None, g.pk): g.code for g in groups.values()}
    group_of = {i.pk: i.group_id for i in indicators.values()}
    group_code = {g.pk: code for code, g in groups.items()}
    to_create, to_update, to_delete, changed_cards, events = [], [], [], [], []
    for card in cards.values():
        scorecard = scorecards[card.unit.pk]
        entries = existing[scorecard.pk]
        scorecard.unit, scorecard.period = card.unit, report.period
        counted = {group_code[group_of[k[0]]] for k in entries if k[0] in group_of}
        covered = {groups[g].pk for g in card.groups if g in groups} | _summary_values(card, counted, maps)
        before = {code_of.get(k, "?"): entry_display(e) for k, e in entries.items()}
        after = dict(before)
        changed = False
        for key, entry in entries.items():
            group_id = key[1] or group_of.get(key[0])
            if group_id in covered and key not in card.values:
                to_delete.append(entry.pk)
                after.pop(code_of.get(key, "?"), None)
                changed = True
        for key, value in card.values.items():
            wanted = {name: getattr(value, name) for name in FIELDS}
            entry = entries.get(key)
            if entry is None:
                to_create.append(Entry(scorecard=scorecard, indicator_id=key[0], group_id=key[1], **wanted))
            elif any(getattr(entry, name) != v for name, v in wanted.items()):
                for name, v in wanted.items():
                    setattr(entry, name, v)
                to_update.append(entry)
            else:
                continue
            after[code_of.get(key, "?")] = entry_display(value)
            changed = True
        before_total = scorecard.published_total
        if card.published_total is not KEEP and scorecard.published_total != card.published_total:
            scorecard.published_total = card.published_total
            changed = True
        if changed:
            scorecard.version += 1
            changed_cards.append(scorecard)
            events.append(_event(scorecard, user, before, after, before_total, card, responses))
        report.units.append(
            ImportedUnit(
                unit=card.unit,
                portal_name=card.row.written,
                portal_code=card.row.code,
                how=card.how,
                scorecard=scorecard,
                changed=changed,
                values=card.labels,
            )
        )
    Entry.objects.filter(pk__in=to_delete).delete()
    Entry.objects.bulk_create(to_create, batch_size=1000)
    Entry.objects.bulk_update(to_update, list(FIELDS), batch_size=1000)
    Scorecard.objects.bulk_update(changed_cards, ["published_total", "version", "updated_at"], batch_size=500)
    _figures_write(cards, scorecards, stored)
    audit_record_many(events=events)


def _evidence_store(report, responses, user, source) -> dict[str, PortalResponse]:
    """The raw bytes of every response, under its SHA-256 (the same bytes twice are stored once)."""
    stored = {r.sha256: r for r in PortalResponse.objects.filter(sha256__in=[x.sha256 for x in responses])}
    for response in responses:
        if response.sha256 not in stored:
            stored[response.sha256] = PortalResponse.objects.create(
                sha256=response.sha256,
                name=response.name[-200:],
                endpoint=response.endpoint,
                content=response.content,
                period=report.period,
                province=report.province if response.endpoint != SUMMARY else None,
                source=source,
                user=user if getattr(user, "is_authenticated", False) else None,
            )
    return stored


def _scorecards(report, units: list[AdministrativeUnit]) -> dict[int, Scorecard]:
    found = {
        sc.unit_id: sc for sc in Scorecard.objects.filter(unit__in=units, period=report.period, scheme=report.scheme)
    }
    missing = [Scorecard(unit=u, period=report.period, scheme=report.scheme) for u in units if u.pk not in found]
    if missing:
        Scorecard.objects.bulk_create(missing, batch_size=500)
        found = {
            sc.unit_id: sc
            for sc in Scorecard.objects.filter(unit__in=units, period=report.period, scheme=report.scheme)
        }
    return found


def _figures_write(cards: dict[int, Card], scorecards: dict[int, Scorecard], stored) -> None:
    """Published figures: new ones created, changed ones updated, the sum of six group scores as the total."""
    ids = [sc.pk for sc in scorecards.values()]
    existing = {(f.scorecard_id, f.level, f.code): f for f in PublishedFigure.objects.filter(scorecard__in=ids)}
    to_create, to_update = [], []
    for card in cards.values():
        scorecard = scorecards[card.unit.pk]
        wanted: dict[tuple[str, str], dict[str, Any]] = {
            (f["level"], f["code"]): _figure_defaults(f, stored) for f in card.figures
        }
        group_points = {
            code: existing[(scorecard.pk, level, code)].points
            for (sid, level, code) in existing
            if sid == scorecard.pk and level == PublishedFigure.GROUP
        } | {code: v["points"] for (level, code), v in wanted.items() if level == PublishedFigure.GROUP}
        if (PublishedFigure.TOTAL, "TOTAL") not in wanted and set(GROUP_CODES) <= set(group_points):
            total = existing.get((scorecard.pk, PublishedFigure.TOTAL, "TOTAL"))
            if total is None or total.response_id is None or total.response.endpoint != SUMMARY:
                points = sum((group_points[g] or Decimal(0) for g in GROUP_CODES), Decimal(0))
                wanted[(PublishedFigure.TOTAL, "TOTAL")] = {
                    **{n: "" for n in ("portal_code", "quality_status", "quality_message")},
                    "points": points,
                    "max_points": None,
                    "ratio": None,
                    "response_id": None,
                }
        for (level, code), values in wanted.items():
            figure = existing.get((scorecard.pk, level, code))
            if figure is None:
                to_create.append(PublishedFigure(scorecard=scorecard, level=level, code=code, **values))
            elif any(getattr(figure, n) != v for n, v in values.items()):
                for n, v in values.items():
                    setattr(figure, n, v)
                to_update.append(figure)
    PublishedFigure.objects.bulk_create(to_create, batch_size=1000)
    PublishedFigure.objects.bulk_update(to_update, list(FIGURE_FIELDS), batch_size=1000)


def _event(scorecard, user, before, after, before_total, card: Card, responses) -> Any:
    """The change-log event of one changed scorecard, naming the portal files and their SHA-256."""

    files = [
        {"file": r.name, "sha256": r.sha256, "endpoint": r.endpoint} for r in responses if r.sha256 in card.responses
    ]
    changed = sorted(code for code in set(before) | set(after) if before.get(code) != after.get(code))
    reason = "Nhập dữ liệu Cổng DVCQG: " + ", ".join(f"{f['file']} (SHA-256 {f['sha256'][:12]}…)" for f in files)
    return audit_event_build(
        kind=EventKind.IMPORT,
        user=user,
        scorecard=scorecard,
        field=f"{len(changed)} mục",
        target=", ".join(changed) or "Điểm tổng công bố",
        before="; ".join(f"{c}: {before.get(c) or '–'}" for c in changed) or str(before_total or "–"),
        after="; ".join(f"{c}: {after.get(c) or '–'}" for c in changed) or str(scorecard.published_total or "–"),
        reason=reason[:1000],
        details={"files": files, "portal_id": card.row.portal_id, "portal_code": card.row.code},
    )
