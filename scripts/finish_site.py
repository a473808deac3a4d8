"""Post-render step (run by Quarto and by smalldocs after rendering, see _quarto.yml).

Serves the interactive-table library from site_libs/ instead of inline in every page.
"""

import os
from pathlib import Path

from mainports_analysis.site_assets import externalize_itables

root = Path(os.environ.get("QUARTO_PROJECT_DIR") or Path(__file__).resolve().parents[1])
out = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR") or "_site")
externalize_itables(out if out.is_absolute() else root / out)
