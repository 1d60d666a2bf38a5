"""`python -m tutor` runs the `tutor` command."""

import sys

from tutor.cli import main

sys.exit(main())
