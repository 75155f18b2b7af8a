"""Accuracy and confidence calibration on the two labelled corpora (run on demand, not in CI).

    python benchmarks/corpus.py [--corpus pypi|github|both] [--pypi-dir DIR] [--github-dir DIR]
                                [--pypi-labels F] [--github-labels F] [--only NAME ...]
                                [--exhaustive] [--jobs N] [--json OUT]

Getting the data (paths relative to the repository's parent, the folder that holds `shared/`):

- PyPI corpus (20 published packages): `sh ../shared/corpus/fetch.sh ../corpus` downloads,
  checks and unpacks them into ../corpus/src/NAME-VERSION/ (labels: pypi-apps.json).
- GitHub corpus (30 repositories, 36 services): for each entry of
  ../shared/corpus/github/labels.json, the search tool's `fetch` of `github:OWNER/NAME` gives a
  git directory GITDIR; then
  `sh ../shared/corpus/github/materialise.sh GITDIR COMMIT ../ghcorpus/OWNER+NAME`
  exports the entry's pinned `commit` (never HEAD).

The defaults find ../corpus, ../ghcorpus and ../shared/corpus/... beside the first ancestor
folder of this repository that holds `shared/corpus`, so a git worktree nested deeper finds the
same data. A tree that is missing is reported on stderr and in the summary, and skipped.

For every project this runs `framefit.check()` in-process (no cache), takes the version-1 JSON
(`Report.to_dict()`) and compares, per service, framework, the three answers, the recommendation
and fits with the labels:

- PyPI: the service holding the label's framework evidence (the innermost one, else the root).
- GitHub: the report's service at the label's `path` (or, when framefit roots it higher, the
  nearest enclosing service that no other labelled service shares), scored as the README says:
  a missing `framework` (FastAPI, Quart) is right unless framefit says django or flask, missing
  `fits` and `container_size` are not scored, and a service without `expect` must not be
  reported as a Django or Flask service.

It prints the per-service table with the time per project, the accuracy per field per corpus and
combined, the confusion per question, the calibration (share right per confidence level; an
`unknown` answer where the label is definite is wrong), the wrong `high` answers, and every
disagreement with framefit's reason and its heaviest evidence. `--json OUT` writes every row.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from framefit import check

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = ("relational_database", "user_login", "container_size")
FIELDS = ("framework", *QUESTIONS, "recommendation", "fits")
LEVELS = ("high", "medium", "low", "none")  # "none": the service was not reported at all
CORPORA = ("pypi", "github")
DJANGO_FLASK = frozenset({"django", "flask"})
NOT_DJANGO_FLASK = "other"  # the GitHub label of a FastAPI / Quart service's framework
PYPI_QUESTIONS = {"relational_database": "relational_db", "user_login": "user_login",
                  "container_size": "size_constrained"}
ALT_LABELS = {"relational_database": "relational_db", "user_login": "user_login",
              "recommendation": "verdict", "fits": "matches"}
# framefit's names for an application that is its own framework (PyPI framework_class "other").
OWN_APP = frozenset({"asgi"})


def data_home(repo: Path) -> Path:
    """The first ancestor of the repo that holds shared/corpus (else the repo's parent)."""
    return next((p for p in repo.parents if (p / "shared" / "corpus").is_dir()), repo.parent)


HOME = data_home(REPO)


# ---------------------------------------------------------------------------------------- rows


@dataclass
class Score:
    ours: object
    label: object
    right: bool


@dataclass
class Row:
    """One judged service: what framefit said and what the label says, field by field."""

    corpus: str
    project: str
    service: str  # the label's service path (PyPI: the service compared)
    matched: str | None  # the report's service compared, None when it reports none
    ours: dict[str, object]  # every field as framefit reported it, scored or not
    scores: dict[str, Score]
    answers: dict[str, dict[str, Any]]
    framework_evidence: list[dict[str, Any]]
    label_confidence: str = ""
    alt_labels: dict[str, Any] | None = None
    note: str = ""


@dataclass
class Project:
    corpus: str
    project: str
    seconds: float
    services: list[str]
    diagnostics: int
    forbidden: list[str] = field(default_factory=list)  # reported as django/flask, must not be
    unlabelled: list[str] = field(default_factory=list)  # reported, in no label


def is_right(ours: object, label: object) -> bool:
    if label == NOT_DJANGO_FLASK:
        return ours not in DJANGO_FLASK
    return ours == label


def heaviest(evidence: Iterable[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    return sorted(evidence, key=lambda e: -float(e.get("weight") or 0))[:n]


def answer_block(service: dict[str, Any] | None, question: str) -> dict[str, Any]:
    """framefit's answer to one question, cut to what a reader needs; `none` when unreported."""
    if service is None:
        return {"answer": None, "confidence": "none", "reason": "service not reported",
                "evidence": [], "against": []}
    block = service["questions"][question]
    return {"answer": block["answer"], "confidence": block["confidence"],
            "reason": block.get("reason", ""), "evidence": heaviest(block["evidence"], 3),
            "against": heaviest(block["against"], 2)}


def framework_evidence(service: dict[str, Any] | None) -> list[dict[str, Any]]:
    if service is None:
        return []
    return [e for f in service["frameworks"] for e in heaviest(f["evidence"], 2)][:4]


def ours(service: dict[str, Any] | None, name: str) -> object:
    if service is None:
        return None
    return service["questions"][name]["answer"] if name in QUESTIONS else service[name]


def make_row(corpus: str, project: str, path: str, service: dict[str, Any] | None,
             expected: dict[str, object]) -> Row:
    """Score every field of `expected` (those not in it are not scored)."""
    reported = {name: ours(service, name) for name in FIELDS}
    scores = {name: Score(reported[name], label, is_right(reported[name], label))
              for name, label in expected.items()}
    answers = {q: answer_block(service, q) for q in QUESTIONS}
    matched = service["path"] if service else None
    return Row(corpus, project, path, matched, reported, scores, answers,
               framework_evidence(service))


# ---------------------------------------------------------------------------------------- PyPI


def label_answer(value: object) -> str:
    """The PyPI corpus writes true / false / "unknown"; framefit yes / no / unknown."""
    return {True: "yes", False: "no"}.get(value, "unknown")  # type: ignore[call-overload]


def main_service(report: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any] | None:
    """The service holding the label's framework evidence (the innermost one), else the root."""
    services = report["services"]
    wanted = [e["path"] for f in entry["frameworks"] for e in f["evidence"]]

    def holds(service: dict[str, Any]) -> int:
        prefix = service["path"]
        if prefix == ".":
            return 0
        return len(prefix) if any(p.startswith(prefix + "/") for p in wanted) else -1

    return max(services, key=holds) if services else None


def label_framework(entry: dict[str, Any], ours: object) -> str:
    """The label's framework in framefit's words: an app the label classes as its own framework
    ("other": datasette's own ASGI router) is what framefit calls a hand-written ASGI app."""
    if entry.get("framework_class") == "other" and ours in OWN_APP:
        return str(ours)
    return str(entry["framework"])


def pypi_expected(entry: dict[str, Any], service: dict[str, Any] | None) -> dict[str, object]:
    expected: dict[str, object] = {"framework": label_framework(entry, ours(service, "framework"))}
    for question, key in PYPI_QUESTIONS.items():
        expected[question] = label_answer(entry[key]["value"])
    expected.update(recommendation=entry["verdict"], fits=entry["matches"])
    return expected


def pypi_rows(entry: dict[str, Any], report: dict[str, Any], project: Project) -> list[Row]:
    service = main_service(report, entry)
    path = service["path"] if service else "."
    row = make_row("pypi", entry["name"], path, service, pypi_expected(entry, service))
    if len(report["services"]) > 1:
        row.note = f"compared {path} of {project.services}"
    return [row]


# -------------------------------------------------------------------------------------- GitHub


def github_expected(expect: dict[str, Any]) -> dict[str, object]:
    """The fields `expect` scores, in FIELDS order; no `framework` means FastAPI / Quart."""
    expected: dict[str, object] = {"framework": expect.get("framework", NOT_DJANGO_FLASK)}
    expected.update((name, expect[name]) for name in FIELDS[1:] if name in expect)
    return expected


def within(path: str, folder: str) -> bool:
    """`path` is `folder` or below it (everything is below the root `.`)."""
    return folder == "." or inside(path, folder)


def inside(path: str, folder: str) -> bool:
    """`path` is `folder` or below it, the root `.` holding only itself."""
    return path == folder or path.startswith(folder + "/")


def find_service(services: list[dict[str, Any]], path: str,
                 labelled: list[str]) -> tuple[dict[str, Any] | None, str]:
    """The report's service at `path`, else the nearest enclosing one that holds no other
    labelled service (a tree rooted higher than the label); with a note saying which."""
    exact = [s for s in services if s["path"] == path]
    if exact:
        return exact[0], ""
    enclosing = [s for s in services if within(path, s["path"])
                 and not any(within(other, s["path"]) for other in labelled if other != path)]
    if not enclosing:
        return None, f"no service at {path} (reported: {[s['path'] for s in services]})"
    best = max(enclosing, key=lambda s: len(s["path"]) if s["path"] != "." else 0)
    return best, f"matched the enclosing service {best['path']}"


def github_rows(entry: dict[str, Any], report: dict[str, Any]) -> list[Row]:
    labelled = [s["path"] for s in entry["services"]]
    rows = []
    for label in entry["services"]:
        if "expect" not in label:
            continue
        service, note = find_service(report["services"], label["path"], labelled)
        row = make_row("github", entry["repo"], label["path"], service,
                       github_expected(label["expect"]))
        row.note, row.label_confidence = note, entry.get("confidence", "")
        row.alt_labels = entry.get("alt_labels")
        rows.append(row)
    return rows


def check_extras(entry: dict[str, Any], report: dict[str, Any], rows: list[Row],
                 project: Project) -> None:
    """Django/Flask services at or inside a label service without `expect` (a Node, .NET or
    front-end app), and reported services that no label matched."""
    unjudged = [s["path"] for s in entry["services"] if "expect" not in s]
    compared = {row.matched for row in rows}
    for service in report["services"]:
        shown = f"{service['path']} ({service['framework']})"
        if service["framework"] in DJANGO_FLASK and any(inside(service["path"], u)
                                                        for u in unjudged):
            project.forbidden.append(shown)
        elif service["path"] not in compared:
            project.unlabelled.append(shown)


# ------------------------------------------------------------------------------------- running


@dataclass
class Options:
    """How framefit runs, and which projects."""

    jobs: int
    exhaustive: bool
    only: set[str]


@dataclass
class Result:
    """Every project run, every row scored, and every tree not found."""

    projects: list[Project] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def selected(names: Iterable[str], only: set[str]) -> bool:
    return not only or any(name in only for name in names)


def names_of(entry: dict[str, Any]) -> list[str]:
    """What --only accepts for an entry: the PyPI name, or OWNER/NAME, OWNER+NAME and NAME."""
    if "repo" not in entry:
        return [entry["name"]]
    repo = entry["repo"]
    return [repo, repo.replace("/", "+"), repo.split("/")[-1]]


def analyse(corpus: str, name: str, tree: Path,
            options: Options) -> tuple[dict[str, Any], Project]:
    started = time.perf_counter()
    report = check(tree, jobs=options.jobs, exhaustive=options.exhaustive).to_dict()
    seconds = time.perf_counter() - started
    print(f"{corpus} {name}: {seconds:.2f} s", file=sys.stderr, flush=True)
    services = [s["path"] for s in report["services"]]
    return report, Project(corpus, name, round(seconds, 3), services, len(report["diagnostics"]))


def tree_or_report(tree: Path, name: str, missing: list[str]) -> bool:
    if tree.is_dir():
        return True
    print(f"missing tree for {name}: {tree} (skipped; see this script's docstring)",
          file=sys.stderr)
    missing.append(f"{name} ({tree})")
    return False


def run_pypi(labels: list[dict[str, Any]], root: Path, options: Options,
             result: Result) -> None:
    for entry in labels:
        name = entry["name"]
        tree = root / entry["unpack_dir"]
        if not selected(names_of(entry), options.only) or not tree_or_report(tree, name,
                                                                             result.missing):
            continue
        report, project = analyse("pypi", name, tree, options)
        result.projects.append(project)
        result.rows.extend(pypi_rows(entry, report, project))


def run_github(labels: list[dict[str, Any]], root: Path, options: Options,
               result: Result) -> None:
    for entry in labels:
        repo = entry["repo"]
        tree = root / repo.replace("/", "+")
        if not selected(names_of(entry), options.only) or not tree_or_report(tree, repo,
                                                                             result.missing):
            continue
        report, project = analyse("github", repo, tree, options)
        rows = github_rows(entry, report)
        check_extras(entry, report, rows, project)
        result.projects.append(project)
        result.rows.extend(rows)


# ------------------------------------------------------------------------------------ rendering


def percent(right: int, total: int) -> str:
    return f"{right}/{total} {100 * right / total:3.0f}%" if total else "-"


def groups(rows: list[Row]) -> dict[str, list[Row]]:
    """The rows per corpus present, and all of them when there are two."""
    per = {c: in_corpus for c in CORPORA if (in_corpus := [r for r in rows if r.corpus == c])}
    return per if len(per) < 2 else {**per, "both": rows}


def tally(rows: Iterable[Row], name: str) -> tuple[int, int]:
    scores = [r.scores[name] for r in rows if name in r.scores]
    return sum(s.right for s in scores), len(scores)


def cell(row: Row, name: str) -> str:
    score = row.scores.get(name)
    if score is None:
        return f"{row.ours[name]}(-)"
    return str(score.ours) if score.right else f"{score.ours}/{score.label}*"


def render_services(result: Result) -> list[str]:
    seconds = {(p.corpus, p.project): p.seconds for p in result.projects}
    out = [f"{'corpus':<7}{'project / service':<58}{'framework':<17}{'database':<12}{'login':<12}"
           f"{'size':<14}{'recommend':<16}{'fits':<13}{'s':>6}"]
    shown: set[tuple[str, str]] = set()
    for row in result.rows:
        key = (row.corpus, row.project)
        time_cell = "" if key in shown else f"{seconds[key]:.2f}"
        shown.add(key)
        name = row.project if row.service == "." else f"{row.project} {row.service}"
        out.append(f"{row.corpus:<7}{name[:57]:<58}{cell(row, 'framework'):<17}"
                   f"{cell(row, 'relational_database'):<12}{cell(row, 'user_login'):<12}"
                   f"{cell(row, 'container_size'):<14}{cell(row, 'recommendation'):<16}"
                   f"{cell(row, 'fits'):<13}{time_cell:>6}")
    out.append("(ours/label* = disagreement; (-) = not scored: the label omits it)")
    return out


def render_accuracy(result: Result) -> list[str]:
    by = groups(result.rows)
    out = ["Accuracy (right/total)", f"  {'field':<22}" + "".join(f"{c:<16}" for c in by)]
    for name in FIELDS:
        out.append(f"  {name:<22}" + "".join(f"{percent(*tally(rs, name)):<16}"
                                             for rs in by.values()))
    out.append(f"  {'all fields':<22}" + "".join(f"{percent(*all_fields(rs)):<16}"
                                                 for rs in by.values()))
    return out


def all_fields(rows: list[Row]) -> tuple[int, int]:
    tallies = [tally(rows, name) for name in FIELDS]
    return sum(right for right, _ in tallies), sum(total for _, total in tallies)


def render_extras(result: Result) -> list[str]:
    github = [p for p in result.projects if p.corpus == "github"]
    if not github:
        return []
    forbidden = [f"{p.project} {s}" for p in github for s in p.forbidden]
    unlabelled = [f"{p.project} {s}" for p in github for s in p.unlabelled]
    out = [f"GitHub: services reported as django/flask that must not be: {len(forbidden)}"]
    out += [f"  {s}" for s in forbidden]
    out.append(f"GitHub: reported services in no label (not scored): {len(unlabelled)}")
    return out + [f"  {s}" for s in unlabelled]


def confusion(rows: list[Row], question: str) -> Counter[tuple[object, object]]:
    return Counter((r.scores[question].ours, r.scores[question].label)
                   for r in rows if question in r.scores)


def render_confusion(result: Result) -> list[str]:
    by = {c: rs for c, rs in groups(result.rows).items() if c != "both"}
    values = ("yes", "no", "unknown")
    out = ["Confusion (rows: ours, columns: label yes/no/unknown)"]
    for question in QUESTIONS:
        counts = {c: confusion(rs, question) for c, rs in by.items()}
        out.append(f"  {question:<22}" + "".join(f"{c:<21}" for c in by))
        for mine in (*values, None):
            out.append(f"    {mine or 'not reported':<20}" + "".join(
                "".join(f"{counts[c][(mine, v)]:>6}" for v in values) + " " * 3 for c in by))
    return out


def answers_at(rows: Iterable[Row], question: str | None, level: str) -> list[Score]:
    """The scored answers framefit gave at `level` (for every question when None)."""
    names = QUESTIONS if question is None else (question,)
    return [r.scores[q] for r in rows for q in names
            if q in r.scores and r.answers[q]["confidence"] == level]


def calibration_cell(scores: list[Score]) -> str:
    if not scores:
        return "-"
    right = sum(s.right for s in scores)
    return f"{len(scores):>3} {100 * right / len(scores):4.0f}% right"


def render_calibration(result: Result) -> list[str]:
    by = groups(result.rows)
    out = ["Calibration (framefit's confidence: answers, share right)",
           f"  {'question':<22}{'confidence':<12}" + "".join(f"{c:<17}" for c in by)]
    for question in (*QUESTIONS, None):
        for level in LEVELS:
            cells = [calibration_cell(answers_at(rs, question, level)) for rs in by.values()]
            if any(c != "-" for c in cells):
                out.append(f"  {question or 'overall':<22}{level:<12}"
                           + "".join(f"{c:<17}" for c in cells))
    return out


def wrong_high(rows: list[Row]) -> list[tuple[Row, str]]:
    return [(r, q) for r in rows for q in QUESTIONS
            if q in r.scores and not r.scores[q].right and r.answers[q]["confidence"] == "high"]


def render_wrong_high(result: Result) -> list[str]:
    wrong = wrong_high(result.rows)
    total = len(answers_at(result.rows, None, "high"))
    out = [f"Wrong high-confidence answers: {len(wrong)} of {total}"]
    for row, question in wrong:
        score = row.scores[question]
        out.append(f"  {row.corpus} {row.project} {row.service}: {question} {score.ours} / "
                   f"label {score.label} -- {row.answers[question]['reason']}")
    return out


def evidence_line(e: dict[str, Any], side: str) -> str:
    detail = str(e["detail"]).replace("\n", " ")[:90]
    where = e["path"] if e["line"] is None else f"{e['path']}:{e['line']}"
    return f"        {side} {where} {e['signal']} w={e['weight']}  {detail}"


def explain(row: Row, name: str) -> list[str]:
    """Why framefit answered as it did: its reason and heaviest evidence for and against."""
    if name == "framework":
        return [evidence_line(e, "+") for e in row.framework_evidence]
    if name not in QUESTIONS:
        inputs = ", ".join(f"{q}={row.answers[q]['answer']}" for q in QUESTIONS[:2])
        return [f"        follows from {inputs}"]
    block = row.answers[name]
    return ([f"        reason ({block['confidence']}): {block['reason']}"]
            + [evidence_line(e, "+") for e in block["evidence"]]
            + [evidence_line(e, "-") for e in block["against"]])


def alt_note(row: Row, name: str) -> str:
    """Says so when the label's alternative reading (alt_labels) agrees with framefit."""
    key = ALT_LABELS.get(name)
    if not row.alt_labels or key not in row.alt_labels:
        return ""
    alt = row.alt_labels[key]
    alt = label_answer(alt) if name in QUESTIONS else alt
    return "  [alt_labels agree]" if alt == row.scores[name].ours else ""


def render_disagreements(result: Result) -> list[str]:
    out = ["Disagreements (ours / label; + evidence for, - against, heaviest first)"]
    for row in result.rows:
        wrong = [name for name in FIELDS if name in row.scores and not row.scores[name].right]
        if not wrong:
            continue
        notes = [f"label confidence {row.label_confidence}"] if row.label_confidence else []
        notes += [row.note] if row.note else []
        out.append(f"  {row.corpus} {row.project} {row.service}: {'; '.join(notes)}".rstrip())
        for name in wrong:
            score = row.scores[name]
            out.append(f"    {name}: {score.ours} / {score.label}{alt_note(row, name)}")
            out.extend(explain(row, name))
    return out


def render_time(result: Result) -> list[str]:
    out = []
    for corpus in CORPORA:
        seconds = [p.seconds for p in result.projects if p.corpus == corpus]
        if seconds:
            out.append(f"Time {corpus}: {len(seconds)} projects, total {sum(seconds):.1f} s, "
                       f"median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s")
    total = sum(p.seconds for p in result.projects)
    return [*out, f"Time total: {total:.1f} s"]


def render_unknowns(result: Result) -> list[str]:
    definite = sum(1 for r in result.rows for q in QUESTIONS if q in r.scores
                   and r.scores[q].ours == "unknown" and r.scores[q].label != "unknown")
    label_unknown = sum(1 for r in result.rows for q in QUESTIONS
                        if q in r.scores and r.scores[q].label == "unknown")
    return [f"unknown where the label is definite (counted wrong): {definite}; "
            f"label itself unknown (right only if ours is unknown): {label_unknown}"]


def render(result: Result) -> str:
    missing = [f"Missing trees (skipped, not counted): {len(result.missing)}",
               *(f"  {m}" for m in result.missing)] if result.missing else []
    sections = [render_services(result), render_accuracy(result), render_extras(result),
                render_confusion(result), render_calibration(result), render_unknowns(result),
                render_wrong_high(result), render_time(result), missing,
                render_disagreements(result)]
    return "\n\n".join("\n".join(s) for s in sections if s)


# ------------------------------------------------------------------------------------------ CLI


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", choices=("pypi", "github", "both"), default="both")
    parser.add_argument("--pypi-dir", type=Path, default=HOME / "corpus",
                        help="the folder fetch.sh filled (with src/NAME-VERSION/ inside)")
    parser.add_argument("--github-dir", type=Path, default=HOME / "ghcorpus",
                        help="the folder of OWNER+NAME trees")
    parser.add_argument("--pypi-labels", type=Path,
                        default=HOME / "shared" / "corpus" / "pypi-apps.json")
    parser.add_argument("--github-labels", type=Path,
                        default=HOME / "shared" / "corpus" / "github" / "labels.json")
    parser.add_argument("--only", nargs="+", default=[],
                        help="projects to run: PyPI name, OWNER/NAME, OWNER+NAME or NAME")
    parser.add_argument("--exhaustive", action="store_true",
                        help="parse every Python module (framefit check --exhaustive)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", type=Path, help="also write every row as JSON")
    return parser.parse_args()


def load_labels(path: Path) -> list[dict[str, Any]]:
    try:
        return list(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as error:
        sys.exit(f"cannot read labels {path}: {error}")


def write_json(path: Path, result: Result) -> None:
    data = {"projects": [asdict(p) for p in result.projects],
            "rows": [asdict(r) for r in result.rows], "missing": result.missing}
    path.write_text(json.dumps(data, indent=1, default=str) + "\n", encoding="utf-8")


def warn_unknown_names(only: set[str], labels: list[dict[str, Any]]) -> None:
    known = {name for entry in labels for name in names_of(entry)}
    for name in sorted(only - known):
        print(f"--only {name}: no such project in the labels read", file=sys.stderr)


def main() -> None:
    args = parse_args()
    options = Options(args.jobs, args.exhaustive, set(args.only))
    result = Result()
    pypi = load_labels(args.pypi_labels) if args.corpus in ("pypi", "both") else []
    github = load_labels(args.github_labels) if args.corpus in ("github", "both") else []
    warn_unknown_names(options.only, pypi + github)
    run_pypi(pypi, args.pypi_dir, options, result)
    run_github(github, args.github_dir, options, result)
    if not result.rows:
        sys.exit("no labelled project found: see this script's docstring for getting the data")
    print(render(result))
    if args.json:
        write_json(args.json, result)


if __name__ == "__main__":
    main()
