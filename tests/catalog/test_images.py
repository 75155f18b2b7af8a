"""images.toml: every rule's pattern is a regular expression, compiled where an image is matched."""

from __future__ import annotations

import re

from framefit.catalog import load
from framefit.catalog.views import Images


def test_every_image_pattern_compiles() -> None:
    images = load().views.images
    rules = (*images.base, *images.copy_from, *images.service)
    assert rules
    for rule in rules:
        re.compile(rule.match)  # a bad pattern in the catalog fails here, not in a run


def test_the_first_rule_found_in_an_image_decides() -> None:
    images = load().views.images
    assert Images.first(images.service, "postgres:16-alpine") == Images.first(images.service, "postgres")
    assert Images.first(images.service, "postgres") is not None
    assert Images.first(images.service, "no-such-image-anywhere") is None
