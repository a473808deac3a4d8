"""Rewrite the series inventory (Appendix A) of data/README.md from the raw files.

`mainports edition` and `mainports build` already do this (see data/README.md, "Updating the data");
run `python scripts/data_inventory.py` only to see the inventory of uncommitted edits without either.
A test fails while the README and the data disagree.
"""

from mainports_analysis.data.products.inventory import write_inventory
from mainports_analysis.paths import project_root

readme = project_root() / "data" / "README.md"
changed = write_inventory(readme, project_root() / "data")
print(f"{'wrote' if changed else 'unchanged:'} the inventory in {readme}")
