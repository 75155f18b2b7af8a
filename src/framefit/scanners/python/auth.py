"""Login idioms that need more than a name: session logins, user tables, machine-only auth.

Knowledge is code.toml `[auth]`:
- `session_objects` / `session_keys`: `session["user_id"] = ...` on a framework session is a
  hand-written user login (signal `session-user-login`);
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
from collections.abc import Mapping
from typing import TYPE_CHECKING

from framefit.scanners.python.app_config import env_key
from framefit.scanners.python.syntax import Parsed, Visitor, dotted, resolve, string_value

if TYPE_CHECKING:
    from framefit.scanners.base import Collector, ScanContext, SourceFile
    from framefit.scanners.python.imports import ImportFacts

_COMPARE_DIGEST = frozenset({"hmac.compare_digest", "secrets.compare_digest"})


def _words(table: Mapping[str, object], key: str) -> tuple[str, ...]:
    value = table.get(key, [])
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


class _Visitor(Visitor):
    def __init__(self, parsed: Parsed, aliases: Mapping[str, str], auth: Mapping[str, object],
                 readers: Mapping[str, object], out: Collector) -> None:
        self.parsed, self.aliases, self.readers, self.out = parsed, aliases, readers, out
        self.sessions = frozenset(_words(auth, "session_objects"))
        self.session_keys = frozenset(_words(auth, "session_keys"))
        self.forms = _words(auth, "form_sources")
        words = "|".join(map(re.escape, _words(auth, "secret_words"))) or r"(?!)"
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
        holder, _, last = (dotted(node) or "").rpartition(".")
        owner = holder.rpartition(".")[2]
        if holder and last.isupper() and self.secret_end.search(last) and not _is_class(owner):
            # A configuration constant (`conf.API_KEY`, `settings.WEBHOOK_TOKEN`); a class's
            # member (`UserStatus.FORCE_CHANGE_PASSWORD`) is an enum value, not a secret.
            return True
        read = env_key(node, self.aliases, self.readers)
        if read is None and isinstance(node, ast.Subscript) and dotted(node.value):
            name = string_value(node.slice)
            read = (name, None) if name and (dotted(node.value) or "").endswith("config") else None
        return bool(read and self.secret.search(read[0]))

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
            self.add(node, "session-user-login")

    def visit_Compare(self, node: ast.Compare) -> None:
        if not all(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops):
            return  # `len(pw) < MIN_PASSWORD_LENGTH` checks no credential
        sides = [node.left, *node.comparators]
        if any(self.is_secret(s) for s in sides) and not all(self._plain(s) for s in sides):
            form = any(self._from_form(s) for s in sides)
            self.add(node, "shared-password-form" if form else "machine-token-auth")

    def _from_form(self, node: ast.expr) -> bool:
        """A value read from a submitted HTML form: `request.form["password"]`, `.get(...)`."""
        inner = node.func if isinstance(node, ast.Call) else node
        inner = inner.value if isinstance(inner, ast.Subscript) else inner
        qualified = resolve(dotted(inner), self.aliases) or ""
        return any(qualified == f or qualified.startswith(f + ".") for f in self.forms)

    def visit_Call(self, node: ast.Call) -> None:
        digest = resolve(dotted(node.func), self.aliases) in _COMPARE_DIGEST
        if digest and any(self.is_secret(a) for a in node.args):
            self.add(node, "machine-token-auth")

    def _plain(self, node: ast.expr) -> bool:
        """A literal or the secret itself: comparing a secret with "" or None checks presence."""
        return self.is_secret(node) or (
            isinstance(node, ast.Constant) and not isinstance(node.value, (float, complex)))


def _is_class(name: str) -> bool:
    """A CamelCase name, as classes (and enums) are named: `UserStatus`, not `settings`."""
    return name[:1].isupper() and not name.isupper()


def _user_tables(facts: ImportFacts, columns: tuple[str, ...], parsed: Parsed,
                 out: Collector) -> None:
    hashing = any(e.signal == "password-hashing" for e in out.evidence)
    for model in facts.model_classes:
        if hashing or any(_has_column(s, columns) for s in model.body):
            line = parsed.line_of(model)
            out.add(line, "user-table-password", parsed.text_of(line))


def _has_column(statement: ast.stmt, columns: tuple[str, ...]) -> bool:
    targets = (statement.targets if isinstance(statement, ast.Assign) else
               [statement.target] if isinstance(statement, ast.AnnAssign) else [])
    names = [t.id.lower() for t in targets if isinstance(t, ast.Name)]
    return any(word in name for name in names for word in columns)


def visitor(parsed: Parsed, facts: ImportFacts, source: SourceFile, ctx: ScanContext,
            out: Collector) -> Visitor:
    """The visitor for session logins and machine credentials (after python_idioms')."""
    auth, config = _tables(ctx)
    readers = dict.fromkeys(_words(config, "env_reads"))
    return _Visitor(parsed, facts.aliases, auth, readers, out)


def analyse(parsed: Parsed, facts: ImportFacts, source: SourceFile, ctx: ScanContext,
            out: Collector) -> None:
    """After the traversal: user tables, from the model classes python_idioms found."""
    _user_tables(facts, _words(_tables(ctx)[0], "password_columns"), parsed, out)


def _tables(ctx: ScanContext) -> tuple[Mapping[str, object], Mapping[str, object]]:
    auth = ctx.catalog.table("code").get("auth", {})
    config = ctx.catalog.table("settings").get("config", {})
    return (auth if isinstance(auth, dict) else {}), (config if isinstance(config, dict) else {})
