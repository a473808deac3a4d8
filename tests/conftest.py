"""Shared fixtures: the project root, the valid test corpus, and a copy of it to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A fresh copy of the small valid corpus (tests/corpus/valid) that a test may edit."""
    target = tmp_path / "data"
    shutil.copytree(CORPUS / "valid", target)
    return target


@pytest.fixture(autouse=True)
def _fresh_load_cache():
    from mainports_analysis.data import load

    load.clear_cache()
    yield
    load.clear_cache()
