"""Rewrite the series inventory (Appendix A) of data/README.md from the raw files.

Run after editing data/raw: `python scripts/data_inventory.py`. A test fails while the README and the
data disagree.
"""


from mainports_analysis.data.products.inventory import inventory_markdown, with_inventory
from mainports_analysis.paths import project_root

readme = project_root() / "data" / "README.md"
readme.write_text(with_inventory(readme.read_text(encoding="utf-8"), inventory_markdown()), encoding="utf-8")
print(f"wrote the inventory into {readme}")
