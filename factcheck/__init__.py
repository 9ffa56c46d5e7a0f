"""factcheck: cross-reference claims across documents (distribution name on the package index: factcheck-claims)."""

__version__ = "0.1.0"
