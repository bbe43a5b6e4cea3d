"""The code's shape, checked so it stays: no module over 400 lines (migrations apart, they are generated)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIPPED = {".venv", ".git", "migrations", "node_modules", "staticfiles"}
LIMIT = 400


def _modules() -> list[Path]:
    return [p for p in ROOT.rglob("*.py") if not SKIPPED.intersection(p.relative_to(ROOT).parts)]


def test_no_module_is_over_400_lines() -> None:
    modules = _modules()
    assert len(modules) > 100  # the walk found the project, not an empty folder
    too_long = {
        str(p.relative_to(ROOT)): n for p in modules if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT
    }
    assert too_long == {}
