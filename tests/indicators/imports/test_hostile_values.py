"""Files that used to crash the importer (HTTP 500) or slip through its checks: each gets a Vietnamese message
naming the row and column, through the command-line service and through the upload page, and writes nothing."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from indicators.imports.services import ScoresImportError, scores_import
from indicators.models import Entry, Period, Scheme, Scorecard
from indicators.services import period_get_or_create

pytestmark = pytest.mark.django_db

HEADER = "STT\tTên đơn vị\tĐiểm tổng\tXếp loại\tCông khai, minh bạch\tTiến độ giải quyết\n"
GOOD = "1\tXã Tân Mỹ\t72,7\tKhá\t8,5\t18,3\n"


def _xlsx(dtd: str, cell: str) -> bytes:
    """A real workbook whose sheet XML gets a DTD and an entity reference in D2 (Excel never writes either)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["STT", "Tên đơn vị", "Điểm tổng", "Công khai, minh bạch", "Tiến độ giải quyết"])
    sheet.append([1, "Xã Tân Mỹ", 72.7, 8.5, 18.3])
    plain = io.BytesIO()
    book.save(plain)
    source = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    hostile = io.BytesIO()
    with zipfile.ZipFile(hostile, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                text = text.split("?>", 1)[1] if text.startswith("<?xml") else text
                assert "<v>8.5</v>" in text
                text = '<?xml version="1.0" encoding="UTF-8"?>' + dtd + text.replace("<v>8.5</v>", f"<v>{cell}</v>")
                data = text.encode()
            out.writestr(item, data)
    return hostile.getvalue()


LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + "]>"
)

LONG_LABEL = "Xuất sắc (đạt 95 điểm, cao nhất huyện, được khen thưởng)"

CASES = [
    pytest.param("bang.tsv", (HEADER + GOOD + "2\tXã Vĩnh Thạnh\t90\tTốt\t1e1000000\t20\n").encode(),
                 "Dòng 3, cột E “Công khai, minh bạch”: Điểm CKMB: “1e1000000” không phải là số", id="exponent"),
    pytest.param("bang.tsv", (HEADER + GOOD + "2\tXã Vĩnh Thạnh\t100000\tTốt\t18\t20\n").encode(),
                 "Dòng 3, cột C “Điểm tổng”: giá trị “100000” nằm ngoài khoảng 0 đến 100 (điểm tối đa",
                 id="total-100000"),
    pytest.param("bang.tsv", (HEADER + GOOD + "2\tXã Vĩnh Thạnh\t-50\tTốt\t18\t20\n").encode(),
                 "Dòng 3, cột C “Điểm tổng”: giá trị “-50” nằm ngoài khoảng 0 đến 100", id="total-negative"),
    pytest.param("bang.tsv", (HEADER + GOOD + "2\tXã Vĩnh Thạnh\t99.999,99\tTốt\t18\t20\n").encode(),
                 "giá trị “99.999,99” nằm ngoài khoảng 0 đến 100", id="total-99999,99"),
    pytest.param("bang.tsv", (HEADER + GOOD + "2\tXã Vĩnh Thạnh\t90,125\tTốt\t18\t20\n").encode(),
                 "giá trị “90,125” có quá 2 chữ số thập phân", id="total-too-precise"),
    pytest.param("bang.tsv", (HEADER + GOOD + f"2\tXã Vĩnh Thạnh\t90\t{LONG_LABEL}\t18\t20\n").encode(),
                 f"Dòng 3, cột D “Xếp loại”: xếp loại dài {len(LONG_LABEL)} ký tự, quá 40 ký tự", id="long-label"),
    pytest.param("bang.tsv", (HEADER + GOOD + "2\tXã Vĩnh Thạnh\t90\tTốt\t18\t" + "9" * 5000 + "\n").encode(),
                 "Dòng 3, cột F “Tiến độ giải quyết”: Điểm TDGQ: giá trị dài 5000 ký tự", id="endless-digits"),
    pytest.param("bang.xlsx", _xlsx('<!DOCTYPE worksheet [<!ENTITY e "8.5">]>', "&e;"),
                 "chứa khai báo thực thể XML (DTD/ENTITY)", id="xlsx-entity"),
    pytest.param("bang.xlsx", _xlsx(LAUGHS, "&i;"), "chứa khai báo thực thể XML (DTD/ENTITY)", id="xlsx-laughs"),
]  # fmt: skip


def _snapshot() -> tuple[int, int, int]:
    return Scorecard.objects.count(), Entry.objects.count(), Period.objects.count()


@pytest.mark.parametrize(("name", "content", "expected"), CASES)
def test_the_service_names_the_problem_and_writes_nothing(lap_vo, qd766, tmp_path, name, content, expected):
    period = period_get_or_create(key="2024-01")
    path = tmp_path / name
    path.write_bytes(content)
    before = _snapshot()
    with pytest.raises(ScoresImportError) as caught:
        scores_import(path=path, scheme=qd766, period=period, parent=lap_vo)
    assert expected in "\n".join(caught.value.errors)
    assert _snapshot() == before


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize(("name", "content", "expected"), CASES)
def test_the_upload_page_shows_the_message_and_confirming_writes_nothing(
    district_staff, lap_vo, qd766, media, name, content, expected
):
    client = Client()
    client.force_login(district_staff)
    response = client.post(
        reverse("scores-import"),
        {
            "scheme": Scheme.objects.get(code="qd766").pk,
            "period": "2024-01",
            "parent": lap_vo.pk,
            "file": SimpleUploadedFile(name, content),
        },
    )
    if response.status_code == 302:
        response = client.get(response["Location"])
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not Scorecard.objects.exists() and not Entry.objects.exists()
