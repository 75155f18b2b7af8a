"""Scanners of database files that are not code: alembic.ini and SQL schemas."""
