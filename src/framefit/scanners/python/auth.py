"""Login idioms that need more than a name: session logins, user tables, machine-only auth.

Knowledge is code.toml `[auth]`:
- `session_objects` / `session_keys`: `session["user_id"] = ...` on a framework session, in a
  module that checks a credential (`credential_signals`: a password hash compared, an ID token
  verified, `login_user`, an OAuth redirect, a call named in `credential_methods`), is a
  hand-written user login (signal `session-user-login`); without one it is a value kept in the
  session (`session-user-unchecked`: an address typed into a form, weak and generic);
- `credential_methods`: a call of that name (`user.check_password(pw)`) checks a user's
  password (`password-check`);
- `password_columns`: a model class (python_idioms' model bases) with a password column, or a
  module that both defines a model class and hashes passwords (`password-hashing` evidence), is
  a user table (`user-table-password`);
- `secret_words`: a secret from the environment (`os.environ["API_TOKEN"]`, a module-level name
  bound to one, an upper-case constant like `conf.API_KEY`, or `app.config["API_KEY"]`)
  compared with `==` / `!=` / `compare_digest` is a machine credential, not a user login
  (`machine-token-auth`, evidence against); compared with
  a value of a submitted form (`form_sources`), it is one shared password typed into a login
  page (`shared-password-form`, a medium sign of user login).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from framefit.scanners.python.analysis import Analysis, Module
from framefit.scanners.python.app_config import ENVIRON, env_key
from framefit.scanners.python.idioms import IdiomFacts, key_words
from framefit.scanners.python.prefilter import Requirement
from framefit.scanners.python.syntax import (
    Visitor,
    dotted,
    last_segments,
    resolve,
    resolve_ending,
    string_value,
)

if TYPE_CHECKING:
    from framefit.catalog import Catalog
    from framefit.catalog.views import AuthIdioms

_COMPARE_DIGEST = frozenset({"hmac.compare_digest", "secrets.compare_digest"})
_COMPARE_DIGEST_LAST = last_segments(_COMPARE_DIGEST)
SESSION_LOGIN, USER_TABLE = "session-user-login", "user-table-password"
SESSION_UNCHECKED, PASSWORD_CHECK = "session-user-unchecked", "password-check"
MACHINE_TOKEN, SHARED_PASSWORD = "machine-token-auth", "shared-password-form"
_HASHING = "password-hashing"  # code.toml calls that hash passwords (evidence of idioms)
CONFIG = "config"  # `app.config["API_KEY"]`: a subscript of something named config


def requirements(catalog: Catalog) -> Iterator[Requirement]:
    auth = catalog.views.auth
    for holder in auth.session_objects:  # `session["user_id"] = ...` on a framework session
        for words, via in key_words(holder):
            yield Requirement.of(words, {SESSION_UNCHECKED}, via=via, quoted=auth.session_keys)
            # ... a login only where the module checks a credential (`_sessions`)
            yield Requirement.of(words, {SESSION_LOGIN}, via=via, quoted=auth.session_keys,
                                 needs=auth.credential_signals)
    for method in sorted(auth.credential_methods):  # `user.check_password(pw)`
        yield Requirement.of([method], {PASSWORD_CHECK})
    yield from _secret_requirements(catalog)
    yield from _user_table_requirements(catalog)


def _secret_requirements(catalog: Catalog) -> Iterator[Requirement]:
    """A secret compared (machine credential, or one shared password): one read from the
    environment or app config (its name holds a secret word), or an upper-case constant."""
    auth = catalog.views.auth
    for reader in (*catalog.views.config.env_reads, ENVIRON):
        for words, via in key_words(reader):
            yield Requirement.of(words, {MACHINE_TOKEN}, fragments=auth.secret_words, via=via)
    # ... or one read from a config by key (`app.config["API_KEY"]`, `app_config[...]`) ...
    yield Requirement.of((), {MACHINE_TOKEN}, fragments=auth.secret_words, subscripted=CONFIG)
    # ... or a constant's name (`conf.API_KEY`: upper case, ending with a secret word).
    yield Requirement.of((), {MACHINE_TOKEN}, fragments=auth.secret_words, exact=True)
    for form in auth.form_sources:  # ... compared with what a login form sent: one shared password
        for words, via in key_words(form):
            yield Requirement.of(words, {SHARED_PASSWORD}, fragments=auth.secret_words, via=via)


def _user_table_requirements(catalog: Catalog) -> Iterator[Requirement]:
    """A model class with a password column, or in a module that hashes passwords."""
    auth, code = catalog.views.auth, catalog.views.code
    hashing = [words for key, signal in code.tables["calls"].items() if signal == _HASHING
               for words, via in key_words(key) if not via]
    for key, signal in code.tables["bases"].items():
        if signal in code.model_signals:
            for words, via in key_words(key):
                yield Requirement.of(words, {USER_TABLE}, fragments=auth.password_columns, via=via)
                for proof in hashing:
                    yield Requirement.of((*words, *proof), {USER_TABLE}, via=via)


@dataclass(slots=True)
class AuthFacts:
    """What the traversal leaves for `finish`: the session writes of a user (nodes)."""

    sessions: list[ast.AST] = field(default_factory=list)


def _start(module: Module) -> AuthFacts:
    return AuthFacts()


class _Visitor(Visitor):
    def __init__(self, module: Module) -> None:
        self.facts = module.result("auth", AuthFacts)
        self.methods = module.ctx.catalog.views.auth.credential_methods
        self.module, self.parsed, self.out = module, module.parsed, module.out
        self.aliases = module.result("idioms", IdiomFacts).aliases
        self.readers = module.ctx.catalog.views.config.env_reads
        auth: AuthIdioms = module.ctx.catalog.views.auth
        self.sessions = frozenset(auth.session_objects)
        self.session_keys = auth.session_keys
        self.forms = auth.form_sources
        words = "|".join(map(re.escape, auth.secret_words)) or r"(?!)"
        self.secret = re.compile(words, re.IGNORECASE)
        self.secret_end = re.compile(f"(?:{words})$")  # a constant named for a secret
        self.secret_names: set[str] = set()

    def add(self, node: ast.AST, signal: str) -> None:
        line = self.parsed.line_of(node)
        self.out.add(line, signal, self.parsed.text_of(line))

    def is_secret(self, node: ast.expr) -> bool:
        """An environment or config secret, or a name bound to one at module level."""
        if isinstance(node, ast.Name) and node.id in self.secret_names:
            return True
        if self._is_config_constant(node):
            return True
        read = env_key(node, self.aliases, self.readers) or self._config_read(node)
        return bool(read and self.secret.search(read[0]))

    def _is_config_constant(self, node: ast.expr) -> bool:
        """A configuration constant (`conf.API_KEY`, `settings.WEBHOOK_TOKEN`); a class's
        member (`UserStatus.FORCE_CHANGE_PASSWORD`) is an enum value, not a secret."""
        if not (isinstance(node, ast.Attribute) and node.attr.isupper()):
            return False  # only an attribute's name has a holder: asked before the name is built
        holder, _, last = (dotted(node) or "").rpartition(".")
        owner = holder.rpartition(".")[2]
        return bool(holder and last.isupper() and self.secret_end.search(last)
                    and not _is_class(owner))

    @staticmethod
    def _config_read(node: ast.expr) -> tuple[str, None] | None:
        """(key, None) for `app.config["SECRET"]`: a read of the app config by key."""
        if isinstance(node, ast.Subscript) and dotted(node.value):
            name = string_value(node.slice)
            return (name, None) if name and (dotted(node.value) or "").endswith(CONFIG) else None
        return None

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name) and self.is_secret(node.value):
                self.secret_names.add(target.id)
            elif isinstance(target, ast.Subscript):
                self._session(target, node)

    def _session(self, target: ast.Subscript, node: ast.AST) -> None:
        if resolve(dotted(target.value), self.aliases) not in self.sessions:
            return
        if string_value(target.slice) in self.session_keys:
            self.facts.sessions.append(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        if not all(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
            return  # `len(pw) < MIN_PASSWORD_LENGTH` checks no credential
        sides = [node.left, *node.comparators]
        if any(self.is_secret(s) for s in sides) and not all(self._plain(s) for s in sides):
            form = any(self._from_form(s) for s in sides)
            self.add(node, SHARED_PASSWORD if form else MACHINE_TOKEN)

    def _from_form(self, node: ast.expr) -> bool:
        """A value read from a submitted HTML form: `request.form["password"]`, `.get(...)`."""
        inner = node.func if isinstance(node, ast.Call) else node
        inner = inner.value if isinstance(inner, ast.Subscript) else inner
        qualified = resolve(dotted(inner), self.aliases) or ""
        return any(qualified == f or qualified.startswith(f + ".") for f in self.forms)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name in self.methods:
            self.add(node, PASSWORD_CHECK)
        digest = resolve_ending(func, self.aliases, _COMPARE_DIGEST_LAST) in _COMPARE_DIGEST
        if digest and any(self.is_secret(a) for a in node.args):
            self.add(node, MACHINE_TOKEN)

    def _plain(self, node: ast.expr) -> bool:
        """A literal or the secret itself: comparing a secret with "" or None checks presence."""
        return self.is_secret(node) or (
            isinstance(node, ast.Constant) and not isinstance(node.value, (float, complex)))


def _is_class(name: str) -> bool:
    """A CamelCase name, as classes (and enums) are named: `UserStatus`, not `settings`."""
    return name[:1].isupper() and not name.isupper()


def _finish(module: Module) -> None:
    """After the traversal: session logins (or values), then user tables."""
    _sessions(module)
    _user_tables(module)


def _sessions(module: Module) -> None:
    """A user written into the session is a login where the module checks a credential."""
    checks = module.ctx.catalog.views.auth.credential_signals
    checked = any(e.signal in checks for e in module.out.evidence)
    for node in module.result("auth", AuthFacts).sessions:
        module.add(module.parsed.line_of(node), SESSION_LOGIN if checked else SESSION_UNCHECKED)


def _user_tables(module: Module) -> None:
    """User tables, from the model classes idioms found."""
    columns = module.ctx.catalog.views.auth.password_columns
    hashing = any(e.signal == _HASHING for e in module.out.evidence)
    for model in module.result("idioms", IdiomFacts).model_classes:
        if hashing or any(_has_column(s, columns) for s in model.body):
            module.add(module.parsed.line_of(model), USER_TABLE)


def _has_column(statement: ast.stmt, columns: tuple[str, ...]) -> bool:
    targets = (statement.targets if isinstance(statement, ast.Assign) else
               [statement.target] if isinstance(statement, ast.AnnAssign) else [])
    names = [t.id.lower() for t in targets if isinstance(t, ast.Name)]
    return any(word in name for name in names for word in columns)


def _visitor(module: Module) -> Visitor:
    """The visitor for session logins and machine credentials (after idioms')."""
    return _Visitor(module)


ANALYSIS = Analysis("auth", requirements, start=_start, visitor=_visitor, finish=_finish,
                    reads=("idioms",))
