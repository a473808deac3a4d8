"""Pre-render step (run by Quarto and by smalldocs before rendering, see _quarto.yml).

Writes the clean data downloads (downloads/*.csv) and the library reference pages (reference/api/).
Both are derived from the committed data and code; they are git-ignored and rebuilt every render.
"""

import os
from pathlib import Path

from mainports_analysis.data.products.downloads import write_downloads
from mainports_analysis.site.reference import write_api_pages

root = Path(os.environ.get("QUARTO_PROJECT_DIR") or Path(__file__).resolve().parents[1])
write_downloads(root / "downloads", root / "data")
write_api_pages(root)
