"""Safe to publish: no secrets or personal contact data in the repository, dependencies pinned."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SECRETS = {
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}"),
    "generic secret assignment": re.compile(r"(?i)\b(password|passwd|secret|api[_-]?key|token)\s*[:=]\s*['\"][^'\"\s]{8,}['\"]"),
}
EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")


def _tracked_text_files() -> list[Path]:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    names = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    files = []
    for n in names:
        p = ROOT / n
        if p.is_file() and p.suffix.lower() not in {".png", ".jpg", ".woff", ".woff2", ".pdf"}:
            files.append(p)
    return files


def _scan(files, pattern) -> list[str]:
    hits = []
    for p in files:
        try:
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for m in pattern.finditer(text):
            name = p.relative_to(ROOT) if p.is_relative_to(ROOT) else p.name
            hits.append(f"{name}: {m.group(0)[:40]}")
    return hits


@pytest.mark.parametrize("kind", sorted(SECRETS))
def test_no_secrets_in_the_repository(kind):
    assert _scan(_tracked_text_files(), SECRETS[kind]) == []


def test_no_personal_email_addresses():
    """The briefing names institutions, not officials; no contact addresses are published."""
    hits = [h for h in _scan(_tracked_text_files(), EMAIL) if "users.noreply" not in h and "example." not in h]
    assert hits == []


def test_secret_scanner_catches_a_planted_key(tmp_path):
    planted = tmp_path / "x.py"
    # built from parts so that this file does not itself contain what it looks for
    planted.write_text("API_" + 'KEY = "abcd1234efgh5678"\n' + "-----BEGIN RSA " + "PRIVATE KEY-----\n", encoding="utf-8")
    assert len(_scan([planted], SECRETS["generic secret assignment"])) == 1
    assert len(_scan([planted], SECRETS["private key"])) == 1
