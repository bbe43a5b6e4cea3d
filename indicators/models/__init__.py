"""Versioned indicator schemes, periods and scorecards, one module per concern.

A scheme (its groups, indicators, maxima, targets, formulas and bands) is data that an administrator
can change per version; nothing about Decision 766's numbers is written in code. Derived figures on
`Scorecard` and `GroupScore` are written only by `indicators.services.scorecards_recompute`.
"""

from indicators.models.entries import Entry, EntryComment, GroupNote, GroupScore
from indicators.models.fields import COUNT, POINTS
from indicators.models.recompute import RecomputeRequest
from indicators.models.schemes import ClassificationBand, Indicator, IndicatorGroup, Scheme
from indicators.models.scorecards import (
    SCORECARD_CHANGE_FIELDS,
    SCORECARD_DERIVED_FIELDS,
    SCORECARD_SCORE_FIELDS,
    Period,
    Scorecard,
)

# The national portal's ids, evidence and published figures (indicators/portal/); imported here so the app
# registers them without a units migration.
from indicators.portal.models import PortalFetch, PortalResponse, PortalUnit, PublishedFigure

__all__ = [
    "COUNT",
    "POINTS",
    "SCORECARD_CHANGE_FIELDS",
    "SCORECARD_DERIVED_FIELDS",
    "SCORECARD_SCORE_FIELDS",
    "ClassificationBand",
    "Entry",
    "EntryComment",
    "GroupNote",
    "GroupScore",
    "Indicator",
    "IndicatorGroup",
    "Period",
    "PortalFetch",
    "PortalResponse",
    "PortalUnit",
    "PublishedFigure",
    "RecomputeRequest",
    "Scheme",
    "Scorecard",
]
