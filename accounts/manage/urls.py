"""Account managers' pages under /tai-khoan/quan-ly/."""

from django.urls import path

from accounts.manage import views

urlpatterns = [
    path("tai-khoan/quan-ly/", views.account_list, name="account-list"),
    path("tai-khoan/quan-ly/them/", views.account_create, name="account-create"),
    path("tai-khoan/quan-ly/<int:pk>/", views.account_detail, name="account-detail"),
    path("tai-khoan/quan-ly/<int:pk>/phan-quyen/", views.membership_add, name="account-membership-add"),
    path(
        "tai-khoan/quan-ly/<int:pk>/phan-quyen/<int:membership_pk>/go/",
        views.membership_remove,
        name="account-membership-remove",
    ),
    path("tai-khoan/quan-ly/<int:pk>/khoa/", views.account_active, {"active": False}, name="account-deactivate"),
    path("tai-khoan/quan-ly/<int:pk>/mo-khoa/", views.account_active, {"active": True}, name="account-reactivate"),
    path("tai-khoan/quan-ly/<int:pk>/gui-mat-khau/", views.account_password_mail, name="account-password-mail"),
]
