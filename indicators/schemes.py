"""Installing scheme definitions (plain data) and loading a scheme's structure for scoring."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from indicators.models import ClassificationBand, Indicator, IndicatorGroup
from indicators.scoring import SchemeSpec

SCHEME_LATER_FIELDS = ("report_name", "result_source", "draft_ranking")


class SchemeDefinitionError(ValueError):
    """A scheme definition whose numbers do not add up or whose codes clash."""


def scheme_definition_check(definition: dict[str, Any]) -> None:
    """Refuse a definition whose indicator maxima do not add up to their group's, or whose codes repeat."""
    codes: set[str] = set()
    for group in definition["groups"]:
        for code in [group["code"], *(i["code"] for i in group["indicators"])]:
            if code in codes and code != group["code"]:
                raise SchemeDefinitionError(f"Mã “{code}” bị trùng trong bộ chỉ số {definition['code']}.")
            codes.add(code)
        if group["indicators"]:
            total = sum(Decimal(i["max_points"]) for i in group["indicators"])
            if total != Decimal(group["max_points"]):
                raise SchemeDefinitionError(
                    f"Nhóm {group['code']}: tổng điểm tối đa các chỉ số là {total}, khác điểm tối đa của nhóm "
                    f"({group['max_points']})."
                )


def _known(model: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields the (possibly historical) model has: an early migration installs with the columns of its time,
    and later migrations add what later definitions carry."""
    names = {f.name for f in model._meta.get_fields()}
    return {name: value for name, value in fields.items() if name in names}


def scheme_install(definition: dict[str, Any], get_model: Callable[[str], Any]) -> Any:
    """Create or update a scheme from its definition; `get_model` lets migrations pass historical models."""
    scheme_definition_check(definition)
    scheme_model = get_model("Scheme")
    group_model = get_model("IndicatorGroup")
    indicator_model = get_model("Indicator")
    band_model = get_model("ClassificationBand")
    # Fields added after the first install: a migration's historical model may not have them yet.
    known = {f.name for f in scheme_model._meta.get_fields()}
    later = {name: definition[name] for name in SCHEME_LATER_FIELDS if name in definition and name in known}
    scheme, _ = scheme_model.objects.update_or_create(
        code=definition["code"],
        defaults={
            "name": definition["name"],
            "legal_basis": definition["legal_basis"],
            "valid_from": definition["valid_from"],
            "valid_to": definition.get("valid_to"),
            "not_applicable_policy": definition["not_applicable_policy"],
            **later,
        },
    )
    for band in definition["bands"]:
        band_model.objects.update_or_create(
            scheme=scheme, code=band["code"], defaults={"label": band["label"], "min_score": Decimal(band["min_score"])}
        )
    for group_order, group in enumerate(definition["groups"], start=1):
        group_row, _ = group_model.objects.update_or_create(
            scheme=scheme,
            code=group["code"],
            defaults={
                "name": group["name"],
                "short_name": group.get("short_name", ""),
                "aliases": group.get("aliases", []),
                "max_points": Decimal(group["max_points"]),
                "order": group_order,
            },
        )
        for order, item in enumerate(group["indicators"], start=1):
            indicator_model.objects.update_or_create(
                group=group_row,
                code=item["code"],
                defaults=_known(
                    indicator_model,
                    {
                        "name": item["name"],
                        "max_points": Decimal(item["max_points"]),
                        "method": item["method"],
                        "target": Decimal(item["target"]) if item.get("target") else None,
                        "formula": item.get("formula", ""),
                        "levels": item.get("levels", []),
                        "zero_denominator": item.get("zero_denominator", "zero"),
                        "allows_not_applicable": item.get("allows_not_applicable", False),
                        "target_direction": item.get("target_direction", "min"),
                        "order": order,
                    },
                ),
            )
    return scheme


def scheme_spec_load(scheme: Any) -> SchemeSpec:
    """Read a scheme's groups, indicators and bands in three queries, for scoring many scorecards."""
    groups = list(IndicatorGroup.objects.filter(scheme=scheme).order_by("order"))
    by_group: dict[str, list[Indicator]] = {g.code: [] for g in groups}
    for indicator in Indicator.objects.filter(group__scheme=scheme).select_related("group").order_by("order"):
        by_group[indicator.group.code].append(indicator)
    bands = list(ClassificationBand.objects.filter(scheme=scheme).order_by("-min_score"))
    return SchemeSpec(policy=scheme.not_applicable_policy, groups=groups, indicators_by_group=by_group, bands=bands)
