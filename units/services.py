"""Writes to administrative units that `AdministrativeUnit.save()` cannot do for bulk operations."""

from __future__ import annotations

from django.db import transaction

from units.constants import KIND_LEVEL, UnitKind
from units.models import AdministrativeUnit


def provincial_body_create(
    *, province: AdministrativeUnit, name: str, code: str = "", valid_from=None, valid_to=None
) -> AdministrativeUnit:
    """A province's sở, ban or ngành (validated like the admin form), or the existing one of that name.

    Bodies are not in the official unit lists, so their code is the province's code and a number
    ("82-05") unless one is given; they inherit the province's edition and hence its dates.
    """
    existing = AdministrativeUnit.objects.filter(
        parent=province, kind=UnitKind.PROVINCIAL_BODY, name__iexact=name.strip()
    ).first()
    if existing is not None:
        return existing
    if not code:
        taken = AdministrativeUnit.objects.filter(
            edition=province.edition, code__startswith=f"{province.code}-"
        ).count()
        code = f"{province.code}-{taken + 1:02d}"
    body = AdministrativeUnit(
        code=code,
        name=name.strip(),
        kind=UnitKind.PROVINCIAL_BODY,
        parent=province,
        edition=province.edition,
        valid_from=valid_from,
        valid_to=valid_to,
        level=KIND_LEVEL[UnitKind.PROVINCIAL_BODY],
    )
    body.full_clean()
    body.save()
    return body


def unit_paths_rebuild() -> int:
    """Recompute every materialised `path` from `parent`; returns how many rows changed.

    bulk_create and bulk_update skip `save()`, so the loaders call this afterwards. It reads only
    (id, parent, path) of all units (some 13,000 rows for both editions), which is cheaper and far
    simpler than tracking which subtrees a bulk load touched.
    """
    rows = AdministrativeUnit.objects.values_list("pk", "parent_id", "path")
    parents: dict[int, int | None] = {}
    current: dict[int, str] = {}
    for pk, parent_id, path in rows:
        parents[pk] = parent_id
        current[pk] = path

    computed: dict[int, str] = {}

    def path_of(pk: int) -> str:
        chain: list[int] = []
        node: int | None = pk
        while node is not None and node not in computed:
            if node in chain or len(chain) > 16:
                raise ValueError(f"Cycle in administrative unit parents at id {node}")
            chain.append(node)
            node = parents[node]
        prefix = computed[node] if node is not None else "/"
        for member in reversed(chain):
            prefix = f"{prefix}{member}/"
            computed[member] = prefix
        return computed[pk]

    changed = [AdministrativeUnit(pk=pk, path=path_of(pk)) for pk in parents if path_of(pk) != current[pk]]
    if changed:
        with transaction.atomic():
            AdministrativeUnit.objects.bulk_update(changed, ["path"], batch_size=500)
    return len(changed)
