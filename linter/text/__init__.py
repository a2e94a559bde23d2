"""Quote verification: normalization, numbers and negations, and the verdict.

``verify.QuoteMatcher(documents).verify_many([(quote, cited_path), ...])`` is
the entry point; everything here is pure (documents arrive as ``{path: text}``).
"""
