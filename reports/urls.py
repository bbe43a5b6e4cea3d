"""Report routes under /bao-cao/."""

from django.urls import path

from reports import views

urlpatterns = [
    path("bao-cao/", views.report_list_view, name="report-list"),
    path("bao-cao/<int:pk>/", views.report_detail_view, name="report-detail"),
    path("bao-cao/<int:pk>/xem-truoc/", views.report_preview_view, name="report-preview"),
    path("bao-cao/<int:pk>/trang-thai/", views.report_status_view, name="report-status"),
    path("bao-cao/<int:pk>/tai-ve/", views.report_download_view, name="report-download"),
    path("bao-cao/kiem-tra-chu-ky/", views.verify_view, name="report-verify"),
]
