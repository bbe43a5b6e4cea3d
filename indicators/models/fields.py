"""Decimal field sizes shared by the models: points to two decimals, counts of dossiers up to 14 digits."""

POINTS = {"max_digits": 7, "decimal_places": 2}
COUNT = {"max_digits": 14, "decimal_places": 2}
