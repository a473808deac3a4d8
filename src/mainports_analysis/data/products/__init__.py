"""Derived data products written from the loaded data: the data package, the inventory, downloads."""
