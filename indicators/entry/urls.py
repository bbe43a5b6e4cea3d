"""Routes for entering, reviewing and auditing scorecards (Vietnamese paths, English names)."""

from django.urls import path

from indicators.entry import cell_views, review_views
from indicators.entry import views as entry_views

urlpatterns = [
    path("nhap-diem/", entry_views.entry_home, name="entry-home"),
    path("phieu-diem/<int:pk>/", entry_views.scorecard_entry, name="scorecard-entry"),
    path("phieu-diem/<int:pk>/xem-truoc/", entry_views.scorecard_preview, name="scorecard-preview"),
    path("phieu-diem/<int:pk>/duyet/", entry_views.scorecard_approve_view, name="scorecard-approve"),
    path("phieu-diem/<int:pk>/tra-lai/", entry_views.scorecard_return_view, name="scorecard-return"),
    path("phieu-diem/<int:pk>/mo-lai/", entry_views.scorecard_reopen_view, name="scorecard-reopen"),
    path("phieu-diem/<int:pk>/lich-su/", entry_views.scorecard_history, name="scorecard-history"),
    path("phieu-diem/<int:pk>/xuat/", entry_views.scorecard_export, name="scorecard-export"),
    path("phieu-diem/<int:pk>/o/<str:cell>/", cell_views.scorecard_cell_save, name="scorecard-cell"),
    path("duyet/", review_views.review_matrix, name="review-matrix"),
    path("duyet/duyet-nhieu/", review_views.review_bulk_approve, name="review-bulk-approve"),
    path("duyet/tiep-theo/", review_views.review_next, name="review-next"),
]
