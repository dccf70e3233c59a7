"""Use cases, one function each, called by both the CLI and the TUI."""
