"""Routes for importing score tables in the browser."""

from django.urls import path

from indicators.imports import views as import_views

urlpatterns = [
    path("nhap-tep/", import_views.scores_upload, name="scores-import"),
    path("nhap-tep/mau/", import_views.scores_template, name="scores-import-template"),
    path("nhap-tep/<str:sha256>/", import_views.scores_import_preview, name="scores-import-preview"),
    path("nhap-tep/<str:sha256>/xac-nhan/", import_views.scores_import_confirm, name="scores-import-confirm"),
]
