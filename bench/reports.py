"""Render times of the reports, as the worker runs them: `python bench/reports.py`.

Builds, in a throwaway SQLite database: a district with 23 communes (the monthly report, target ≤ 1,2 s median),
a province with 700 districts' rows (one table of 700 rows, target ≤ 15 s and ≤ 400 MB), and signs the monthly
report with a throwaway certificate. Memory is the process's peak RSS after each step.
"""

from __future__ import annotations

import logging
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecard_site.test_settings")
WORK = Path(tempfile.mkdtemp(prefix="bench-reports-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

settings.MEDIA_ROOT = WORK / "media"
BENCH_PASSWORD = "bench-only"  # noqa: S105 - a throwaway certificate made by this script
for noisy in ("fontTools", "weasyprint"):  # per-glyph subsetting and layout steps are logged at INFO
    logging.getLogger(noisy).setLevel(logging.ERROR)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(parent_kind: str, child_kind: str, children: int, period_key: str):
    """A parent and `children` units with random scorecards for the period, recomputed as the app does."""
    from indicators.models import Entry, Scheme, Scorecard
    from indicators.services import period_get_or_create, scorecards_recompute
    from units.models import AdministrativeUnit

    scheme = Scheme.objects.get(code="qd766")
    period = period_get_or_create(key=period_key)
    code = f"B{AdministrativeUnit.objects.count():05d}"
    parent = AdministrativeUnit.objects.create(code=code, name=f"Thử {code}", kind=parent_kind)
    rng = random.Random(766)
    groups = list(scheme.groups.all())
    for number in range(children):
        unit = AdministrativeUnit.objects.create(
            code=f"{code}-{number}", name=f"Đơn vị số {number + 1}", kind=child_kind, parent=parent
        )
        card = Scorecard.objects.create(unit=unit, period=period, scheme=scheme)
        Entry.objects.bulk_create(
            Entry(
                scorecard=card, group=g, points=(g.max_points * Decimal(rng.uniform(0.4, 1))).quantize(Decimal("0.1"))
            )
            for g in groups
        )
    scorecards_recompute(scheme=scheme, period=period)
    return parent, scheme, period


def render_seconds(report) -> float:
    from reports.pdf import report_pdf

    started = time.perf_counter()
    report_pdf(report)
    return time.perf_counter() - started


def main() -> None:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID
    from django.template.loader import render_to_string

    from reports import services
    from reports.pdf import document_context, html_to_pdf
    from reports.signing import pdf_sign

    call_command("migrate", verbosity=0)
    district, scheme, period = build("huyen", "xa", 23, "2024-01")
    report = services.report_draft(issuing_unit=district, scheme=scheme, period=period, kind="monthly")
    render_seconds(report)  # warm-up: fonts and templates load once per worker
    times = [render_seconds(report) for _ in range(5)]
    rendered = services.report_render(report=report)
    print(
        f"monthly report, 23 communes, 6 charts: median {statistics.median(times):.2f} s "
        f"(min {min(times):.2f}, max {max(times):.2f}), target ≤ 1,2 s; peak {peak_mb():.0f} MB"
    )

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Người ký thử")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    p12 = pkcs12.serialize_key_and_certificates(
        b"x", key, cert, None, serialization.BestAvailableEncryption(BENCH_PASSWORD.encode())
    )
    content = rendered.pdf.read()
    pdf_sign(
        content,
        pkcs12=p12,
        password=BENCH_PASSWORD,
        signer_name="Người ký thử",
        body_name="UBND",
        box=rendered.signature_box,
    )
    signs = []
    for _ in range(5):
        started = time.perf_counter()
        pdf_sign(
            content,
            pkcs12=p12,
            password=BENCH_PASSWORD,
            signer_name="Người ký thử",
            body_name="UBND",
            box=rendered.signature_box,
        )
        signs.append(time.perf_counter() - started)
    print(f"signing (PAdES B-B, visible stamp): median {statistics.median(signs):.2f} s")

    province, scheme, period = build("tinh", "huyen", 700, "2024-02")
    report = services.report_draft(issuing_unit=province, scheme=scheme, period=period, kind="monthly")
    # The provincial table alone: one 700-row ranking, without the per-group tables and charts.
    html = render_to_string("reports/ranking_table.html", document_context(report))
    started = time.perf_counter()
    result = html_to_pdf(html)
    print(
        f"provincial table, 700 rows: {time.perf_counter() - started:.1f} s, {result.pages} pages, "
        f"target ≤ 15 s and ≤ 400 MB; peak {peak_mb():.0f} MB"
    )


if __name__ == "__main__":
    main()
