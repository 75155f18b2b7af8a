"""Accuracy on the labelled PyPI web-application corpus (run on demand, not in CI).

    python benchmarks/corpus.py [CORPUS_DIR] [--labels pypi-apps.json] [--json OUT]

CORPUS_DIR is the directory `fetch.sh` filled (default ../shared/corpus fetched into
../corpus, i.e. its src/NAME-VERSION/ trees). For every labelled project this runs
`framefit.check()` in-process, picks the service that holds the label's framework evidence, and
compares framework, the three answers, the recommendation and fits with the human labels. It
prints per question the accuracy and the confusion (ours x label), the time per project, and every
disagreement with the evidence framefit used.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from framefit import check

HERE = Path(__file__).resolve().parent
DEFAULT_LABELS = HERE.parent.parent / "shared" / "corpus" / "pypi-apps.json"
DEFAULT_CORPUS = HERE.parent.parent / "corpus"
QUESTIONS = {
    "relational_database": "relational_db",
    "user_login": "user_login",
    "container_size": "size_constrained",
}


def label_answer(value: object) -> str:
    """The corpus writes true / false / "unknown"; framefit yes / no / unknown."""
    return {True: "yes", False: "no"}.get(value, "unknown")  # type: ignore[call-overload]


def main_service(report: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any] | None:
    """The service holding the label's framework evidence (the innermost one), else the root."""
    services = report["services"]
    if not services:
        return None
    wanted = [e["path"] for f in entry["frameworks"] for e in f["evidence"]]

    def holds(service: dict[str, Any]) -> int:
        prefix = service["path"]
        if prefix == ".":
            return 0
        return len(prefix) if any(p.startswith(prefix + "/") for p in wanted) else -1

    return max(services, key=holds)


# framefit's names for an application that is its own framework (label framework_class "other").
OWN_APP = frozenset({"asgi"})


def label_framework(entry: dict[str, Any], ours: str | None) -> str:
    """The label's framework, in framefit's words: an app the label classes as its own framework
    ("other": datasette's own ASGI router) is what framefit calls a hand-written ASGI app."""
    if entry.get("framework_class") == "other" and ours in OWN_APP:
        return ours
    return str(entry["framework"])


def compare(entry: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
    service = main_service(report, entry) or {}
    questions = service.get("questions", {})
    row: dict[str, Any] = {
        "name": entry["name"],
        "framework": (service.get("framework"), label_framework(entry, service.get("framework"))),
        "recommendation": (service.get("recommendation"), entry["verdict"]),
        "fits": (service.get("fits"), entry["matches"]),
        "services": [s["path"] for s in report["services"]],
    }
    for ours, theirs in QUESTIONS.items():
        answer = questions.get(ours, {"answer": "unknown", "evidence": [], "against": []})
        row[ours] = (answer["answer"], label_answer(entry[theirs]["value"]))
        row[ours + ":evidence"] = answer["evidence"][:3] + answer["against"][:2]
        row[ours + ":reason"] = answer.get("reason", "")
    return row


def confusion(rows: list[dict[str, Any]], field: str) -> str:
    counts = Counter(row[field] for row in rows)
    values = ("yes", "no", "unknown")
    header = "ours \\ label"
    lines = [f"    {header:<14}" + "".join(f"{v:>9}" for v in values)]
    for ours in values:
        lines.append(f"    {ours:<14}" + "".join(f"{counts[(ours, v)]:>9}" for v in values))
    return "\n".join(lines)


def accuracy(rows: list[dict[str, Any]], field: str) -> tuple[int, int]:
    return sum(1 for row in rows if row[field][0] == row[field][1]), len(rows)


def run(corpus: Path, labels: list[dict[str, Any]], jobs: int = 1,
        only: set[str] | None = None, exhaustive: bool = False) -> list[dict[str, Any]]:
    rows = []
    for entry in labels:
        if only and entry["name"] not in only:
            continue
        tree = corpus / entry["unpack_dir"]
        if not tree.is_dir():
            print(f"missing {tree}: run fetch.sh first", file=sys.stderr)
            continue
        started = time.perf_counter()
        report = check(tree, jobs=jobs, exhaustive=exhaustive).to_dict()
        elapsed = time.perf_counter() - started
        row = compare(entry, report)
        row["seconds"] = round(elapsed, 2)
        row["diagnostics"] = len(report["diagnostics"])
        rows.append(row)
        print(f"{entry['name']}: {elapsed:.1f} s", file=sys.stderr, flush=True)
    return rows


def render(rows: list[dict[str, Any]]) -> str:
    out = [f"{'project':<20}{'framework':<22}{'database':<14}{'login':<14}{'size':<18}"
           f"{'verdict':<18}{'s':>6}"]
    def cell(row: dict[str, Any], field: str) -> str:
        ours, label = row[field]
        return str(ours) if ours == label else f"{ours}/{label}*"

    for row in rows:
        out.append(f"{row['name']:<20}{cell(row, 'framework'):<22}"
                   f"{cell(row, 'relational_database'):<14}{cell(row, 'user_login'):<14}"
                   f"{cell(row, 'container_size'):<18}{cell(row, 'recommendation'):<18}"
                   f"{row['seconds']:>6.2f}")
    out.append("")
    for field in ("framework", *QUESTIONS, "recommendation", "fits"):
        right, total = accuracy(rows, field)
        out.append(f"{field:<22}{right}/{total} = {100 * right / max(total, 1):.0f}%")
        if field in QUESTIONS:
            out.append(confusion(rows, field))
    definite_unknown = sum(
        1 for row in rows for q in QUESTIONS
        if row[q][0] == "unknown" and row[q][1] != "unknown"
    )
    out.append(f"unknown where the label is definite: {definite_unknown}")
    out.append(f"total time {sum(r['seconds'] for r in rows):.1f} s, "
               f"median {sorted(r['seconds'] for r in rows)[len(rows) // 2]:.2f} s per project")
    out.append("\nDisagreements (ours/label, with the evidence framefit used):")
    for row in rows:
        for field in ("framework", *QUESTIONS, "recommendation"):
            ours, label = row[field]
            if ours == label:
                continue
            out.append(f"  {row['name']}: {field} {ours} / label {label}"
                       f"   services={row['services']}")
            if field in QUESTIONS:
                out.append(f"      reason: {row[field + ':reason']}")
                for e in row[field + ":evidence"]:
                    out.append(f"      {e['path']}:{e['line']} {e['signal']} w={e['weight']}  "
                               f"{e['detail'][:70]}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--only", nargs="*", help="project names to run (default: all)")
    parser.add_argument("--exhaustive", action="store_true",
                        help="parse every Python module (framefit check --exhaustive)")
    args = parser.parse_args()
    labels = json.loads(args.labels.read_text())
    rows = run(args.corpus, labels, args.jobs, set(args.only or ()), args.exhaustive)
    if not rows:
        sys.exit(f"no corpus project found under {args.corpus}: run fetch.sh first")
    print(render(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, default=str))


if __name__ == "__main__":
    main()
