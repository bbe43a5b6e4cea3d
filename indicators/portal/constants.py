"""The portal's vocabulary: endpoints, their groups, metric codes and count fields mapped to scheme codes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

API_PATH = "/api/v1/reporting/evaluation/"
SUMMARY = "service-results"

# endpoint → the group it scores; the order is the order a fetch asks them in.
ENDPOINT_GROUPS: dict[str, str] = {
    "transparency": "CKMB",
    "dvc-progress-tree": "TDGQ",
    "provide-online-tree": "DVCTT",
    "formality-online-payment-tree": "TTTT",
    "handling-satisfaction": "MDHL",
    "dossier-digitized": "MDSH",
}
PROGRESS_ENDPOINT = "dvc-progress-tree"  # Tiến độ giải quyết: each unit's dossiers received, on time, overdue
PAGE_SIZE: dict[str, int] = {"dvc-progress-tree": 100, "formality-online-payment-tree": 100}
DEFAULT_PAGE_SIZE = 200
DATE_BODY_ENDPOINTS = frozenset({"handling-satisfaction"})  # asked by fromDate/toDate, not timeType
GROUP_CODES = ("CKMB", "TDGQ", "DVCTT", "TTTT", "MDHL", "MDSH")

# Metric-style endpoints: the portal's metric code → the scheme's indicator code.
METRIC_INDICATORS: dict[str, str] = {
    "PUBLISH_ON_TIME": "CKMB1",
    "PUBLIC_UPDATE_ON_TIME": "CKMB2",
    "PUBLIC_CONTENT_FULL": "CKMB3",
    "DOSSIER_SYNC": "CKMB4",
    "PETITION_PROCESSING_ON_TIME": "MDHL1",
    "PETITION_HANDLING_SATISFACTION": "MDHL2",
    "DOSSIER_RECEIVING_SATISFACTION": "MDHL3",
    "PETITION_CLASSIFICATION_TTHC": "MDHL4",
    "PETITION_CLASSIFICATION_STAFF": "MDHL5",
    "ORIGINAL_RESULT_AVAILABLE": "MDSH1",
    "SO_HOA_GIAY_TO_GIAI_QUYET": "MDSH2",
    "ELECTRONIC_CERTIFIED_COPY": "MDSH3",
    "REUSED_DIGITIZED_DATA": "MDSH4",
    "SYNCED_WITH_DVCQG_PERSONAL_STORAGE": "MDSH5",
    "CITIZEN_DATA_CONNECTED_DOSSIER": "MDSH6",
    "CITIZEN_DATA_CONNECTED_FORMALITY": "MDSH7",
}
METRIC_ENDPOINT_BY_FIRST_CODE = {"PUBLISH_ON_TIME": "transparency"}

# Tree-style endpoints: indicator code → (numerator field, denominator field).
TREE_COUNTS: dict[str, dict[str, tuple[str, str]]] = {
    "dvc-progress-tree": {"TDGQ1": ("totalOnTime", "totalReceived")},
    "formality-online-payment-tree": {
        "TTTT1": ("totalFeeDossierFormality", "totalFeeFormality"),
        "TTTT2": ("totalDossierOnlineFormalityPaymentSuccess", "totalFeeDossierFormalityDistinct"),
        "TTTT3": ("totalDossierOnlinePaymentSuccess", "totalDossierFinancialObligation"),
    },
    "provide-online-tree": {},  # only the province carries counts; every score is taken as published
}
# The one indicator that holds the published DVCTT score in a scheme that has it (dvcqg-2026).
PUBLISHED_ONLY_INDICATOR = {"DVCTT": "DVCTT"}

KIND_PROVINCE, KIND_BODY, KIND_COMMUNE = "province", "body", "commune"
KIND_LABELS = {KIND_PROVINCE: _("Tỉnh"), KIND_BODY: _("Sở, ban, ngành"), KIND_COMMUNE: _("Cấp xã")}
