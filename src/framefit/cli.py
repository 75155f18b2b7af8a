"""The command line: options in, exit codes out. All logic lives in api.py and config.py."""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import replace

import click

from framefit import __version__
from framefit.config import Config
from framefit.errors import FramefitError
from framefit.model import Report, Severity

FORMATS = ("text", "json")
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="framefit")
def cli() -> None:
    """Does the web framework this repository uses (Django or Flask) fit what it does?"""


@cli.command()
@click.argument("path", default=".", type=click.Path(file_okay=True, dir_okay=True))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default=None,
              help="Report format (default: text).")
@click.option("--fail-on", type=click.Choice([s.value for s in Severity]), default=None,
              help="Exit 1 when a finding has this severity or a higher one (default: error).")
@click.option("--select", multiple=True, help="Rule ids or prefixes to run (repeatable).")
@click.option("--ignore", multiple=True, help="Rule ids or prefixes to skip (repeatable).")
@click.option("--exclude", multiple=True, help="Glob of paths to leave out (repeatable).")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of diagnostics.")
def check(path: str, output_format: str | None, fail_on: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], exclude: tuple[str, ...], debug: bool) -> None:
    """Answer the three questions for every service under PATH (default: .)."""
    from framefit.api import check as run_check
    from framefit.reporters import render

    config = Config()
    config = replace(
        config,
        format=output_format or config.format,
        fail_on=Severity(fail_on) if fail_on else config.fail_on,
        select=select or config.select,
        ignore=ignore or config.ignore,
        exclude=config.exclude + exclude,
    )
    if debug:
        logging.basicConfig(level=logging.DEBUG, stream=sys.stderr)
    report = run_check(path, config, debug=debug)
    color = config.format == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(render(config.format, report, color=color), nl=False)
    sys.exit(exit_code(report, config))


def exit_code(report: Report, config: Config) -> int:
    """1 when a finding reaches the failing severity, else 0."""
    failing = any(f.severity.rank >= config.fail_on.rank for f in report.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


@cli.command()
def rules() -> None:
    """List every rule: id, default severity and title."""
    from framefit.rules import RULES

    width = max(len(r.name) for r in RULES)
    for rule in RULES:
        click.echo(f"{rule.id}  {rule.severity.value:<7}  {rule.name:<{width}}  {rule.title}")


def main() -> None:
    """Entry point: one-line messages and exit 2 for usage, config and internal errors."""
    debug = "--debug" in sys.argv
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_ERROR)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(EXIT_ERROR)
    except FramefitError as exc:
        click.echo(f"framefit: error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:
        if debug:
            raise
        click.echo(f"framefit: internal error: {type(exc).__name__}: {exc} (run with --debug)",
                   err=True)
        sys.exit(EXIT_ERROR)
