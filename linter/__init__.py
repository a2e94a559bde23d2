"""claimlint: a fact-check and citation linter."""

__version__ = "0.1.0"
