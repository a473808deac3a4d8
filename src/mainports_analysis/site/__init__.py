"""Site: the project config, notebook execution, rendering, post-render assets, the build, reference pages.

Knows nothing of the analyses' content.
"""
