"""Shared fixtures: the shipped schemes are loaded by migrations, so tests read them from the database."""

import os

os.environ.setdefault("DEBUG", "1")
