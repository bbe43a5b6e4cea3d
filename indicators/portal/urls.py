"""Routes of the national portal pages."""

from django.urls import path

from indicators.portal import views

urlpatterns = [
    path("cong-dvcqg/", views.portal_home, name="portal-home"),
    path("cong-dvcqg/tai-len/", views.portal_upload, name="portal-upload"),
    path("cong-dvcqg/tai-len/<str:token>/", views.portal_preview, name="portal-preview"),
    path("cong-dvcqg/tai-len/<str:token>/xac-nhan/", views.portal_confirm, name="portal-confirm"),
    path("cong-dvcqg/doi-chieu/", views.portal_reconcile, name="portal-reconcile"),
]
