"""Report: what a reader sees. Formatters, labels, findings (verdicts into templates), tables, charts."""
