"""A deterministic fuzzer for hostile and broken input (issue 16).

``cases`` generates projects (registry, sources, settings, arguments) from a
seed; ``oracle`` runs claimlint on each, in-process or as a subprocess, and
checks what claimlint promises whatever the input: no exception escapes, the
exit code is 0, 1 or 2 (130 after Ctrl-C), no file changes without ``--fix``
(and with it only quote scalars), every location is inside its file, no raw
control or format character reaches any output, and time and memory stay
bounded. ``python -m tests.fuzz --help`` runs it at any length.
"""
