"""``python -m ahp_analytics``: the command line."""

import sys

from ahp_analytics.cli import main

sys.exit(main())
