"""Install the national portal's 2026 scoring (dvcqg-2026) and close qd766 on 31/12/2025, so each period's
national scheme is chosen by its date."""

from django.db import migrations


def install(apps, schema_editor):
    from indicators.scheme_data import NATIONAL_SCHEMES
    from indicators.schemes import scheme_install

    for definition in NATIONAL_SCHEMES:
        scheme_install(definition, lambda name: apps.get_model("indicators", name))


def uninstall(apps, schema_editor):
    apps.get_model("indicators", "Scheme").objects.filter(code="dvcqg-2026", scorecards__isnull=True).delete()
    apps.get_model("indicators", "Scheme").objects.filter(code="qd766").update(valid_to=None)


class Migration(migrations.Migration):
    dependencies = [("indicators", "0009_portal_units_evidence_figures")]

    operations = [migrations.RunPython(install, uninstall)]
