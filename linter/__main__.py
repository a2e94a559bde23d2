"""Allow ``python -m linter``."""

import sys

try:
    from linter.cli import EXIT_INTERRUPTED, main
except KeyboardInterrupt:  # Ctrl-C while starting up: as quiet as during the run
    sys.exit(130)

try:
    sys.exit(main())
except KeyboardInterrupt:
    sys.exit(EXIT_INTERRUPTED)
