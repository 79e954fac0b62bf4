"""`python -m fieldcrm`: same as the `fieldcrm` command."""

import sys

from fieldcrm.cli import main

sys.exit(main())
