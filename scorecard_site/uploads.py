"""Upload sizes checked while the request streams in, and the per-field limit forms attach to a FileField.

Django keeps a small upload in memory and spills a large one to a temporary file, but stores all of it. The
handler below stops storing a file once it passes UPLOAD_MAX_SIZE (reading, not keeping, the rest) and hands the
form an empty stand-in that remembers its real size, so `upload_size_validator` can name the file and the limit
instead of the request costing its full size in memory or on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext as _

from indicators.formatting import number_vi


class OversizedUpload(SimpleUploadedFile):
    """What a too-large file becomes: no content, but the name and the size it really had."""

    too_large = True

    def __init__(self, name: str, content_type: str, size: int) -> None:
        super().__init__(name, b"", content_type)
        self.size = size


class SizeLimitedUploadHandler(FileUploadHandler):
    """First of FILE_UPLOAD_HANDLERS: passes chunks on to the storing handlers until a file passes the limit."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.seen = 0
        self.over = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.seen += len(raw_data)
        if self.seen > settings.UPLOAD_MAX_SIZE:
            self.over = True
            return None  # the following handlers never see this chunk or any later one
        return raw_data

    def file_complete(self, file_size: int) -> OversizedUpload | None:
        if self.over:
            return OversizedUpload(self.file_name, self.content_type or "application/octet-stream", self.seen)
        return None  # let the storing handler return the file


def megabytes_vi(size: int) -> str:
    return number_vi(round(size / (1024 * 1024), 1))


def upload_size_validator(limit: int) -> Callable[[Any], None]:
    """A FileField validator: the file is at most `limit` bytes (and was not cut short by the stream handler)."""

    def validate(upload: Any) -> None:
        if getattr(upload, "too_large", False) or upload.size > limit:
            raise ValidationError(
                _("Tệp “%(name)s” nặng %(size)s MB, quá giới hạn %(limit)s MB."),
                params={"name": upload.name, "size": megabytes_vi(upload.size), "limit": megabytes_vi(limit)},
                code="file_too_large",
            )

    return validate
