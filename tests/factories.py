"""Small builders of pipeline values for tests: evidence, answers and a service's answers.

`service("flask", database=yes(ev(...)))` builds a ServiceAnswers whose recommendation and fits
follow the same tally as the answers stage, so a test states only what it is about.
"""

from __future__ import annotations

from framefit.answers import recommend
from framefit.model import (
    DECISION_SIGNAL,
    JUDGED,
    Answer,
    AnswerValue,
    Confidence,
    Decision,
    Evidence,
    FrameworkUse,
    Question,
    ServiceAnswers,
    frozen_answers,
)

FRAMEWORK_LINE = {
    "flask": Evidence("app.py", 3, "flask-app", "app = Flask(__name__)"),
    "django": Evidence("manage.py", 8, "django-project", "os.environ.setdefault(...)"),
    "fastapi": Evidence("main.py", 3, "fastapi-app", "app = FastAPI()"),
}
MANIFEST = Evidence("requirements.txt", None, "manifest", "2 requirements")


def ev(path: str, line: int | None, signal: str, detail: str = "", weight: float = 1.0) -> Evidence:
    """One observation."""
    return Evidence(path, line, signal, detail, weight)


def yes(*evidence: Evidence, against: tuple[Evidence, ...] = ()) -> Answer:
    """A yes answer of high confidence resting on `evidence`."""
    return Answer(AnswerValue.YES, Confidence.HIGH, evidence, against, "test")


def no(*against: Evidence, weak: tuple[Evidence, ...] = ()) -> Answer:
    """A no answer resting on `against` (the manifest read, by default), with weak evidence for."""
    return Answer(AnswerValue.NO, Confidence.MEDIUM, weak, against or (MANIFEST,), "test")


def unknown(*weak: Evidence) -> Answer:
    """An unknown answer, with the weak evidence there was."""
    return Answer(AnswerValue.UNKNOWN, Confidence.LOW, weak, (), "test")


def service(framework: str | None = "flask", *, database: Answer | None = None,
            login: Answer | None = None, size: Answer | None = None, path: str = ".",
            also: tuple[str, ...] = ()) -> ServiceAnswers:
    """A service served by `framework` (and using the frameworks in `also`); database and login
    default to no, size to unknown; recommendation and fits are the tally's."""
    answers = {
        Question.RELATIONAL_DATABASE: database or no(),
        Question.USER_LOGIN: login or no(),
        Question.CONTAINER_SIZE: size or unknown(),
    }
    names = sorted({framework, *also} - {None})
    uses = tuple(FrameworkUse(n, (FRAMEWORK_LINE.get(n, ev(f"{n}.py", 1, f"import:{n}")),))
                 for n in names if n is not None)
    recommendation = recommend(answers)
    fits = (framework == recommendation) if framework in JUDGED and recommendation else None
    return ServiceAnswers(path, framework, uses, frozen_answers(answers), recommendation, fits)


DECISION_ENTRY = Evidence("pyproject.toml", 7, DECISION_SIGNAL, "[[tool.framefit.decisions]]")


def decided(framework: str, database: AnswerValue, login: AnswerValue, size: AnswerValue) -> Decision:
    """A decision as configuration gives it (not yet compared), recorded on 2026-12-01."""
    answers = ((Question.RELATIONAL_DATABASE, database), (Question.USER_LOGIN, login),
               (Question.CONTAINER_SIZE, size))
    return Decision(framework, answers, "team standard", "2026-12-01", DECISION_ENTRY)
