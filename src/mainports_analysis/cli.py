"""The ``mainports`` command: validate the data, build the briefing, write the data package.

    mainports validate [--data-dir PATH]
    mainports build [--renderer auto|quarto|offline] [--jobs N] [--force]
    mainports execute NOTEBOOK... [--jobs N] [--force]
    mainports datapackage [--check]
    mainports edition [--date YYYY-MM-DD] [--replace]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _validate(args: argparse.Namespace) -> int:
    from mainports_analysis.data.validate import validate
    from mainports_analysis.paths import data_dir, reference_dir

    base = data_dir(args.data_dir)
    if not base.is_dir():
        print(f"{base}: no such data directory", file=sys.stdout)
        print("1 error(s), 0 warning(s)", file=sys.stderr)
        return 1
    report = validate(base)
    for p in report.problems:
        print(p, file=sys.stdout if p.severity == "error" else sys.stderr)
    registry = reference_dir(base)
    elsewhere = "" if base in registry.parents else f"; registry from {registry}"
    if report.errors:
        print(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s) in {report.data_dir}{elsewhere}", file=sys.stderr)
        return 1
    rows = sum(len(t.frame) for t in report.tables.values())
    print(f"ok: {len(report.tables)} files, {rows} rows valid ({len(report.warnings)} warning(s)) in {report.data_dir}{elsewhere}", file=sys.stderr)
    return 0


def _build(args: argparse.Namespace) -> int:
    from mainports_analysis.site.build import BuildError, build

    try:
        result = build(renderer=args.renderer, jobs=args.jobs, force=args.force, say=lambda s: print(s, flush=True))
    except BuildError as err:
        print(f"✗ build failed: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr)
        return 130
    print(f"built {result.site} with {result.renderer}")
    return 0


def _execute(args: argparse.Namespace) -> int:
    from mainports_analysis.paths import project_root
    from mainports_analysis.site.execute import NotebookError, UnreadableNotebook, execute_many

    root = project_root()
    paths = [Path(p).resolve() for p in args.notebooks]

    def shown(path: Path) -> str:
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)

    try:
        for o in execute_many(paths, root, jobs=args.jobs, force=args.force):
            print(f"{shown(o.path)}: {o.action} ({o.seconds:.1f} s)")
    except UnreadableNotebook as err:
        print(f"✗ {shown(err.path)} {err.reason}; nothing was executed", file=sys.stderr)
        return 1
    except NotebookError as err:
        print(f"✗ {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("✗ interrupted: every notebook is either untouched or completely re-executed", file=sys.stderr)
        return 130
    return 0


def _datapackage(args: argparse.Namespace) -> int:
    from mainports_analysis.data.products.datapackage import stale, write

    if args.check:
        out_of_date = stale()
        for target in out_of_date:
            print(f"{target} is out of date with the schemas or the data: run `mainports datapackage`", file=sys.stderr)
        if not out_of_date:
            print("data/datapackage.json and data/derived/series.csv are up to date")
        return 1 if out_of_date else 0
    written = write()
    for target in written:
        print(f"wrote {target}")
    if not written:
        print("data/datapackage.json and data/derived/series.csv are up to date")
    return 0


def _edition(args: argparse.Namespace) -> int:
    from mainports_analysis.paths import project_root
    from mainports_analysis.site.editions import EditionError, cut

    root = project_root()
    try:
        path, changes = cut(root, args.date, replace=args.replace)
    except EditionError as err:
        print(f"✗ no edition cut: {err}", file=sys.stderr)
        return 1
    import json

    record = json.loads(path.read_text(encoding="utf-8"))
    print(f"edition {record['date']} (version {record['version']}) written to {path.relative_to(root).as_posix()}; "
          "CITATION.cff, pyproject.toml, data/README.md, data/datapackage.json and pages/changes.qmd updated")  # fmt: skip
    for line in changes.lines() if changes else ["the first edition: nothing to compare it with"]:
        print(line)
    print("commit editions/, CITATION.cff, pyproject.toml, data/ and pages/changes.qmd, then `make setup` "
          "(the installed version) and `mainports build`")  # fmt: skip
    return 0


INTERRUPTED = (
    "✗ build interrupted: every notebook is either untouched or completely re-executed (each is written whole), "
    "and _site/ is a complete build, the previous one unless the new one was already in place"
)


def _jobs(text: str) -> int:
    """``--jobs N``: a whole number of at least 1."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {n}")
    return n


def parser() -> argparse.ArgumentParser:
    """The command-line interface."""
    p = argparse.ArgumentParser(prog="mainports", description="Validate the data and build the mainports briefing.")
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="check the raw data; one line per problem, exit 1 on any error")
    v.add_argument("--data-dir", type=Path, default=None, help="data directory (default: the project's data/)")
    v.set_defaults(func=_validate)

    b = sub.add_parser("build", help="validate, execute changed notebooks, render the site into _site/")
    b.add_argument("--renderer", choices=("auto", "quarto", "offline"), default="auto",
                   help="quarto, offline (smalldocs), or auto: quarto when on PATH, else offline")  # fmt: skip
    b.add_argument("--jobs", type=_jobs, default=None, help="notebooks executed at once (default: number of cores)")
    b.add_argument("--force", action="store_true", help="execute every notebook, changed or not")
    b.set_defaults(func=_build)

    e = sub.add_parser("execute", help="execute notebooks in place (only when their inputs changed, unless --force)")
    e.add_argument("notebooks", nargs="+", help="notebook files")
    e.add_argument("--jobs", type=_jobs, default=None, help="notebooks executed at once (default: number of cores)")
    e.add_argument("--force", action="store_true", help="execute even when nothing changed")
    e.set_defaults(func=_execute)

    d = sub.add_parser("datapackage", help="write data/datapackage.json and data/derived/series.csv")
    d.add_argument("--check", action="store_true", help="exit 1 when the committed descriptor or series is out of date")
    d.set_defaults(func=_datapackage)

    ed = sub.add_parser("edition", help="cut a dated edition: record data and findings, bump the version, say what changed")
    ed.add_argument("--date", default=None, help="the edition's date, YYYY-MM-DD (default: today, UTC)")
    ed.add_argument("--replace", action="store_true", help="re-cut the edition of that date when it already exists")
    ed.set_defaults(func=_edition)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``mainports`` console script."""
    args = parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
