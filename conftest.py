"""Repository-wide pytest hooks (this file sits at the root so that it also applies to the notebooks nbval
checks in ``notebooks/``, ``pages/`` and the root, which ``tests/conftest.py`` does not reach).

When nbval finds that a notebook's committed outputs differ from a fresh run, the failure report ends
with how to refresh them, so a contributor whose library change was intended knows what to do.
"""

from __future__ import annotations

import pytest

REFRESH_HINT = (
    "The committed outputs of {path} differ from a fresh run (the diff is above).\n"
    "If the change is intended (you changed the library, the data or the notebook), refresh the outputs\n"
    "and commit the notebook:\n"
    "    .venv/bin/mainports execute {path} --force\n"
    "    git add {path} && git commit\n"
    "If it is not intended, the diff shows which output changed."
)


def _is_nbval(item: pytest.Item) -> bool:
    return type(item).__module__.split(".")[0] == "nbval"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Append :data:`REFRESH_HINT` to a failed nbval cell's report (a section, shown after the diff)."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed and _is_nbval(item):
        try:
            path = item.path.relative_to(item.config.rootpath).as_posix()
        except ValueError:
            path = str(item.path)
        if "mismatch" in str(report.longrepr):  # an output differs; an exception in a cell needs a fix, not a refresh
            report.sections.append(("how to refresh the notebook's outputs", REFRESH_HINT.format(path=path)))
