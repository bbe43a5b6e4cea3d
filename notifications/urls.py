from django.urls import path

from notifications import views

urlpatterns = [
    path("thong-bao/", views.notification_list_view, name="notification-list"),
    path("thong-bao/da-doc/", views.notification_read_all, name="notification-read-all"),
    path("thong-bao/cai-dat/", views.notification_settings_view, name="notification-settings"),
]
