"""``python -m countycare`` runs the command line."""

import sys

from countycare.cli import main

if __name__ == "__main__":  # importing this module (autodoc does) must not run the CLI
    sys.exit(main())
