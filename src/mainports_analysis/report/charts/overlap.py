"""Keeping chart labels off the lines: the points lines pass through, text boxes, and moving movable labels.

Part of :mod:`mainports_analysis.report.charts.style`, which re-exports every name here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def line_points(ax, *, step_px: float = 2.0, skip_gid: str | None = "mainports-start-line") -> np.ndarray:
    """Points every ``step_px`` display pixels along every line of ``ax`` (gaps stay gaps), as an (n, 2) array."""
    out = [np.empty((0, 2))]
    for line in ax.get_lines():
        if skip_gid and line.get_gid() == skip_gid or not line.get_visible():
            continue
        xy = ax.transData.transform(np.asarray(line.get_xydata(), dtype=float)) if line.get_transform() == ax.transData \
            else line.get_transform().transform(np.asarray(line.get_xydata(), dtype=float))
        ok = np.isfinite(xy).all(axis=1)
        for a, b, good in zip(xy[:-1], xy[1:], ok[:-1] & ok[1:], strict=True):
            if good:
                n = max(2, int(np.hypot(*(b - a)) / step_px) + 1)
                out.append(a + (b - a) * np.linspace(0, 1, n)[:, None])
        out.append(xy[ok])
    return np.vstack(out)


def text_boxes(fig, renderer, *, exclude=()) -> list:
    """Display boxes of the visible, non-empty texts of ``fig`` (titles, labels, annotations), less ``exclude``."""
    boxes = []
    for t in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_window_extent")):
        if t in exclude or not t.get_visible() or not str(t.get_text()).strip():
            continue
        try:
            boxes.append(t.get_window_extent(renderer))
        except (RuntimeError, ValueError):  # pragma: no cover - an artist without a renderer yet
            continue
    return boxes


def _clashes(box, points: np.ndarray, others: Sequence, pad: float) -> bool:
    x0, y0, x1, y1 = box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad
    if len(points) and ((points[:, 0] >= x0) & (points[:, 0] <= x1) & (points[:, 1] >= y0) & (points[:, 1] <= y1)).any():
        return True
    return any(not (o.x1 < x0 or o.x0 > x1 or o.y1 < y0 or o.y0 > y1) for o in others)


def clear_of_lines(fig, ax, *, pad: float = 2.0) -> list:
    """Move each movable label of ``ax`` (gid :data:`MOVABLE`) to the first spot that no line and no other text touches.

    Tries the top of the axes first, then lower, right of its anchor, then left; keeps the first
    clear spot (or the original one when none is clear). Returns the labels still clashing.
    """
    from mainports_analysis.report.charts.style import MOVABLE

    renderer = fig.canvas.get_renderer()
    points = line_points(ax)
    stuck = []
    for ann in [t for t in ax.texts if t.get_gid() == MOVABLE]:
        x, _ = ann.xy
        others = text_boxes(fig, renderer, exclude=(ann,))
        for side in ((4, "left"), (-4, "right")):
            for frac in np.linspace(1, 0.12, 23):
                ann.xy = (x, frac)
                ann.xyann = (side[0], -4)
                ann.set_ha(side[1])
                if not _clashes(ann.get_window_extent(renderer), points, others, pad):
                    break
            else:
                continue
            break
        else:
            ann.xy, ann.xyann = (x, 1), (4, -4)
            ann.set_ha("left")
            stuck.append(ann)
    return stuck


