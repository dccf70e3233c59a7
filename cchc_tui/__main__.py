"""`python -m cchc_tui` runs the same entry point as the `cchc` command."""

from cchc_tui.cli.main import main

raise SystemExit(main())
