"""Fixtures for scoring tests: the shipped schemes and the seed tables as files."""

from __future__ import annotations

from pathlib import Path

import pytest

from indicators.models import Scheme

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def seed_file():
    return lambda name: FIXTURES / name


@pytest.fixture
def qd766(db) -> Scheme:
    return Scheme.objects.get(code="qd766")


@pytest.fixture
def dienbien459(db) -> Scheme:
    return Scheme.objects.get(code="dienbien-459")
