"""Data in: the registry, the raw files' schemas, validation, loading, scope rulings and series.

Imports nothing above it (no analysis, report or site module).
"""
