"""Reading saved responses: endpoint and province recognised from the content, names with suffixes, refusals."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from indicators.portal.parsing import PortalFileError, files_expand, name_clean, response_parse
from tests.portal_fixtures import PORTAL

MONTH = PORTAL / "phu-tho" / "2026-10"


@pytest.mark.parametrize(
    ("name", "endpoint", "group"),
    [
        ("transparency.json", "transparency", "CKMB"),
        ("dvc-progress-tree-p2.json", "dvc-progress-tree", "TDGQ"),
        ("provide-online-tree.json", "provide-online-tree", "DVCTT"),
        ("formality-online-payment-tree.json", "formality-online-payment-tree", "TTTT"),
        ("handling-satisfaction.json", "handling-satisfaction", "MDHL"),
        ("dossier-digitized.json", "dossier-digitized", "MDSH"),
    ],
)
def test_endpoint_is_recognised_from_the_content(name, endpoint, group):
    parsed = response_parse((MONTH / name).read_bytes(), "any-name.json")
    assert (parsed.endpoint, parsed.group) == (endpoint, group)
    assert parsed.province.name == "Tỉnh Phú Thọ"


def test_pages_and_suffixes():
    parsed = response_parse((MONTH / "dvc-progress-tree-p2.json").read_bytes(), "p2.json")
    assert (parsed.page, parsed.total_pages, len(parsed.rows)) == (2, 2, 62)
    suffixed = [r for r in parsed.rows if r.province_suffix]
    assert suffixed and all(r.province_suffix == "Tỉnh Phú Thọ" and " - " not in r.name for r in suffixed)


def test_name_clean():
    assert name_clean("UBND xã Đông Lâm - Tỉnh Phú Thọ") == ("UBND xã Đông Lâm", "Tỉnh Phú Thọ")
    assert name_clean("Sở Y tế – Thành phố Huế".replace("–", "-")) == ("Sở Y tế", "Thành phố Huế")
    assert name_clean("UBND Phường Việt An") == ("UBND Phường Việt An", "")


def test_summary_rows():
    parsed = response_parse((PORTAL / "national" / "service-results-2026-10.json").read_bytes(), "s.json")
    assert parsed.endpoint == "service-results" and len(parsed.rows) == 34
    assert set(parsed.rows[0].group_scores) == {"CKMB", "TDGQ", "DVCTT", "TTTT", "MDHL", "MDSH"}


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ((PORTAL / "errors" / "request-rejected.html").read_bytes(), "request rejected"),
        (b"not json", "không phải tệp JSON"),
        (json.dumps({"code": "ERROR", "message": "Lỗi", "data": None}).encode(), "ERROR"),
        (json.dumps({"code": "OK", "data": {"foo": 1}}).encode(), "không nhận ra"),
    ],
)
def test_unreadable_files_say_why(content, words):
    with pytest.raises(PortalFileError, match=words):
        response_parse(content, "x.json")


def test_zip_members_and_hostile_zips():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a/transparency.json", (MONTH / "transparency.json").read_bytes())
        archive.writestr("readme.txt", "x")
    assert [n for n, _c in files_expand([("f.zip", buffer.getvalue())])] == ["f.zip/a/transparency.json"]
    with pytest.raises(PortalFileError, match="bị hỏng"):
        files_expand([("bad.zip", b"PK\x03\x04broken")])
