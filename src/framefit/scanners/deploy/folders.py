"""Folders a deployment file names (a compose build context, an azure.yaml project, what a
Dockerfile copies) as repo paths, for `Evidence.about`: "." is the root, "" the file's own."""

from __future__ import annotations

from framefit.walk.reader import join


def folder(directory: str, written: str) -> str | None:
    """The repo folder `written` names, relative to the repo folder `directory` ("" the root):
    "." for the root, None when it is outside the repository."""
    found = join(directory, f"{written.strip()}/.marker")
    return None if found is None else (found.rpartition("/")[0] or ".")


def about(directory: str, written: str) -> str | None:
    """`folder`, but "" when it is `directory` itself (the evidence is about its own file)."""
    found = folder(directory, written)
    return "" if found == (directory or ".") else found
