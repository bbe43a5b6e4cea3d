"""Uploaded score tables kept between the preview and the confirmation, under MEDIA_ROOT/imports/<sha256>/.

The file is stored under its content hash, so a confirmation imports exactly the bytes that were previewed,
and under its original (sanitised) name, which the change log records. Stale uploads are pruned on the next upload.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename

MAX_AGE_SECONDS = 24 * 60 * 60
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _root() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def upload_store(*, upload: UploadedFile) -> tuple[str, Path]:
    """Save an upload under its SHA-256; returns the hash and the stored path."""
    uploads_prune()
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    sha256 = digest.hexdigest()
    name = get_valid_filename(Path(upload.name or "bang-diem.xlsx").name) or "bang-diem.xlsx"
    folder = _root() / sha256
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return sha256, path


def upload_path(*, sha256: str, name: str) -> Path | None:
    """The stored file for a hash and name, or None when it is gone (confirmed, pruned) or the input is odd."""
    if not _SHA256.match(sha256 or "") or name != get_valid_filename(name):
        return None
    path = _root() / sha256 / name
    return path if path.is_file() else None


def upload_discard(*, sha256: str) -> None:
    if _SHA256.match(sha256 or ""):
        shutil.rmtree(_root() / sha256, ignore_errors=True)


def uploads_prune(*, max_age: int = MAX_AGE_SECONDS) -> None:
    """Remove uploads nobody confirmed within a day."""
    root = _root()
    if not root.is_dir():
        return
    cutoff = time.time() - max_age
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
