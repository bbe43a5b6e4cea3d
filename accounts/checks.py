"""Deploy checks of our own (`manage.py check --deploy`): settings Django's checks do not know about."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def field_encryption_key_check(app_configs, **kwargs) -> list[Warning]:
    """Without FIELD_ENCRYPTION_KEY the certificate passwords are keyed by SECRET_KEY and die with its rotation."""
    if getattr(settings, "FIELD_ENCRYPTION_KEY", ""):
        return []
    return [
        Warning(
            "FIELD_ENCRYPTION_KEY is not set: certificate passwords are encrypted with a key derived from SECRET_KEY.",
            hint="Set FIELD_ENCRYPTION_KEY (a Fernet key) and run `manage.py reencrypt_certificates`.",
            id="accounts.W001",
        )
    ]
