"""Problems that stop a run before any claim is checked (exit code 2)."""


class UsageError(Exception):
    """Bad command line, configuration or I/O: reported plainly, exit 2."""
