"""Tests organised like the package."""
