"""The plan: which planned files to scan, round by round, while what they can show may still
change an answer.

A planned file is one whose scanners say in advance which signals they may give there (a
scanner's `signals`, or its `prefilter` over the file's bytes). Its *groups* are what those
signals bear on (answers/settled.py `bearing`); a file with none can give no evidence and is
never scanned, in any mode. The others are scanned in rounds (8, 16, 32... files); between
rounds the repository is answered as the pipeline answers it (answers/repo.py) and a file whose
groups are all settled for its service is left unread. This module knows nothing of Python,
Django or Dockerfiles: only files, groups and services.

What the plan may skip never changes an answer (a file is skipped only when its groups are
settled, and settled groups are those no evidence can move); `--exhaustive` scans every file
with groups, and lists every observation. What a move touches is no group: the pipeline reads
it from the bytes of the app modules once the answers are final (scanners/python/move.py). The
pipeline keeps a planned file's diagnostics only while one of its groups is open in the final
answers (`open_groups` with nothing pending), so both modes report the same diagnostics too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from framefit.answers.repo import RepoAnswers
from framefit.answers.settled import FRAMEWORK, STRUCTURE, frameworks_in, settled
from framefit.catalog import Catalog
from framefit.walk import WalkedFile

FIRST_ROUND = 8
# Prepare(files): settle the unconfirmed groups of these files now, all together (the scan
# confirms many at once in its pool); what each is confirmed to is the same either way.
Prepare = Callable[[list["Planned"]], None]


@dataclass(slots=True)
class Planned:
    """A planned file and the groups its evidence can bear on; `unconfirmed` groups it may bear
    on only if the repo's other files bear them out, which `confirm` finds out when the plan
    needs to know (a look at other files: most groups settle first)."""

    walked: WalkedFile
    groups: frozenset[str]
    size: int = 0
    unconfirmed: frozenset[str] = frozenset()
    confirm: Callable[[], frozenset[str]] | None = None

    @property
    def path(self) -> str:
        return self.walked.path

    def settle_unconfirmed(self, confirmed: frozenset[str] | None = None) -> None:
        """Make the unconfirmed groups sure or drop them (once): those `confirm` bears out, or
        `confirmed` when it was worked out already (elsewhere: `Prepare`)."""
        if self.unconfirmed and confirmed is None and self.confirm is not None:
            confirmed = self.confirm()
        if self.unconfirmed and confirmed is not None:
            self.groups |= confirmed & self.unconfirmed
        self.unconfirmed = frozenset()

    def open_in(self, settled: frozenset[str], confirm: bool = True) -> frozenset[str]:
        """The groups still open when `settled` are. When only unconfirmed ones are, they are
        confirmed first, or (without `confirm`) given as they are: `tentative` then says so."""
        if not self.groups - settled and self.unconfirmed - settled:
            if not confirm:
                return self.unconfirmed - settled
            self.settle_unconfirmed()
        return self.groups - settled

    def tentative(self, opened: frozenset[str]) -> bool:
        """Whether `opened` (from `open_in` without confirming) rests on unconfirmed groups."""
        return bool(opened) and opened.isdisjoint(self.groups)


def open_groups(repo: RepoAnswers, pending: Iterable[Planned], catalog: Catalog,
                files: Iterable[Planned] | None = None, confirm: bool = True,
                prepare: Prepare | None = None) -> dict[str, frozenset[str]]:
    """Per file of `files` (default: `pending`), the groups it bears on that more evidence can
    still change, given what the files still `pending` can show (`confirm`: see `open_in`).

    A file of a candidate service that may yet become a service of its own (it has a manifest,
    no framework shown yet, and a pending file of it can show one) has every group open; a file
    of a service no pending file can make judged (no framework, none to come) has none.
    """
    pending = list(pending)
    _settle_deciding(pending, prepare)
    showing = _showing(pending, repo)
    result: dict[str, frozenset[str]] = {}
    done: dict[str, frozenset[str] | None] = {}
    chosen = pending if files is None else list(files)
    asked: dict[str, set[str]] = defaultdict(set)  # per service, the framework groups asked about
    for item in chosen:
        asked[repo.service_of.get(item.walked.service, ".")].update(
            g for g in item.groups | item.unconfirmed if g.startswith(FRAMEWORK))
    for item in chosen:
        candidate = item.walked.service
        service = repo.service_of.get(candidate, ".")
        if _undecided(candidate, service, repo, showing):
            result[item.path] = item.open_in(frozenset(), confirm)
            continue
        if service not in done:
            done[service] = _settled(repo, service, frozenset(showing[service]), catalog,
                                     frozenset(asked[service]))
        closed = done[service]
        result[item.path] = frozenset() if closed is None else item.open_in(closed, confirm)
    return result


def _settle_deciding(pending: list[Planned], prepare: Prepare | None) -> None:
    """What can show a framework decides what settles: its unconfirmed groups made sure first."""
    deciding = [p for p in pending if frameworks_in(p.unconfirmed) or STRUCTURE in p.unconfirmed]
    if prepare is not None and deciding:
        prepare(deciding)
    for item in deciding:
        item.settle_unconfirmed()


def _showing(pending: list[Planned], repo: RepoAnswers) -> dict[str, set[str]]:
    """Per service (and per candidate, "candidate:<path>"), the framework groups its pending
    files bear on (answers/settled.py)."""
    showing: dict[str, set[str]] = defaultdict(set)
    for item in pending:
        found = {g for g in item.groups if g.startswith(FRAMEWORK)}
        showing[repo.service_of.get(item.walked.service, ".")] |= found
        showing["candidate:" + item.walked.service] |= found
    return showing


def _undecided(candidate: str, service: str, repo: RepoAnswers,
               showing: Mapping[str, set[str]]) -> bool:
    return (candidate != service and candidate in repo.declared
            and bool(showing.get("candidate:" + candidate)))


def _settled(repo: RepoAnswers, service: str, showing: frozenset[str], catalog: Catalog,
             asked: frozenset[str]) -> frozenset[str] | None:
    """The settled groups of `service`; None when nothing about it matters (it will never be
    judged: no framework shown, none pending)."""
    answers = repo.services.get(service)
    if answers is None or answers.framework is None:
        return frozenset() if showing else None
    return settled(answers, showing, catalog, asked)


def order(pending: list[Planned], opened: Mapping[str, frozenset[str]],
          repo: RepoAnswers) -> list[Planned]:
    """Scan order: first the files that can show a framework other than the one most pending
    files of their service can (their service's framework settles once those are read), then
    those bearing on more open groups, then the smaller, then by path."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for item in pending:
        counts[repo.service_of.get(item.walked.service, ".")].update(frameworks_in(item.groups))
    main = {s: min(c, key=lambda name: (-c[name], name)) for s, c in counts.items() if c}

    def minor(item: Planned) -> bool:
        service = repo.service_of.get(item.walked.service, ".")
        return bool(frameworks_in(item.groups) - {main.get(service, "")})

    return sorted(pending, key=lambda p: (p.tentative(opened[p.path]), not minor(p),
                                          -len(opened[p.path]), p.size, p.path))


def batch(ordered: list[Planned], opened: Mapping[str, frozenset[str]], size: int,
          prepare: Prepare | None = None) -> tuple[list[Planned], list[Planned]]:
    """The next `size` files to scan, and the files left pending. A file whose open groups are
    all unconfirmed (it comes last) is confirmed when its turn comes: what the repo bears out
    of them decides whether it is scanned or left out for good (`prepare`, when given,
    confirms the next ones the batch may take all together: as many as it still takes, and
    twice as many as the last time when that bore out too few, so a long run of files that drop
    out costs a few round trips to the pool; what is taken is the same either way)."""
    chosen: list[Planned] = []
    asked = 0  # how many the last `prepare` was asked to confirm
    for index, item in enumerate(ordered):
        if len(chosen) >= size:
            return chosen, ordered[index:]
        if item.tentative(opened[item.path]):
            if prepare is not None and item.unconfirmed:
                asked = max(size - len(chosen), 2 * asked)
                prepare(_tentative(ordered[index:], opened)[:asked])
            item.settle_unconfirmed()
            if item.groups.isdisjoint(opened[item.path]):
                continue
        chosen.append(item)
    return chosen, []


def _tentative(items: list[Planned], opened: Mapping[str, frozenset[str]]) -> list[Planned]:
    """The files whose open groups are all still unconfirmed."""
    return [p for p in items if p.unconfirmed and p.tentative(opened[p.path])]
