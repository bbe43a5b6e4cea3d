"""What the report editor shows without writing anything: the page as it will print with unsaved edits, and what a
redraft would change (section by section, line by line), so nobody loses hand edits or issues by accident.

Reads only: the view saves through `reports.services` once the user has confirmed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.templatetags.static import static

from reports.kinds import KINDS
from reports.models import Report
from reports.pdf import document_context
from reports.services import body_phrase


@dataclass
class SectionChange:
    """One section whose text a redraft replaces: its label and the lines removed and added."""

    key: str
    label: str
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)


def report_with_edits(*, report: Report, fields: dict[str, Any], sections: dict[str, str]) -> Report:
    """An unsaved copy of the report carrying the form's values, for the live preview."""
    copy = Report.objects.get(pk=report.pk)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.sections = {**copy.sections, **{k: v for k, v in sections.items() if k in copy.sections}}
    return copy


def preview_html(report: Report) -> str:
    """The print template rendered for a browser: fonts from the static files instead of the file system."""
    context = document_context(report)
    context["font_dir"] = static("fonts").rstrip("/")
    context["screen"] = True
    return render_to_string(KINDS[report.kind].template, context)


def redraft_changes(*, report: Report) -> tuple[dict[str, Any], list[SectionChange]]:
    """The fresh draft (data, sections, subject) a redraft would store, and every section it would change."""
    spec = KINDS[report.kind]
    data = spec.data(unit=report.issuing_unit, scheme=report.scheme, period=report.period)
    sections = spec.draft(data, body=body_phrase(report.issuing_unit, report.body_kind))
    labels = spec.labels(data)
    changes = []
    for key in list(dict.fromkeys([*report.sections, *sections])):
        old, new = report.sections.get(key, ""), sections.get(key, "")
        if old.strip() == new.strip():
            continue
        change = SectionChange(key=key, label=labels.get(key, key))
        for line in difflib.ndiff(old.splitlines(), new.splitlines()):
            if line.startswith("- ") and line[2:].strip():
                change.removed.append(line[2:])
            elif line.startswith("+ ") and line[2:].strip():
                change.added.append(line[2:])
        changes.append(change)
    return {"frozen_data": data, "sections": sections, "subject": spec.subject(data)}, changes
