"""Install the shipped schemes (qd766, dienbien-459) as data."""

from django.db import migrations


def install(apps, schema_editor):
    from indicators.scheme_data import SHIPPED_SCHEMES
    from indicators.schemes import scheme_install

    for definition in SHIPPED_SCHEMES:
        scheme_install(definition, lambda name: apps.get_model("indicators", name))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
