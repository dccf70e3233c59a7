"""Local SQLite store: connections, migrations, seeding, tables and queries."""
