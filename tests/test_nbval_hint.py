"""A failing nbval comparison ends with how to refresh the notebook's outputs (the root conftest.py hook)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _notebook(path: Path, source: str, stored: str) -> None:
    cell = {"cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {}, "source": [source],
            "outputs": [{"name": "stdout", "output_type": "stream", "text": [stored]}]}  # fmt: skip
    nb = {"cells": [cell], "nbformat": 4, "nbformat_minor": 5,
          "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}}  # fmt: skip
    path.write_text(json.dumps(nb), encoding="utf-8")


def _nbval(folder: Path, name: str) -> str:
    shutil.copy(ROOT / "conftest.py", folder / "conftest.py")
    run = subprocess.run([sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-p", "no:cacheprovider",
                          "-p", "no:xdist", name], cwd=folder, capture_output=True, text=True, timeout=120)  # fmt: skip
    return run.stdout


def test_a_stale_output_says_how_to_refresh_it(tmp_path):
    _notebook(tmp_path / "stale.ipynb", "print(2)", "1\n")
    out = _nbval(tmp_path, "stale.ipynb")
    assert "1 failed" in out
    assert "how to refresh the notebook's outputs" in out
    assert ".venv/bin/mainports execute stale.ipynb --force" in out and "git add stale.ipynb && git commit" in out


def test_a_current_notebook_gets_no_hint(tmp_path):
    _notebook(tmp_path / "fresh.ipynb", "print(1)", "1\n")
    out = _nbval(tmp_path, "fresh.ipynb")
    assert "1 passed" in out and "refresh" not in out
