"""``python -m countycare`` runs the command line."""

import sys

from countycare.cli import main

sys.exit(main())
