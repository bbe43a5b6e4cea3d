"""Move certificate passwords from the SECRET_KEY-derived key to FIELD_ENCRYPTION_KEY (a no-op without one)."""

from django.conf import settings
from django.db import migrations


def reencrypt(apps, schema_editor):
    if not settings.FIELD_ENCRYPTION_KEY:
        return  # nothing to move to yet: `manage.py reencrypt_certificates` does it once the key is set
    from reports.signatures import certificates_reencrypt

    certificates_reencrypt(model=apps.get_model("reports", "SigningCertificate"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0005_report_issued_by_signed_by")]

    operations = [migrations.RunPython(reencrypt, migrations.RunPython.noop)]
