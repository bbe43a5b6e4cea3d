"""Login, logout and password change under /tai-khoan/, with Vietnamese templates in templates/registration/."""

from django.contrib.auth import views as auth_views
from django.urls import path

urlpatterns = [
    path(
        "tai-khoan/dang-nhap/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("tai-khoan/dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("tai-khoan/doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
]
