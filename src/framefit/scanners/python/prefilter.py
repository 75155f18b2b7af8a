"""Prefilters: what a module's bytes must hold for an analysis to give a signal there.

Each analysis states its own requirements, from the same catalog view its visitor reads
(`Analysis.requirements`); this module only evaluates them against a module's `Profile`. A
requirement is a conjunction: every word, and (when given) a word holding one of `fragments`, and
(when given) one of `quoted` as a string literal in plain quotes (`"user_id"` or `'user_id'`), and
(when given) a name ending with `subscripted` subscripted, and (when given) a line importing the
module `imported`, and (when given) `decorated` words on its decorator lines, and (when given `via`)
a name the module imports from the repo's own modules that is bound to one of those libraries
(module `first_party`, over the modules' lines; with `based`, a name that also stands in a class
statement's head; with `called`, one called with that first argument, or a base of a class of the
module so called, and `via` may then name what it is bound to itself, "flask.Flask"), and (when
given `needs`) one of those signals foreseen in the module too, by any analysis (found or waiting):
evidence that an analysis gives only beside other evidence of the module. A module that meets none
of an analysis's requirements cannot give that analysis's evidence: the analysis never needs it
parsed. Requirements over-approximate (words in strings count), never miss; what they read in a
string literal is its bytes as written (a key spelled with an escape or split over two literals is
not seen, as the analyses' catalog words are written plainly).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from operator import attrgetter

from framefit.scanners.python.profile import Profile

_NONE: frozenset[str] = frozenset()
_NO_WORDS: frozenset[bytes] = frozenset()


@dataclass(frozen=True, slots=True)
class Requirement:
    """What a module must hold for the analysis to (perhaps) give `signals`."""

    words: frozenset[bytes]
    signals: frozenset[str]
    fragments: tuple[bytes, ...] = ()  # some word must hold one of them
    via: frozenset[str] = frozenset()  # libraries; a first-party name must be bound to one
    exact: bool = False  # fragments in their case, ending an upper-case attribute (conf.API_TOKEN)
    imported: str = ""  # a module its lines must import (top-level name), when given
    decorated: frozenset[bytes] = frozenset()  # words its decorator lines must hold
    based: bool = False  # the `via` name must stand in a class statement's head (a base)
    called: str = ""  # ... or be called with this first argument (`Api(__name__)`), or subclassed
    quoted: tuple[bytes, ...] = ()  # one of them a string literal, quotes included
    needs: frozenset[str] = frozenset()  # one of these signals foreseen in the module too
    subscripted: bytes = b""  # a name ending with it subscripted (`app.config[`)

    @classmethod
    def of(cls, words: Iterable[str], signals: Iterable[str], *, fragments: Iterable[str] = (),
           via: Iterable[str] = (), exact: bool = False, imported: str = "",
           decorated: Iterable[str] = (), based: bool = False, called: str = "",
           quoted: Iterable[str] = (), needs: Iterable[str] = (), subscripted: str = "") -> Requirement:
        # Built some 1,300 times a run, mostly with nothing but words: empty parts cost nothing.
        chosen = tuple((f if exact else f.lower()).encode() for f in fragments) if fragments else ()
        literals = tuple(f"{q}{text}{q}".encode() for text in sorted(quoted) for q in "'\"") if quoted else ()
        return cls(frozenset([w.encode() for w in words if w]), frozenset(signals), chosen,
                   frozenset(via) if via else _NONE, exact, imported,
                   frozenset([w.encode() for w in decorated]) if decorated else _NO_WORDS, based,
                   called, literals, frozenset(needs) if needs else _NONE, subscripted.encode())

    def all_but_via(self) -> tuple[object, ...]:
        """Everything it asks but its `via` libraries (requirements that differ only there are
        one, met when any library is)."""
        return _ALL_BUT_VIA(self)

    def met(self, profile: Profile) -> bool:
        """Whether a module with this profile meets it, but for its `via` (module `first_party`
        says that, over the repo's other modules, when the plan asks: `registry.ModulePrefilter.confirm`)."""
        if not self.words <= profile.words:
            return False
        if self.subscripted and not profile.subscripted(self.subscripted):  # a fast search from its literal
            return False
        if self.fragments and not profile.has_fragment(self.fragments, self.exact):
            return False
        if self.decorated and not self.via and not self.decorated <= profile.decorated:
            return False  # (with `via`, looked at when it is confirmed: rarely asked)
        if self.quoted and not profile.has_literal(self.quoted):
            return False
        return not self.imported or self.imported in profile.imported


_ALL_BUT_VIA = attrgetter(*(f.name for f in fields(Requirement) if f.name != "via"))


class Prefilter:
    """Requirements indexed by one of their words (a module must hold them all, so any one
    finds the requirement); those without words are tried on every module. Requirements with
    `needs` are tried after the others, once what those foresee is known."""

    def __init__(self, requirements: Iterable[Requirement]) -> None:
        self.by_word: dict[bytes, list[Requirement]] = {}
        self.always: list[Requirement] = []
        for requirement in requirements:
            if requirement.words:
                key = max(requirement.words, key=lambda w: (len(w), w))  # longer words are rarer
                self.by_word.setdefault(key, []).append(requirement)
            else:
                self.always.append(requirement)

    def signals(self, profile: Profile) -> tuple[frozenset[str], tuple[Requirement, ...]]:
        """The signals some analysis may give in a module with this profile, and the
        requirements met but for their `via` (then they wait on the repo's other modules)."""
        found: set[str] = set()
        waiting: list[Requirement] = []
        later: list[Requirement] = []
        candidates = [r for w in profile.words.intersection(self.by_word) for r in self.by_word[w]]
        for requirement in (*candidates, *self.always):
            if requirement.needs:
                later.append(requirement)
            else:
                _meet(requirement, profile, found, waiting)
        if later:
            foreseen = found.union(*(r.signals for r in waiting))
            for requirement in later:
                if not requirement.needs.isdisjoint(foreseen):
                    _meet(requirement, profile, found, waiting)
        return frozenset(found), tuple(r for r in waiting if not r.signals <= found)


def _meet(requirement: Requirement, profile: Profile, found: set[str], waiting: list[Requirement]) -> None:
    """Add what `requirement` foresees in the module to `found` (or, with `via`, to `waiting`)."""
    if requirement.signals <= found or not requirement.met(profile):
        return
    if requirement.via:
        waiting.append(requirement)
    else:
        found |= requirement.signals
