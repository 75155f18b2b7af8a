"""may_matter(data, catalog): can a Python module produce evidence? Decided from its bytes alone.

Every evidence the python scanner produces needs a word in the module's text: an import names a
catalog module; an idiom names its module or, for an instance imported from a first-party
module, the attribute after it (`db.Model`); a settings or config key is written out; machine
auth reads the environment or names a secret. One regex of all those words, built once per
catalog, rejects modules that contain none of them without parsing. It may accept modules that
yield nothing (it errs that way only); tests check it never rejects one that yields evidence.
Diagnostics are not predicted: a rejected module is not parsed, so it cannot report a parse
error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from framefit.catalog import Catalog

_CACHE: dict[str, re.Pattern[bytes]] = {}
_ALWAYS = ("environ", "getenv", "compare_digest", "__import__", "import_module")


def may_matter(data: bytes, catalog: Catalog) -> bool:
    """False only when no analysis of the python scanner can find evidence in `data`."""
    pattern = _CACHE.get(catalog.version)
    if pattern is None:
        pattern = _CACHE[catalog.version] = relevance_pattern(catalog)
    return pattern.search(data) is not None


def relevance_pattern(catalog: Catalog) -> re.Pattern[bytes]:
    """One compiled regex of every word that can lead to evidence (see the module docstring)."""
    words = set(_ALWAYS)
    words.update(name.split(".")[0] for name in catalog.all_import_names())
    code = catalog.table("code")
    for key in _code_names(code):
        head, _, _ = key.partition(".")
        words.add(head.removesuffix("()"))
        if "()." in key:
            words.add(key.rsplit(".", 1)[-1])
    words.update(_setting_keys(catalog.table("settings")))
    auth = code.get("auth", {})
    secrets = auth.get("secret_words", []) if isinstance(auth, dict) else []
    secret = "|".join(re.escape(str(w)) for w in secrets) if isinstance(secrets, list) else ""
    text = rf"\b{trie_pattern(w for w in words if w)}\b" + (rf"|(?i:{secret})" if secret else "")
    return re.compile(text.encode())


def trie_pattern(words: Iterable[str]) -> str:
    """An alternation of `words` as a prefix tree, so `re` tries each first letter once.

    ["flask", "flask_login", "fastapi"] -> "f(?:astapi|lask(?:_login)?)", the same matches as
    "(?:flask_login|flask|fastapi)" (longest first, as `\b` around it requires).
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branch(trie) or "(?!)"


def _branch(node: dict) -> str:  # type: ignore[type-arg]
    alternatives = [re.escape(char) + _branch(child) for char, child in sorted(node.items()) if char]
    if not alternatives:
        return ""
    body = alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"
    return f"(?:{body})?" if "" in node else body


def _code_names(code: Mapping[str, object]) -> Iterator[str]:
    for table in code.values():
        if isinstance(table, dict):
            for key, value in table.items():
                if "." in key:
                    yield key
                if isinstance(value, dict):
                    yield from (k for k in value if "." in k)


def _setting_keys(settings: Mapping[str, object]) -> Iterator[str]:
    """Every key name of settings.toml that a module may assign or read."""
    yield from ("DATABASES", "INSTALLED_APPS", "DJANGO_SETTINGS_MODULE")
    for section in settings.values():
        if isinstance(section, dict):
            keys = section.get("keys", {})
            if isinstance(keys, dict):
                yield from map(str, keys)
