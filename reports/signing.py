"""PAdES signatures with pyHanko: signing an issued report (incremental update, visible stamp) and verifying any PDF.

The stamp text is Vietnamese, so it is set in an embedded TrueType font through `pyhanko[opentype]` (the default
Courier garbles it silently). pyHanko spaces glyphs correctly only for a 1000-units-per-em font, so the stamp uses
a rescaled copy of the bundled Liberation Serif, generated on first use and renamed as the SIL OFL requires for a
modified font. PKCS#12 passwords are stored encrypted with FIELD_ENCRYPTION_KEY (a key of their own, so SECRET_KEY
can rotate), never in plain text.
"""

from __future__ import annotations

import base64
import hashlib
import io
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

FONT_SOURCE = settings.BASE_DIR / "static" / "fonts" / "LiberationSerif-Regular.ttf"
STAMP_FAMILY = "Scorecard Stamp Serif"  # a modified OFL font must not keep the reserved name "Liberation"
LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class SigningError(Exception):
    """A certificate that cannot be opened, a wrong password, a report that cannot be signed: said in Vietnamese."""


# --- password at rest -------------------------------------------------------------------------------------------


def _legacy_key(secret: str) -> bytes:
    """The key used before FIELD_ENCRYPTION_KEY existed: SHA-256 of SECRET_KEY. Kept only to read old rows."""
    return base64.urlsafe_b64encode(hashlib.sha256(secret.encode()).digest())


def _keys() -> list[bytes]:
    """FIELD_ENCRYPTION_KEY (comma-separated: the first encrypts, every one decrypts, so a key can rotate), then
    the SECRET_KEY-derived keys of earlier versions, which only decrypt."""
    own = [part.strip().encode() for part in settings.FIELD_ENCRYPTION_KEY.split(",") if part.strip()]
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return own + [_legacy_key(secret) for secret in secrets]


def _fernet() -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in _keys()])
    except ValueError:
        raise SigningError("FIELD_ENCRYPTION_KEY không phải khóa Fernet hợp lệ (32 byte, base64 URL).") from None


def password_encrypt(password: str) -> bytes:
    return _fernet().encrypt(password.encode())


def password_decrypt(token: bytes) -> str:
    try:
        return _fernet().decrypt(bytes(token)).decode()
    except InvalidToken:
        raise SigningError(
            "Không giải mã được mật khẩu chứng thư (FIELD_ENCRYPTION_KEY hoặc SECRET_KEY đã đổi?); "
            "hãy nhập lại chứng thư."
        ) from None


def password_reencrypt(token: bytes) -> bytes:
    """The same password under the current first key (MultiFernet.rotate); raises SigningError if unreadable."""
    try:
        return _fernet().rotate(bytes(token))
    except InvalidToken:
        raise SigningError("Không giải mã được mật khẩu chứng thư bằng khóa nào đang có.") from None


# --- certificates -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateInfo:
    subject: str
    not_after: datetime


def pkcs12_inspect(data: bytes, password: str) -> CertificateInfo:
    """Open a PKCS#12 file to check the password and read who it names; raises SigningError otherwise."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        key, cert, _others = pkcs12.load_key_and_certificates(data, password.encode())
    except ValueError:
        raise SigningError("Không mở được tệp chứng thư số: sai mật khẩu hoặc tệp không phải PKCS#12.") from None
    if key is None or cert is None:
        raise SigningError("Tệp PKCS#12 không có khóa bí mật hoặc chứng thư.")
    return CertificateInfo(subject=cert.subject.rfc4514_string(), not_after=cert.not_valid_after_utc)


def pkcs12_subject(data: bytes, password: str) -> str:
    """Who the certificate names, recorded with each signature ("" if it cannot be read)."""
    try:
        return pkcs12_inspect(data, password).subject[:300]
    except SigningError:
        return ""


def _signer(data: bytes, password: str):
    from pyhanko.sign import signers

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(data, other_certs=(), passphrase=password.encode())
    except Exception as exc:
        raise SigningError("Không mở được tệp chứng thư số: sai mật khẩu hoặc tệp không phải PKCS#12.") from exc
    if signer is None:
        raise SigningError("Không mở được tệp chứng thư số: sai mật khẩu hoặc tệp không phải PKCS#12.")
    return signer


# --- the visible stamp --------------------------------------------------------------------------------------------


def stamp_font_path() -> Path:
    """The 1000-units-per-em, renamed copy of Liberation Serif the stamp is set in (built once per source file)."""
    source = FONT_SOURCE.read_bytes()
    path = Path(tempfile.gettempdir()) / f"scorecard766-stamp-serif-{hashlib.sha256(source).hexdigest()[:12]}.ttf"
    if path.exists():
        return path
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(io.BytesIO(source))
    scale_upem(font, 1000)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(STAMP_FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (3, 4):
            names.setName(f"{STAMP_FAMILY} Regular", record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName("ScorecardStampSerif-Regular", 6, record.platformID, record.platEncID, record.langID)
    partial = path.with_suffix(".tmp")
    font.save(partial)
    partial.replace(path)  # atomic: two workers never read a half-written font
    return path


def _images_background(signature_image: bytes | None, seal_image: bytes | None):
    """The signature centred and the seal overlapping about a third of it on the left (Decree 30/2020)."""
    if not signature_image and not seal_image:
        return None
    from PIL import Image
    from pyhanko.pdf_utils.images import PdfImage

    canvas = Image.new("RGBA", (700, 300), (255, 255, 255, 0))
    if signature_image:
        sign = Image.open(io.BytesIO(signature_image)).convert("RGBA")
        sign.thumbnail((320, 200))
        canvas.alpha_composite(sign, ((700 - sign.width) // 2, (220 - sign.height) // 2))
    if seal_image:
        seal = Image.open(io.BytesIO(seal_image)).convert("RGBA")
        seal.thumbnail((210, 210))
        left = (700 - 320) // 2 - seal.width * 2 // 3
        canvas.alpha_composite(seal, (max(0, left), max(0, (220 - seal.height) // 2)))
    return PdfImage(canvas, writer=None)


def _stamp_style(*, with_images: bool, background):
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    font = GlyphAccumulatorFactory(str(stamp_font_path()), font_size=8, bcp47_lang_code="vi")
    options = {}
    if background is not None:
        options = {
            "background": background,
            "background_opacity": 1.0,
            "background_layout": layout.SimpleBoxLayoutRule(
                x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MAX
            ),
        }
    return TextStampStyle(
        stamp_text="Ký bởi: %(signer)s\nCơ quan: %(body)s\nThời gian ký: %(when)s",
        text_box_style=TextBoxStyle(font=font, font_size=8, leading=10, text_color=(0.1, 0.2, 0.6)),
        border_width=1,
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID,
            y_align=layout.AxisAlignment.ALIGN_MIN if with_images else layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(4, 4, 4, 4),
        ),
        **options,
    )


# --- signing and verifying ----------------------------------------------------------------------------------------


def pdf_sign(
    pdf: bytes,
    *,
    pkcs12: bytes,
    password: str,
    signer_name: str,
    body_name: str,
    place: str = "",
    box: dict[str, float] | None = None,
    signature_image: bytes | None = None,
    seal_image: bytes | None = None,
    timestamp_url: str = "",
) -> bytes:
    """Add a PAdES signature as an incremental update: B-T with a timestamp server, else B-B."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers, timestamps

    signer = _signer(pkcs12, password)
    now = datetime.now(tz=LOCAL_TZ)
    field_name = f"ChuKy{now:%Y%m%d%H%M%S}"
    box = box or {"page": -1, "x1": 330.0, "y1": 90.0, "x2": 528.0, "y2": 175.0}
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    background = _images_background(signature_image, seal_image)
    pdf_signer = signers.PdfSigner(
        signers.PdfSignatureMetadata(
            field_name=field_name,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            name=signer_name or None,
            location=place or None,
            reason="Ban hành văn bản",
        ),
        signer=signer,
        timestamper=timestamps.HTTPTimeStamper(timestamp_url) if timestamp_url else None,
        stamp_style=_stamp_style(with_images=background is not None, background=background),
        new_field_spec=fields.SigFieldSpec(
            sig_field_name=field_name,
            on_page=int(box["page"]),
            box=(int(box["x1"]), int(box["y1"]), int(box["x2"]), int(box["y2"])),
        ),
    )
    output = io.BytesIO()
    pdf_signer.sign_pdf(
        writer,
        output=output,
        appearance_text_params={
            "signer": signer_name or signer.signing_cert.subject.human_friendly,
            "body": body_name,
            "when": f"{now:%H:%M:%S} ngày {now:%d/%m/%Y}",
        },
    )
    return output.getvalue()


@dataclass(frozen=True)
class SignatureCheck:
    """One signature as the verification page reports it."""

    field: str
    signer: str
    signed_at: datetime | None
    timestamped: bool
    intact: bool
    valid: bool
    trusted: bool
    covers_whole_file: bool
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and not self.problem


@dataclass(frozen=True)
class VerificationResult:
    readable: bool
    signatures: list[SignatureCheck]
    message: str = ""


def pdf_verify(data: bytes, *, trust_roots_pem: list[str]) -> VerificationResult:
    """Check every signature of a PDF: intact, cryptographically valid, trusted by the given roots."""
    from asn1crypto import pem, x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = []
    for text in trust_roots_pem:
        for _type, _headers, der in pem.unarmor(text.encode(), multiple=True):
            roots.append(x509.Certificate.load(der))
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:
        return VerificationResult(readable=False, signatures=[], message="Tệp không đọc được như một tệp PDF.")
    if not embedded:
        return VerificationResult(readable=True, signatures=[], message="Tệp PDF không có chữ ký số nào.")
    checks = []
    for signature in embedded:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            status = validate_pdf_signature(signature, context)
        except (SignatureValidationError, ValueError, KeyError) as exc:
            checks.append(
                SignatureCheck(
                    field=signature.field_name,
                    signer="",
                    signed_at=None,
                    timestamped=False,
                    intact=False,
                    valid=False,
                    trusted=False,
                    covers_whole_file=False,
                    problem=f"Chữ ký không kiểm tra được: {exc}",
                )
            )
            continue
        signed_at = status.signer_reported_dt
        checks.append(
            SignatureCheck(
                field=signature.field_name,
                signer=status.signing_cert.subject.human_friendly,
                signed_at=signed_at.astimezone(LOCAL_TZ) if signed_at else None,
                timestamped=status.timestamp_validity is not None,
                intact=status.intact,
                valid=status.valid,
                trusted=status.trusted,
                covers_whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
            )
        )
    return VerificationResult(readable=True, signatures=checks)
