"""``python -m graph_builder`` runs the ``unkg`` command line."""

import sys

from graph_builder.cli import main

sys.exit(main())
