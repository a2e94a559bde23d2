"""Subcommands beyond check/report/rule(s), one module each: ``register`` and ``run``.

Keeping each in its own module keeps ``cli.py`` a thin shell that many people
can edit at once.
"""
