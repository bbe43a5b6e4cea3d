"""Install the one-stop office's scheme (mot-cua) with its floor and ceiling targets."""

from django.db import migrations


def install(apps, schema_editor):
    from indicators.scheme_data import MOT_CUA
    from indicators.schemes import scheme_install

    scheme_install(MOT_CUA, lambda name: apps.get_model("indicators", name))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0006_indicator_target_direction")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
