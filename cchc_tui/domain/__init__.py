"""Domain: the plan, agencies, roles, periods, progress entries, the signed bundle and the
office's rules. Imports neither textual nor the database (import-linter checks it)."""
