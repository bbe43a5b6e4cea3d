"""Seed 000 as data: Lấp Vò's 13 communes for 01/2024 (and 12/2023 for the changes), the 12 districts of Đồng Tháp
with Lấp Vò at 82,07 (83,70 the month before, so "giảm 1,63 điểm", 08/12), a cause entered with a score, and a
throwaway self-signed PKCS#12 made in the test (no key is ever committed)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from indicators.imports.services import scores_import
from indicators.models import GroupNote, IndicatorGroup, Scorecard
from indicators.services import period_get_or_create

GROUPS = "CKMB\tTDGQ\tDVCTT\tTTTT\tMDHL\tMDSH"
# code: (groups, published total) for 01/2024; Lấp Vò (875) is eighth of twelve.
DISTRICTS_2024_01 = {
    "866": ("17\t19\t9\t9\t18\t20", "92,10"),
    "867": ("17\t19\t9\t9\t18\t19", "91,20"),
    "868": ("16\t19\t8\t9\t18\t19", "89,40"),
    "869": ("15\t19\t8\t9\t18\t18", "87,30"),
    "870": ("15\t18\t8\t9\t18\t18", "86,10"),
    "871": ("14\t18\t8\t9\t18\t18", "85,00"),
    "872": ("14\t18\t8\t9\t18\t17", "84,20"),
    "875": ("12,9\t18,1\t7,2\t8,8\t18\t17", "82,07"),
    "873": ("13\t18\t7\t8\t18\t16", "80,50"),
    "874": ("13\t17\t7\t8\t18\t16", "79,10"),
    "876": ("12\t17\t7\t8\t17\t15", "76,00"),
    "877": ("11\t16\t7\t8\t17\t14", "73,30"),
}


def _districts_table(path: Path, rows: dict[str, tuple[str, str]]) -> Path:
    lines = [f"Mã đơn vị\t{GROUPS}\tĐiểm tổng"] + [
        f"{code}\t{groups}\t{total}" for code, (groups, total) in rows.items()
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def january(lap_vo, dong_thap, qd766, seed_file, tmp_path, media):
    """The league tables of 12/2023 and 01/2024 for Đồng Tháp's districts and Lấp Vò's communes."""
    december, january = period_get_or_create(key="2023-12"), period_get_or_create(key="2024-01")
    previous = {code: (groups, total) for code, (groups, total) in DISTRICTS_2024_01.items()}
    previous["875"] = ("13\t18,5\t7,2\t8,8\t18\t18", "83,70")
    scores_import(
        path=_districts_table(tmp_path / "d12.tsv", previous), scheme=qd766, period=december, parent=dong_thap
    )
    scores_import(
        path=_districts_table(tmp_path / "d01.tsv", DISTRICTS_2024_01), scheme=qd766, period=january, parent=dong_thap
    )
    # December for the communes: Bình Thành was 5,78 points higher, Tân Mỹ 2 points higher.
    seed = seed_file("seed000_lapvo_2024-01.tsv").read_text(encoding="utf-8")
    december_seed = seed.replace("65,56", "71,34").replace("72,7\t", "74,7\t")
    (tmp_path / "c12.tsv").write_text(december_seed, encoding="utf-8")
    scores_import(path=tmp_path / "c12.tsv", scheme=qd766, period=december, parent=lap_vo)
    scores_import(path=seed_file("seed000_lapvo_2024-01.tsv"), scheme=qd766, period=january, parent=lap_vo)
    card = Scorecard.objects.get(unit__code="30193", period=january)
    GroupNote.objects.create(
        scorecard=card,
        group=IndicatorGroup.objects.get(scheme=qd766, code="TDGQ"),
        cause="Còn 42 hồ sơ hoàn thành quá hạn trên Cổng Dịch vụ công quốc gia",
    )
    return january


@pytest.fixture
def p12(tmp_path) -> tuple[bytes, str]:
    """A throwaway self-signed certificate and key as PKCS#12, made fresh for the test."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ủy ban nhân dân huyện Lấp Vò"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Nguyễn Văn Thử"),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    password = "mat-khau-p12-thu"
    data = pkcs12.serialize_key_and_certificates(
        b"lapvo", key, cert, None, serialization.BestAvailableEncryption(password.encode())
    )
    return data, password


@pytest.fixture
def p12_pem(p12) -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    _key, cert, _ = pkcs12.load_key_and_certificates(p12[0], p12[1].encode())
    return cert.public_bytes(serialization.Encoding.PEM).decode()
