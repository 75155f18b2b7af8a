"""The command line: options in, exit codes out. All logic lives in api.py and config.py."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import click

from framefit import __version__
from framefit.config.layers import Config, resolve
from framefit.engine.collector import relax
from framefit.errors import FramefitError
from framefit.model import Report, Severity
from framefit.output import colored, echo, terminal_width, write
from framefit.progress import ProgressBar

FORMATS = ("text", "json", "markdown", "sarif", "github", "gitlab")
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


COLORS = ("auto", "always", "never")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="framefit", message="%(prog)s %(version)s")
def cli() -> None:
    """Does the web framework this repository uses (Django or Flask) fit what it does?"""


@cli.command()
@click.argument("path", default=".", type=click.Path(file_okay=True, dir_okay=True))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default=None,
              help="Report format (default: text).")
@click.option("--fail-on", type=click.Choice([s.value for s in Severity]), default=None,
              help="Exit 1 when a finding has this severity or a higher one (default: error).")
@click.option("--select", multiple=True,
              help="Rule ids or prefixes to run, or ALL, instead of the configured ones (repeatable).")
@click.option("--extend-select", multiple=True, help="Rule ids or prefixes to run as well (repeatable).")
@click.option("--ignore", multiple=True,
              help="Rule ids or prefixes to skip, as well as the configured ones (repeatable).")
@click.option("--exclude", multiple=True,
              help=".gitignore-style pattern of paths to leave out, instead of the configured ones "
                   "(repeatable).")
@click.option("--extend-exclude", multiple=True,
              help=".gitignore-style pattern of paths to leave out as well (repeatable).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Read the configuration from FILE instead of discovering it.")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of diagnostics.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="Write the report to FILE (its folders made as needed; - for stdout); the "
                   "terminal still gets the text report.")
@click.option("--exit-zero", is_flag=True, help="Always exit 0, whatever the findings.")
@click.option("--quiet", "-q", is_flag=True,
              help="No progress bar, and with --output nothing on the terminal.")
@click.option("--verbose", "-v", is_flag=True, help="Log what was checked and how long it took.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes for parsing Python when there are many files (default: the CPUs "
                   "this process may use, within its container's quota).")
@click.option("--no-cache", is_flag=True,
              help="Neither read nor write the caches (the last report, per-file results).")
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None,
              help="Where the cache lives (default: $FRAMEFIT_CACHE_DIR, else the platform's "
                   "cache folder).")
@click.option("--color", type=click.Choice(COLORS), default="auto",
              help="Colour the text report: auto (a terminal, unless NO_COLOR or TERM=dumb; "
                   "FORCE_COLOR forces it), always or never.")
@click.option("--show-settings", is_flag=True,
              help="Print the settings this check would use, and what set each, then exit.")
@click.option("--exhaustive", is_flag=True,
              help="Parse every Python module, not only those that can still change an answer "
                   "(same answers, longer evidence lists, slower).")
def check(path: str, output_format: str | None, fail_on: str | None, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], exclude: tuple[str, ...],
          extend_exclude: tuple[str, ...], config_file: str | None, debug: bool, output: str | None,
          exit_zero: bool, quiet: bool, verbose: bool, jobs: int | None, no_cache: bool,
          cache_dir: str | None, exhaustive: bool, color: str, show_settings: bool) -> None:
    """Answer the three questions for every service under PATH (default: .)."""
    from framefit.api import check as run_check
    from framefit.engine.cpus import usable_cpus

    options = {"format": output_format, "fail_on": fail_on, "select": select,
               "extend_select": extend_select, "ignore": ignore, "exclude": exclude,
               "extend_exclude": extend_exclude}
    if show_settings:
        from framefit.config.settings import show

        echo(show(path, config_file, os.environ, options))
        return
    config = resolve(path, config_file, os.environ, options)
    _start_logging(debug, verbose)
    with ProgressBar(enabled=not quiet and sys.stderr.isatty()) as progress:
        report = run_check(path, config, debug=debug, progress=progress,
                           jobs=jobs or usable_cpus(), cache_dir=_cache_dir(no_cache, cache_dir),
                           exhaustive=exhaustive)
    if verbose or debug:
        _log_elapsed(progress)
    emit(report, config.format, output, quiet=quiet, color=color, verbose=verbose)
    sys.exit(EXIT_OK if exit_zero else exit_code(report, config))


def _start_logging(debug: bool, verbose: bool) -> None:
    """Logs on stderr for --debug or --verbose; logging is imported only then (a run from the
    report cache is ~0.07 s)."""
    if debug or verbose:
        import logging

        _log_to_stderr(logging.DEBUG if debug else logging.INFO)


def _cache_dir(no_cache: bool, cache_dir: str | None) -> Path | None:
    """Where the caches live: none with --no-cache, else --cache-dir or the default."""
    if no_cache:
        return None
    from framefit.cache.location import default_dir

    return Path(cache_dir or default_dir())


def _log_elapsed(progress: ProgressBar) -> None:
    """Log how long the check took, and over how many files (or that it reused the last report)."""
    import logging

    log = logging.getLogger("framefit")
    if progress.reported:
        log.info("checked %d files in %.2f s", progress.total, progress.elapsed())
    else:
        log.info("nothing the last report depends on has changed: reused it (%.2f s)",
                 progress.elapsed())


def emit(report: Report, output_format: str, output: str | None, *, quiet: bool,
         color: str = "auto", verbose: bool = False) -> None:
    """Print the report (`output` None or "-"), or write it to `output` and print the text
    report unless quiet. The text report on stdout is coloured as `color` says and wrapped to
    the terminal's width; with `verbose`, every reason in full.

    With the github format and `$GITHUB_STEP_SUMMARY` set, the decision record is appended there.
    """
    from framefit.reporters import render

    if output is None or output == "-":
        echo(_text(report, color, verbose) if output_format == "text" else render(output_format, report))
    else:
        write(Path(output), render(output_format, report), "w")
        if not quiet:
            echo(_text(report, color, verbose))
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and step_summary:
        from framefit.reporters import github

        write(Path(step_summary), github.step_summary(report), "a")


def _text(report: Report, color: str, verbose: bool) -> str:
    """The text report for the terminal; its reporter (and rich, for colour) imported only then."""
    from framefit.reporters import text

    return text.render(report, color=colored(color), width=terminal_width(), verbose=verbose)


def _log_to_stderr(level: int) -> None:
    """--verbose and --debug logs on stderr, each message one `plain` line (they name files)."""
    import logging

    from framefit.reporters.escape import plain

    def one_plain_line(record: logging.LogRecord) -> bool:
        record.msg, record.args = plain(record.getMessage()), None
        return True

    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(one_plain_line)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler])


def exit_code(report: Report, config: Config) -> int:
    """1 when a finding reaches the failing severity, else 0."""
    failing = any(f.severity.rank >= config.fail_on.rank for f in report.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


@cli.command()
@click.argument("path", default=".", type=click.Path(file_okay=True, dir_okay=True))
@click.option("--reason", required=True, help="Why the team keeps the framework (one line).")
@click.option("--service", default=None,
              help="Record only this service (its path relative to PATH, as the report names it).")
@click.option("--dry-run", is_flag=True, help="Print the change as a unified diff and write nothing.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Record into FILE (inside the repository) instead of the discovered configuration.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the caches.")
def record(path: str, reason: str, service: str | None, dry_run: bool, config_file: str | None,
           no_cache: bool) -> None:
    """Record the decision to keep each service's framework, with the answers it rests on."""
    from framefit.api import record as record_decisions
    from framefit.cache.location import default_dir
    from framefit.reporters.escape import plain

    config = resolve(path, config_file, os.environ)
    result = record_decisions(path, reason, service, dry_run, config=config, config_file=config_file,
                              cache_dir=None if no_cache else default_dir())
    if not result.diff:
        done = "would change" if dry_run else "written"
        click.echo(f"{plain(result.file)}: already records this; nothing {done}")
    elif dry_run:  # the file's lines are the repo's text: each is shown as one plain line
        click.echo("".join(plain(line) + "\n" for line in result.diff.splitlines()), nl=False)
    else:
        for item in result.decisions:
            answers = ", ".join(f"{q.value} {v.value}" for q, v in item.decision.answers)
            click.echo(f"recorded {item.decision.framework} for service {plain(item.service)} "
                       f"({answers}) at {plain(item.decision.source.location)}")


@cli.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              help="A table (default), or JSON: every rule with its texts.")
def rules(output_format: str) -> None:
    """List every rule: id, default severity, name and title."""
    from framefit.rules.docs import as_json, table

    echo(as_json() if output_format == "json" else table())


@cli.command()
@click.argument("rule_id", metavar="RULE")
def explain(rule_id: str) -> None:
    """Explain a rule (its id, FF101, or its name, flask-needs-database): title, rationale,
    hint, example and how to silence it."""
    from framefit.rules.docs import explain as describe

    echo(describe(rule_id))


def main() -> None:
    """Entry point: one-line messages and exit 2 for usage, config and internal errors.

    Once the output is flushed the process ends at once (os._exit): every file is closed and
    the worker pool shut down by then, and tearing the interpreter down object by object took
    0.06-0.1 s of a 0.7 s run on a large tree.

    The collector keeps a run's pace (module `engine.collector`) for the whole command: the
    process ends here, and when a check restored the usual pace, the next allocation made it
    walk every object the run had left young (some 2 ms of a run on a small tree, for nothing).
    """
    relax()
    code = _run(debug="--debug" in sys.argv)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    if "logging" in sys.modules:  # imported by --verbose, --debug or the scanners' pool
        sys.modules["logging"].shutdown()
    os._exit(code)


def _run(*, debug: bool) -> int:
    try:
        cli.main(standalone_mode=False)
    except SystemExit as exc:
        return _exit_status(exc.code)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except click.exceptions.Abort:
        echo("Aborted.\n", err=True)
        return EXIT_ERROR
    except FramefitError as exc:
        _error(f"framefit: error: {exc}")
        for line in getattr(exc, "excerpt", ()):
            _error(line)
        return EXIT_ERROR
    except Exception as exc:
        if debug:
            raise
        _error(f"framefit: internal error: {type(exc).__name__}: {exc} (run with --debug)")
        return EXIT_ERROR
    return EXIT_OK


def _error(line: str) -> None:
    """One line on stderr, `plain`: the message of a run's end may quote the repo (a config key)."""
    from framefit.reporters.escape import plain

    echo(plain(line) + "\n", err=True)


def _exit_status(code: object) -> int:
    """The status `sys.exit(code)` would give: an int as is, None 0, anything else printed and 1."""
    if code is None:
        return EXIT_OK
    if isinstance(code, int):
        return code
    _error(str(code))
    return 1
