"""Analysis: numbers only. Metrics, money, hubs, displacement measures, the waterbed design, measures.

Returns frames and small dataclasses; never a sentence, a label or HTML (that is :mod:`report`).
"""
