"""Login idioms beyond names: session logins, user tables, and machine-only auth (against)."""

from __future__ import annotations

import pytest

from tests.scanners.python_helpers import cited, scan_py


def auth(source: str) -> list[str]:
    return [c for c in cited(scan_py(source)) if " import:" not in c and "flask-app" not in c]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("from flask import session\ndef login(u):\n    session['user_id'] = u.id\n",
                     ["3 session-user-unchecked"], id="session_user_id__no_credential_checked"),
        pytest.param("from flask import session\ndef login(u, pw):\n    if u.check_password(pw):\n"
                     "        session['user_id'] = u.id\n",
                     ["3 password-check", "4 session-user-login"], id="password_checked__login"),
        pytest.param("from flask import session\nfrom werkzeug.security import check_password_hash\n"
                     "def login(row, pw):\n    if check_password_hash(row['password'], pw):\n"
                     "        session['user_id'] = row['id']\n",
                     ["4 password-check", "4 password-hashing", "5 session-user-login"],
                     id="password_hash_compared__login"),
        pytest.param("from flask import session\nfrom google.oauth2 import id_token\n"
                     "def login(token, request):\n"
                     "    info = id_token.verify_oauth2_token(token, request, 'client-id')\n"
                     "    session['user'] = info['sub']\n",
                     ["4 id-token-verified", "5 session-user-login"], id="id_token_verified__login"),
        pytest.param("from flask import session\nfrom requests_oauthlib import OAuth2Session\n"
                     "def login():\n    github = OAuth2Session('id')\n"
                     "    url, state = github.authorization_url(URL)\n"
                     "def callback():\n    session['oauth_token'] = OAuth2Session('id').fetch_token(URL)\n",
                     ["5 oauth-login-flow", "7 session-user-login"], id="oauth_redirect__login"),
        pytest.param("import flask\nflask.session['username'] = name\n", ["2 session-user-unchecked"],
                     id="flask_dot_session"),
        pytest.param("from flask import session, request\ndef subscribe():\n"
                     "    session['email'] = request.form['email']\n",
                     ["3 session-user-unchecked"], id="email_from_a_form__not_login"),
        pytest.param("from flask import session\nsession['theme'] = 'dark'\n", [], id="other_key__no"),
        pytest.param("session = {}\nsession['user_id'] = 1\n", [], id="local_dict__no"),
    ],
)
def test_session_login(source: str, expected: list[str]) -> None:
    assert auth(source) == expected


USER_TABLE = ("from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n"
              "class User(db.Model):\n    id = db.Column(db.Integer)\n")


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        pytest.param("    password_hash = db.Column(db.String)\n",
                     ["2 flask-sqlalchemy-db", "3 sqlalchemy-model", "3 user-table-password"],
                     id="password_column"),
        pytest.param("from werkzeug.security import generate_password_hash\n"
                     "h = generate_password_hash('x')\n",
                     ["2 flask-sqlalchemy-db", "3 sqlalchemy-model", "3 user-table-password",
                      "6 password-hashing"], id="hashing_next_to_a_table"),
        pytest.param("    name = db.Column(db.String)\n", ["2 flask-sqlalchemy-db", "3 sqlalchemy-model"],
                     id="no_password__no"),
    ],
)
def test_user_table(extra: str, expected: list[str]) -> None:
    assert auth(USER_TABLE + extra) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param("import os, hmac\nTOKEN = os.environ['API_TOKEN']\n"
                     "def ok(sent):\n    return hmac.compare_digest(sent, TOKEN)\n",
                     ["4 machine-token-auth"], id="compare_digest_module_name"),
        pytest.param("import os\ndef ok(request):\n"
                     "    return request.headers['X-Api-Key'] == os.environ.get('API_KEY')\n",
                     ["3 machine-token-auth"], id="header_equals_env"),
        pytest.param("import os\ndef ok(auth):\n"
                     "    return auth.password != os.getenv('BASIC_AUTH_PASSWORD')\n",
                     ["3 machine-token-auth"], id="basic_auth_password"),
        pytest.param("from flask import current_app\ndef ok(t):\n"
                     "    return t == current_app.config['API_TOKEN']\n", ["3 machine-token-auth"],
                     id="app_config_secret"),
        pytest.param("from flask import request, current_app\ndef login():\n"
                     "    if request.form.get('password') == current_app.config['PASSWORD']:\n"
                     "        pass\n", ["3 shared-password-form"], id="form_password__login"),
        pytest.param("import os\nfrom flask import request\n"
                     "ok = request.form['pw'] == os.environ['APP_PASSWORD']\n",
                     ["3 shared-password-form"], id="form_subscript__login"),
        pytest.param("from . import conf\ndef ok(data):\n    return data['key'] != conf.API_KEY\n",
                     ["3 machine-token-auth"], id="config_constant"),
        pytest.param("def ok(a, b):\n    return a.api_key == b\n", [], id="lower_case_attribute__no"),
        pytest.param("from . import conf\ndef ok(pw):\n    return len(pw) < conf.MIN_PASSWORD\n", [],
                     id="ordering_comparison__no"),
        pytest.param("from . import conf\ndef ok(t):\n    return t == conf.TOKEN_TYPE_BEARER\n", [],
                     id="constant_not_named_for_a_secret__no"),
        pytest.param("TOKEN = 'bearer'\ndef ok(t):\n    return t == TOKEN\n", [],
                     id="bare_constant__no"),
        pytest.param("def ok(user):\n    return user.status == UserStatus.FORCE_CHANGE_PASSWORD\n", [],
                     id="enum_member__no"),
        pytest.param("import os\nif os.environ.get('API_TOKEN') is None:\n    pass\n", [],
                     id="presence_check__no"),
        pytest.param("import os\nif os.environ.get('DEBUG') == flag:\n    pass\n", [],
                     id="not_a_secret__no"),
    ],
)
def test_machine_auth_is_evidence_against_login(source: str, expected: list[str]) -> None:
    assert auth(source) == expected
