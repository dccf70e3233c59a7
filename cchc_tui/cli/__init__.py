"""The `cchc` command line: `main.py` parses, one module per family of subcommands."""
