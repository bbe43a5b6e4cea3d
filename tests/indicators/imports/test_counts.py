"""Importing the one-stop office's counts (`mot-cua`): the downloaded template filled with seed 004's figures reads
back as numerators and denominators, twice without a change; every bad cell is refused naming its row and column,
nothing is written until the whole file is right, and an approved scorecard is never overwritten."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.constants import EventKind
from audit.models import AuditEvent
from indicators.constants import ScorecardStatus
from indicators.demo_operations import SEED_004_COUNTS
from indicators.imports.counts import counts_scheme
from indicators.imports.services import ScoresImportError, scores_import
from indicators.imports.template import import_template_xlsx
from indicators.models import Entry, Scorecard
from indicators.schemes import scheme_spec_load
from indicators.services import period_get_or_create

pytestmark = pytest.mark.django_db

# The district's own one-stop office, for seed 000's "Một cửa huyện" row: 16 dossiers resolved late.
DISTRICT_COUNTS = {"GQ1": (2184, 2200), "GQ2": (16, 2200), "GQ3": (30, 30)}


@pytest.fixture
def mot_cua(db):
    from tests.conftest import _shipped

    return _shipped("mot-cua")


@pytest.fixture
def half(db):
    return period_get_or_create(key="2024-H1")


def template_book(mot_cua, lap_vo) -> openpyxl.Workbook:
    content = import_template_xlsx(scheme=mot_cua, period_key="2024-H1", parent=lap_vo)
    return openpyxl.load_workbook(BytesIO(content))


def fill(book: openpyxl.Workbook, counts_by_code: dict[str, dict[str, tuple]], path: Path) -> Path:
    """Write counts into the template's rows (by the unit code in column B), under the headers it has."""
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        counts = counts_by_code.get(str(sheet.cell(row=row, column=2).value), {})
        for code, (numerator, denominator) in counts.items():
            sheet.cell(row=row, column=header.index(f"{code} tử số") + 1, value=numerator)
            sheet.cell(row=row, column=header.index(f"{code} mẫu số") + 1, value=denominator)
    book.save(path)
    return path


def stored(unit_code: str, scheme, period) -> dict[str, tuple[int, int]]:
    return {
        e.indicator.code: (int(e.numerator), int(e.denominator))
        for e in Entry.objects.filter(
            scorecard__unit__code=unit_code, scorecard__scheme=scheme, scorecard__period=period
        ).select_related("indicator")
    }


def test_the_template_of_a_counts_scheme_has_a_numerator_and_a_denominator_per_indicator(mot_cua, lap_vo):
    assert counts_scheme(scheme_spec_load(mot_cua))
    sheet = template_book(mot_cua, lap_vo).worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:5] == ["STT", "Mã đơn vị", "Tên đơn vị", "TN1 tử số", "TN1 mẫu số"]
    assert "Điểm tổng" not in header and "TN1" not in header
    assert len(header) == 3 + 2 * len(SEED_004_COUNTS)
    # The district's own office first (seed 000's "Một cửa huyện"), then its 13 communes.
    assert sheet.cell(row=2, column=2).value == "875"
    assert sheet.cell(row=3, column=3).value.startswith(("Xã ", "Thị trấn "))
    assert sheet.max_row == 1 + 1 + lap_vo.children.count()


def test_seed_004_round_trips_through_the_template_and_twice_changes_nothing(mot_cua, lap_vo, half, tmp_path):
    path = fill(template_book(mot_cua, lap_vo), {"30193": SEED_004_COUNTS, "875": DISTRICT_COUNTS}, tmp_path / "f.xlsx")
    report = scores_import(path=path, scheme=mot_cua, period=half, parent=lap_vo)
    assert report.counts and report.changed_count == 2
    assert stored("30193", mot_cua, half) == SEED_004_COUNTS
    assert stored("875", mot_cua, half) == DISTRICT_COUNTS
    binh_thanh = next(r for r in report.rows if r.unit.code == "30193")
    assert binh_thanh.values["TN1"] == "1.207/1.222" and binh_thanh.values["GQ2"] == "41/1.219"
    event = AuditEvent.objects.get(kind=EventKind.IMPORT, scorecard=binh_thanh.scorecard)
    assert event.details["file"] == "f.xlsx" and event.details["sha256"] == report.sha256
    assert "GQ2: –" in event.before and "GQ2: 41/1.219" in event.after

    again = scores_import(path=path, scheme=mot_cua, period=half, parent=lap_vo)
    assert again.changed_count == 0
    assert AuditEvent.objects.filter(kind=EventKind.IMPORT).count() == 2


def test_counts_written_as_the_app_shows_them_and_a_two_row_header_read_alike(mot_cua, lap_vo, half, tmp_path):
    path = tmp_path / "hai-dong.tsv"
    path.write_text(
        "STT\tTên đơn vị\tGQ2\t\tGQ3\t\n"
        "\t\tTử số\tMẫu số\tTử số\tMẫu số\n"
        "1\tXã Bình Thành\t41\t1.219\t3\t3\n"
        "2\tXã Tân Mỹ\t2\t1 050\t0\t0\n",
        encoding="utf-8",
    )
    scores_import(path=path, scheme=mot_cua, period=half, parent=lap_vo)
    assert stored("30193", mot_cua, half) == {"GQ2": (41, 1219), "GQ3": (3, 3)}
    assert stored("30175", mot_cua, half) == {"GQ2": (2, 1050), "GQ3": (0, 0)}


@pytest.mark.parametrize(
    ("numerator", "denominator", "column", "words"),
    [
        (1300, 1219, "GQ2 tử số", "lớn hơn mẫu số 1.219"),
        ("12,5", 1219, "GQ2 tử số", "không phải số nguyên"),
        (41, "nhiều", "GQ2 mẫu số", "“nhiều” không phải là số"),
        (41, None, "GQ2 mẫu số", "có tử số nhưng thiếu mẫu số"),
        (-1, 1219, "GQ2 tử số", "âm"),
        ("41%", 1219, "GQ2 tử số", "là tỷ lệ phần trăm"),
    ],
)
def test_a_bad_count_names_its_row_and_column_and_nothing_is_written(
    mot_cua, lap_vo, half, tmp_path, numerator, denominator, column, words
):
    book = template_book(mot_cua, lap_vo)
    counts = {"30193": {**SEED_004_COUNTS, "GQ2": (numerator, denominator)}, "875": DISTRICT_COUNTS}
    path = fill(book, counts, tmp_path / "loi.xlsx")
    header = [c.value for c in book.worksheets[0][1]]
    row = next(r for r in range(2, 20) if book.worksheets[0].cell(row=r, column=2).value == "30193")
    letter = openpyxl.utils.get_column_letter(header.index(column) + 1)
    with pytest.raises(ScoresImportError) as caught:
        scores_import(path=path, scheme=mot_cua, period=half, parent=lap_vo)
    [error] = caught.value.errors
    assert error.startswith(f"Dòng {row}, cột {letter} “{column}”: "), error
    assert words in error and "GQ2" in error
    assert not Entry.objects.filter(scorecard__scheme=mot_cua).exists()


def test_headers_that_cannot_hold_counts_are_refused_once(mot_cua, lap_vo, half, tmp_path):
    path = tmp_path / "tieu-de.tsv"
    path.write_text("Tên đơn vị\tTN1\tGQ2 tử số\nXã Bình Thành\t1207\t41\n", encoding="utf-8")
    with pytest.raises(ScoresImportError) as caught:
        scores_import(path=path, scheme=mot_cua, period=half, parent=lap_vo)
    assert caught.value.errors == [
        "Cột B “TN1”: TN1 là số hồ sơ (tử số trên mẫu số), không có điểm; hãy ghi hai cột “TN1 tử số” và "
        "“TN1 mẫu số” như tệp mẫu.",
        "Cột C “GQ2 tử số”: có cột tử số của GQ2 nhưng không có cột mẫu số (“GQ2 mẫu số”).",
    ]


def test_an_approved_scorecard_is_not_overwritten(mot_cua, lap_vo, half, tmp_path):
    first = fill(template_book(mot_cua, lap_vo), {"30193": SEED_004_COUNTS}, tmp_path / "a.xlsx")
    scores_import(path=first, scheme=mot_cua, period=half, parent=lap_vo)
    Scorecard.objects.filter(scheme=mot_cua, period=half).update(status=ScorecardStatus.APPROVED)
    changed = fill(
        template_book(mot_cua, lap_vo),
        {"30193": {**SEED_004_COUNTS, "GQ2": (40, 1219)}, "875": DISTRICT_COUNTS},
        tmp_path / "b.xlsx",
    )
    with pytest.raises(ScoresImportError) as caught:
        scores_import(path=changed, scheme=mot_cua, period=half, parent=lap_vo)
    [error] = caught.value.errors
    assert "Xã Bình Thành" in error and "Đã duyệt" in error and "bị từ chối" in error
    assert stored("30193", mot_cua, half) == SEED_004_COUNTS
    assert not stored("875", mot_cua, half)  # the open row was rolled back with the refused one


COUNT = st.integers(min_value=0, max_value=50_000)


@st.composite
def pairs(draw) -> dict[str, tuple[int, int]]:
    codes = draw(st.lists(st.sampled_from(sorted(SEED_004_COUNTS)), min_size=1, max_size=5, unique=True))
    result = {}
    for code in codes:
        denominator = draw(COUNT)
        result[code] = (draw(st.integers(min_value=0, max_value=denominator)), denominator)
    return result


WRITTEN = st.sampled_from(["int", "vi", "space"])  # 1207, "1.207", "1 207": what the app shows is read back


def _written(number: int, style: str):
    if style == "int":
        return number
    text = f"{number:,}"
    return text.replace(",", "." if style == "vi" else " ")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(counts=pairs(), style=WRITTEN)
def test_any_whole_counts_read_back_exactly(mot_cua, lap_vo, half, tmp_path, counts, style):
    written = {code: (_written(n, style), _written(d, style)) for code, (n, d) in counts.items()}
    path = fill(template_book(mot_cua, lap_vo), {"30175": written}, tmp_path / "p.xlsx")
    scores_import(path=path, scheme=mot_cua, period=half, parent=lap_vo)
    assert stored("30175", mot_cua, half) == counts
    card = Scorecard.objects.get(unit__code="30175", scheme=mot_cua, period=half)
    assert all(e.numerator == Decimal(e.numerator).to_integral_value() for e in card.entries.all())


def test_the_preview_shows_counts_without_totals_and_the_confirm_writes_them(
    district_staff, mot_cua, lap_vo, tmp_path, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from tests.indicators.imports.test_views import login

    settings.MEDIA_ROOT = tmp_path / "media"
    client = login(district_staff)
    template = client.get(
        reverse("scores-import-template"), {"scheme": mot_cua.pk, "period": "2024-H1", "parent": lap_vo.pk}
    )
    assert template["Content-Disposition"].endswith('-875-2024-H1.xlsx"')
    path = fill(openpyxl.load_workbook(BytesIO(template.content)), {"30193": SEED_004_COUNTS}, tmp_path / "m.xlsx")
    response = client.post(
        reverse("scores-import"),
        {
            "scheme": mot_cua.pk,
            "period": "2024-H1",
            "parent": lap_vo.pk,
            "file": SimpleUploadedFile("mot-cua.xlsx", path.read_bytes()),
        },
    )
    page = client.get(response["Location"]).content.decode()
    assert "1.207/1.222" in page and "41/1.219" in page and "tử số/mẫu số" in page
    assert "Điểm tổng công bố" not in page and "Xác nhận nhập 1 dòng" in page
    assert not Entry.objects.filter(scorecard__scheme=mot_cua).exists()  # the preview wrote nothing
    client.post(response["Location"] + "xac-nhan/")
    assert stored("30193", mot_cua, period_get_or_create(key="2024-H1")) == SEED_004_COUNTS
