"""The site's routes plus three that fail on purpose, for the 500 page's "saved or not" message."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import path

from scorecard_site.urls import urlpatterns as site_patterns


def fails_after_saving(request):
    Group.objects.create(name="đã lưu rồi lỗi")
    raise RuntimeError("lỗi sau khi lưu")


def fails_inside_the_transaction(request):
    with transaction.atomic():
        Group.objects.create(name="chưa lưu")
        raise RuntimeError("lỗi trước khi lưu")


def fails_reading(request):
    raise RuntimeError("lỗi khi đọc")


urlpatterns = [
    path("thu-loi/da-luu/", fails_after_saving),
    path("thu-loi/chua-luu/", fails_inside_the_transaction),
    path("thu-loi/doc/", fails_reading),
    *site_patterns,
]
handler404 = "scorecard_site.errors.page_not_found"
handler500 = "scorecard_site.errors.server_error"
