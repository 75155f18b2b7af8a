"""Scanners of dependency manifests: requirements files, pyproject.toml, setup.py, setup.cfg,
Pipfile, lock files, conda environments and package metadata."""
