"""The shared values of the pipeline: evidence, diagnostics, answers, findings and the report."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field, fields
from enum import StrEnum
from functools import lru_cache
from operator import attrgetter
from types import MappingProxyType

from framefit.frozen import frozen

CONFIGURED_SIGNAL = "configured"  # the signal of a configured answer's evidence (config_answers)
DECISION_SIGNAL = "decision"  # the signal of a recorded decision's evidence: its config entry
# The signal of an app image a Kubernetes manifest runs (its detail is the image reference):
# scanners/deploy/kubernetes.py gives it, answers/size.py counts the images of a fleet.
WORKLOAD_SIGNAL = "k8s-app-workload"
JUDGED = ("django", "flask")  # the frameworks whose fit framefit judges, and a decision can keep


class Question(StrEnum):
    """The three questions of the rule of thumb, in the order they are asked."""

    RELATIONAL_DATABASE = "relational_database"
    USER_LOGIN = "user_login"
    CONTAINER_SIZE = "container_size"


class AnswerValue(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Severity(StrEnum):
    """Finding severities, most severe first; `rank` orders them for `fail-on`."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "note": 1}[self.value]


class Role(StrEnum):
    """What a file is for, decided from its path alone."""

    APP = "app"
    TEST = "test"
    DOCS = "docs"
    EXAMPLE = "example"
    VENDORED = "vendored"
    MIGRATION = "migration"
    SCRIPT = "script"
    DEV_CONTAINER = "dev-container"  # .devcontainer/: the editor's development environment
    CI = "ci"  # continuous integration: .github/, .ci/, .gitlab-ci.yml, docker-compose.ci.yml
    LOCAL_DEV = "local-dev"  # local-development overrides: docker-compose.override.yml, *.dev.yml
    TOOLING = "tooling"  # the developers' tools, not the app: noxfile.py, .pre-commit-config.yaml


class _ByPlace:
    """Sorting by path, then line (None, the whole file, first), then the other fields."""

    __slots__ = ()

    def _place(self) -> tuple[object, ...]:
        values = _fields_of(type(self))(self)
        return (values[0], -1 if values[1] is None else values[1], *values[2:])

    def __lt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._place() < other._place()


_GETTERS: dict[type, Callable[[object], tuple[object, ...]]] = {}


def _fields_of(kind: type) -> Callable[[object], tuple[object, ...]]:
    """A getter of a dataclass's field values, in their order (one C call per value sorted)."""
    if kind not in _GETTERS:
        _GETTERS[kind] = attrgetter(*(f.name for f in fields(kind)))
    return _GETTERS[kind]


@frozen
class Evidence(_ByPlace):
    """One observation: where it is, which catalog signal it is, the line itself, its weight."""

    path: str
    line: int | None
    signal: str
    detail: str
    weight: float = 1.0
    group: str = ""  # a declared dependency's group ("runtime", "optional:web"...); not reported
    # The repo directory a deployment file says this is about when it is not the file's own (a
    # compose service's build context, an azure.yaml project, what a Dockerfile copies): the
    # evidence counts for the service there (answers/repo.py). Only unplanned scanners set it.
    about: str = ""

    @property
    def location(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


@frozen
class Diagnostic(_ByPlace):
    """Bad input, said rather than raised: the run goes on without this file (or line)."""

    path: str
    line: int | None
    # parse-error | decode-error | too-large | too-complex | unresolved | unreadable
    # | link-outside-root | unmatched-config | unused-ignore | internal-error
    kind: str
    message: str


@frozen
class Dependency(_ByPlace):
    """A declared dependency, exactly as a manifest states it."""

    path: str
    line: int | None
    name: str  # canonical (PEP 503) distribution name
    spelling: str  # as written
    group: str  # runtime | dev | test | docs | optional:<extra> | group:<name> | lock | build
    marker: str = ""
    detail: str = ""
    about: str = ""  # as Evidence.about: the directory whose service declares it, when not its file's


class FactKind(StrEnum):
    """What a code fact is: framework-bound code that a move to the other framework touches."""

    ROUTE = "route"  # a route decorator, URL rule or URLconf entry
    BLUEPRINT = "blueprint"  # a Flask blueprint made
    APP = "app"  # one of the project's own Django apps in INSTALLED_APPS
    INSTALLED = "installed"  # a contrib or third-party Django app in INSTALLED_APPS
    MODEL = "model"  # a model class (a table)
    FORM = "form"  # a form class
    TEMPLATES = "templates"  # a template folder (`name`: its repo-relative directory)


@frozen
class CodeFact(_ByPlace):
    """One piece of framework-bound code a module holds: no evidence (it answers no question),
    but what a move would touch (answers/move.py). `framework` is the one it is bound to."""

    path: str
    line: int | None
    framework: str
    kind: FactKind
    name: str = ""  # the installed app, the template folder, the class
    detail: str = ""  # the line, clipped


@frozen
class Answer:
    """yes / no / unknown for one question, with the evidence for and against it.

    The lists hold the strongest observations only, in `evidence_order` (the answers put them
    so; the reporters print them as they are); `evidence_left_out` and `against_left_out`
    count the others. `brief` is the reason in fewer words, for the terminal ("": the reason)."""

    value: AnswerValue
    confidence: Confidence
    evidence: tuple[Evidence, ...] = ()
    against: tuple[Evidence, ...] = ()
    reason: str = ""
    configured: Evidence | None = None
    brief: str = ""
    evidence_left_out: int = 0
    against_left_out: int = 0

    @property
    def strongest(self) -> Evidence | None:
        pool = self.evidence if self.value is not AnswerValue.NO else (self.against or self.evidence)
        return pool[0] if pool else None


def evidence_order(e: Evidence) -> tuple[float, tuple[int, int], str, int, str]:
    """The order every list of evidence is printed in, so the first is the headline: heaviest
    first; among equals the most convincing kind of observation, in the most telling file (a
    model class before a compose image, app code before tests: catalog ranks.toml); then by
    place, last, so that what else the tree holds never decides which comes first."""
    return (-round(e.weight, 3), _rank(e.signal, e.path), e.path, e.line or 0, e.signal)


@lru_cache(maxsize=65_536)
def _rank(signal: str, path: str) -> tuple[int, int]:
    # Imported here: this module imports nothing of framefit (the catalog and the walk import
    # it); the catalog is loaded once per process.
    from framefit.catalog import load
    from framefit.walk.roles import role_of

    return load().rank(signal, role_of(path).value)


@frozen
class FrameworkUse:
    """A web framework the service's code uses, with its strongest evidence (`left_out` more)."""

    name: str
    evidence: tuple[Evidence, ...]
    left_out: int = 0


class DecisionState(StrEnum):
    """How a recorded decision stands against the service's answers now."""

    HOLDS = "holds"  # the recorded framework, and no answer demands more than recorded
    DRIFTED = "drifted"  # an answer became yes since, and the framework does not fit
    OUTDATED = "outdated"  # the service no longer uses the recorded framework


@frozen
class AnswerChange:
    """A recorded answer that differs now."""

    question: Question
    recorded: AnswerValue
    current: AnswerValue

    @property
    def gained(self) -> bool:
        """True when the answer became yes: the service demands more than when it was recorded."""
        return self.current is AnswerValue.YES and self.recorded is not AnswerValue.YES


@frozen
class Decision:
    """A team's recorded choice for a service (`framefit record`): the framework it keeps, the
    answers that choice rested on, why and when; `state` and `changes` compare it with now."""

    framework: str
    answers: tuple[tuple[Question, AnswerValue], ...]  # as recorded, in Question order
    reason: str
    recorded: str  # the date, ISO 8601, as written in the configuration (never the clock)
    source: Evidence  # the entry in the configuration file
    state: DecisionState = DecisionState.HOLDS
    changes: tuple[AnswerChange, ...] = ()


@frozen
class Extension:
    """A library (Flask) or installed app (Django) a move replaces, with what replaces it."""

    name: str  # the distribution, the installed app, or the import name the catalog does not know
    counterpart: str  # "" when the catalog knows none
    note: str  # where the counterpart comes from
    files: int  # app modules that import it
    evidence: tuple[Evidence, ...]  # where it is imported or installed (the first few)


@frozen
class MovedFile:
    """One app module a move touches, and what in it."""

    path: str
    lines: int
    routes: int = 0
    models: int = 0
    forms: int = 0
    blueprints: int = 0
    imports_framework: bool = False  # it imports the framework or one of its extensions


@frozen
class Move:
    """For a service that does not fit: the framework-bound code a move to `to` touches."""

    to: str
    routes: int
    units: int  # blueprints made (Flask -> Django) or the project's own apps (Django -> Flask)
    models: int
    templates: int
    forms: int
    extensions: tuple[Extension, ...]
    framework_lines: int
    app_lines: int
    files: tuple[MovedFile, ...] = ()  # the modules holding any of it, by path
    template_folders: tuple[tuple[str, int], ...] = ()  # (folder, template files), by folder

    @property
    def route_files(self) -> int:
        return sum(1 for f in self.files if f.routes)


@frozen
class ServiceAnswers:
    """One service after the answers stage: all that the rules and reporters read."""

    path: str
    framework: str | None
    frameworks: tuple[FrameworkUse, ...]
    answers: Mapping[Question, Answer]
    recommendation: str | None
    fits: bool | None
    notes: tuple[str, ...] = ()
    decision: Decision | None = None
    move: Move | None = None  # what a move to the recommendation touches, when it does not fit

    def answer(self, question: Question) -> Answer:
        return self.answers[question]

    def framework_use(self, name: str) -> FrameworkUse | None:
        return next((f for f in self.frameworks if f.name == name), None)


def frozen_answers(answers: Mapping[Question, Answer]) -> Mapping[Question, Answer]:
    return MappingProxyType(dict(answers))


class SuppressedBy(StrEnum):
    """What took a finding out of the count: in the source, or outside it (SARIF's two kinds)."""

    COMMENT = "comment"  # `# framefit: ignore[...]` on the line it points at: in source
    DECISION = "decision"  # a recorded decision that holds accepts it: external
    IGNORE = "ignore"  # the configuration's `ignore`: external


@frozen
class Suppression:
    """Why a finding does not count: by what, the team's justification, and where that is written."""

    by: SuppressedBy
    justification: str  # the text after `--`, the decision's reason, or the ignore; "" if none
    path: str | None = None  # the comment's file or the configuration file, when known
    line: int | None = None


@frozen
class Finding:
    """A rule's verdict on one service: which answers led to it and what would flip it."""

    rule: str
    severity: Severity
    service: str
    message: str
    hint: str
    path: str | None
    line: int | None
    because: tuple[Evidence, ...] = ()
    flips_if: str = ""
    suppression: Suppression | None = None  # set on the report's suppressed findings only


def finding_order(f: Finding) -> tuple[str, str, str, int]:
    return (f.service, f.rule, f.path or "", f.line or 0)


@frozen
class Report:
    """What every reporter receives and nothing else."""

    root: str
    services: tuple[ServiceAnswers, ...]
    findings: tuple[Finding, ...]
    diagnostics: tuple[Diagnostic, ...]
    tool_version: str
    suppressed: tuple[Finding, ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        """The version-1 JSON report of DESIGN.md, every list sorted (reporters/json.py)."""
        from framefit.reporters.json import report_dict

        return report_dict(self)
