"""Configuration: the layers a run's Config is resolved from (`layers`), finding and reading the
configuration file (`discovery`), known answers (`known_answers`) and rule selection
(`selection`)."""

from __future__ import annotations

from framefit.config.layers import Config, env_name, load, resolve

__all__ = ["Config", "env_name", "load", "resolve"]
