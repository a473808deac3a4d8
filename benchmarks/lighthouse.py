"""Lighthouse scores of the built site: the home page, the longest page and the waterbed page, mobile preset.

``make lighthouse`` (that is ``.venv/bin/python benchmarks/lighthouse.py``; ``--quick`` prints and
leaves the README alone) serves ``_site/`` on 127.0.0.1, runs Lighthouse from ``node_modules/``
(``npm ci`` installs the pinned version) with the system Chromium (``CHROME_PATH``, default
``/usr/bin/chromium``) in a fresh profile, and writes the four category scores and the main metrics
into the table of ``benchmarks/README.md`` between the ``lighthouse`` markers. The longest page is
the one with the most visible text outside the library reference. Each page is run ``--runs`` times
(default 3) and the run with the median performance score is shown. Lighthouse's mobile preset
emulates a mid-range phone on a throttled connection (simulated), so scores are comparable between
machines; they still vary by a few points from run to run.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "_site"
README = ROOT / "benchmarks" / "README.md"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
START, END = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "total-byte-weight")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync")  # fmt: skip


@contextlib.contextmanager
def serve(folder: Path):
    """``folder`` over HTTP on a free port of 127.0.0.1, quietly."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def longest_page(site: Path) -> str:
    """The page (relative path) with the most visible text, outside the library reference."""

    def text_length(p: Path) -> int:
        html = p.read_text(encoding="utf-8")
        main = re.search(r"<main\b.*?</main>", html, re.S)
        body = re.sub(r"<(script|style)\b.*?</\1>", "", main.group(0) if main else html, flags=re.S)
        return len(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))

    pages = [p for p in site.rglob("*.html") if "reference" not in p.relative_to(site).parts]
    return max(pages, key=text_length).relative_to(site).as_posix()


def run(url: str, chrome: str) -> dict:
    """One Lighthouse run (mobile preset) of ``url``; returns the report as a dict."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        flags = " ".join([*FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}"])
        cmd = [str(LIGHTHOUSE), url, "--output=json", f"--output-path={out}", "--quiet", f"--chrome-flags={flags}",
               f"--only-categories={','.join(CATEGORIES)}"]  # fmt: skip
        subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": chrome}, timeout=600)
        return json.loads(out.read_text(encoding="utf-8"))


def summary(report: dict) -> dict:
    scores = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = report["audits"]
    metrics = {m: audits[m].get("numericValue") for m in METRICS}
    failing = {c: [a["id"] for a in report["categories"][c]["auditRefs"]
                   if a.get("weight") and (audits[a["id"]].get("score") is not None) and audits[a["id"]]["score"] < 1]
               for c in CATEGORIES if c != "performance"}  # fmt: skip
    return {"scores": scores, "metrics": metrics, "failing": failing, "version": report.get("lighthouseVersion"),
            "agent": report.get("environment", {}).get("hostUserAgent", "")}  # fmt: skip


def table(results: dict[str, dict]) -> str:
    any_r = next(iter(results.values()))
    chrome = re.search(r"Chrome/([\d.]+)", any_r["agent"])
    lines = [
        f"Lighthouse {any_r['version']}, mobile preset, Chromium {chrome.group(1) if chrome else '?'}, the offline build served on 127.0.0.1; "
        "per page the run with the median performance score (its range over the runs in brackets).",
        "",
        "| page | performance | accessibility | best practices | SEO | FCP s | LCP s | TBT ms | CLS | bytes KiB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for page, r in results.items():
        s, m = r["scores"], r["metrics"]
        lo, hi = r.get("range", (s["performance"], s["performance"]))
        lines.append(f"| {page} | {s['performance']} ({lo}–{hi}) | {s['accessibility']} | {s['best-practices']} | {s['seo']} | "
                     f"{m['first-contentful-paint'] / 1000:.1f} | {m['largest-contentful-paint'] / 1000:.1f} | "
                     f"{m['total-blocking-time']:.0f} | {m['cumulative-layout-shift']:.3f} | {m['total-byte-weight'] / 1024:.0f} |")  # fmt: skip
    failing = [f"{page}: {c}: {', '.join(ids)}" for page, r in results.items() for c, ids in r["failing"].items() if ids]
    if failing:
        lines += ["", "Audits not passed: " + "; ".join(failing) + "."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="print only; leave benchmarks/README.md alone")
    ap.add_argument("--site", type=Path, default=SITE)
    ap.add_argument("--runs", type=int, default=3, help="runs per page; the table shows the run with the median performance score")
    args = ap.parse_args(argv)
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run `npm ci` in the project (package.json pins it)")
    if not (args.site / "index.html").is_file():
        sys.exit(f"no built site at {args.site}: run `mainports build --renderer offline` first")
    # the home page, the longest page, and the waterbed analysis (the slowest in the issue that asked for this)
    pages = list(dict.fromkeys(["index.html", longest_page(args.site), "notebooks/03_displacement.html"]))
    results = {}
    with serve(args.site) as base:
        for page in pages:
            runs = [summary(run(base + page, chrome)) for _ in range(max(1, args.runs))]
            runs.sort(key=lambda r: r["scores"]["performance"])
            results[page] = runs[len(runs) // 2]
            results[page]["range"] = (runs[0]["scores"]["performance"], runs[-1]["scores"]["performance"])
            print(page, results[page]["scores"], "performance over the runs:", [r["scores"]["performance"] for r in runs], flush=True)
    text = table(results)
    print(text)
    if not args.quick:
        readme = README.read_text(encoding="utf-8")
        block = f"{START}\n{text}\n{END}"
        if START in readme and END in readme:
            readme = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, readme, flags=re.S)
        else:
            readme = readme.rstrip("\n") + "\n\n## Lighthouse (issue 15)\n\n`make lighthouse` writes this table.\n\n" + block + "\n"
        README.write_text(readme, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
