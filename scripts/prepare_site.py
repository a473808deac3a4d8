"""Pre-render step (run by Quarto and by smalldocs before rendering, see _quarto.yml).

Writes the clean data downloads (downloads/*.csv), the PDF edition of the brief in English and Dutch
(downloads/briefing-en.pdf, downloads/briefing-nl.pdf; see mainports_analysis.site.pdf) and the
library reference pages (reference/api/). All are derived from the committed data and code; they
are git-ignored and rebuilt every render.
"""

import os
from pathlib import Path

from mainports_analysis.data.products.downloads import write_downloads
from mainports_analysis.site import project
from mainports_analysis.site.pdf import write_briefs
from mainports_analysis.site.reference import write_api_pages

root = Path(os.environ.get("QUARTO_PROJECT_DIR") or Path(__file__).resolve().parents[1])
write_downloads(root / "downloads", root / "data")
write_briefs(root, root / "downloads", site_url=str((project.config(root).get("website") or {}).get("site-url") or ""))
write_api_pages(root)
