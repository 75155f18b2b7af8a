"""Crash sweep: framefit over the source distributions of 200+ widely used PyPI projects.

    python benchmarks/sweep.py WORKDIR [--limit N] [--json OUT] [--exhaustive]

Downloads each project's sdist straight from PyPI's JSON API (nothing is built, installed or run:
pip would run a build backend to prepare metadata), checks its sha256, unpacks it with tarfile's
"data" filter (or zipfile, rejecting paths that leave the folder), then runs `framefit check
--format json --no-cache` on the tree as a separate process. It reports crashes (exit code 2 or
no JSON), internal-error diagnostics, diagnostics by kind, and throughput (files and MB per
second). Downloads are kept in WORKDIR/dl and reused.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

# Web apps and frameworks, libraries of every size, and old releases full of Python 2 code.
PROJECTS = """
django flask fastapi starlette pyramid bottle falcon tornado aiohttp sanic quart cherrypy
web.py==0.62 django==1.11.29 flask==0.10.1 werkzeug jinja2 click itsdangerous markupsafe
requests urllib3 idna certifi charset-normalizer httpx httpcore h11 anyio sniffio
sqlalchemy alembic psycopg2 psycopg pymysql mysqlclient peewee pony tortoise-orm
redis pymongo mongoengine celery kombu rq dramatiq huey
django-allauth djangorestframework django-filter django-cors-headers django-extensions
django-debug-toolbar django-storages django-redis wagtail django-cms mezzanine==4.3.1
flask-sqlalchemy flask-login flask-wtf flask-migrate flask-restful flask-cors flask-admin
flask-security-too flask-caching flask-mail flask-babel flask-appbuilder
gunicorn uvicorn waitress gevent eventlet greenlet
numpy pandas scipy matplotlib pillow lxml beautifulsoup4 html5lib
pyyaml toml tomli tomlkit packaging setuptools wheel pip virtualenv tox nox
pytest pluggy coverage hypothesis mock nose==1.3.7 six==1.16.0 future==0.18.3
attrs cattrs pydantic marshmallow jsonschema voluptuous cerberus
cryptography pyopenssl bcrypt passlib pyjwt python-jose authlib oauthlib requests-oauthlib
boto3 botocore s3transfer awscli google-auth google-api-core
docutils sphinx mkdocs markdown mistune pygments
rich colorama tqdm prompt-toolkit textual typer docopt
python-dateutil pytz arrow pendulum babel
networkx sympy mpmath statsmodels scikit-learn
ansible-core fabric invoke paramiko pexpect ptyprocess
twisted==22.10.0 zope.interface scrapy parsel w3lib
gitpython dulwich mercurial==5.9.3
pycrypto==2.6.1 MySQL-python==1.2.5 mechanize==0.2.5 BeautifulSoup==3.2.2 pyOpenSSL==0.13.1
python-openid==2.2.5 South==1.0.2 Paste==1.7.5.1 PasteDeploy==1.5.2 WebOb==1.2.3 Routes==1.13
simplejson ujson orjson msgpack protobuf grpcio
black isort flake8 pyflakes pycodestyle pylint astroid mypy ruff autopep8 yapf
ipython jupyter-core jupyter-client nbformat notebook tornado==4.5.3
openpyxl xlrd xlsxwriter reportlab pypdf
selenium playwright beautifulsoup4==4.9.3
psutil watchdog schedule apscheduler
sentry-sdk structlog loguru
graphene strawberry-graphql ariadne
channels daphne asgiref whitenoise
mkdocs-material jinja2==2.11.3 werkzeug==0.16.1
deptry pipreqs fawltydeps pip-audit safety
httpbin searx==0.17.0 datasette sqlite-web flaskbb ckan==2.9.11
graphite-web archivebox glances mlflow==2.9.2 apache-airflow==1.10.15
trac==1.4.4 moinmoin==1.9.11 plone==4.3.20 zope==4.8.11 pylons==1.0.3 turbogears2
""".split()  # noqa: SIM905 (a word per project reads better than a list)


def pypi_sdist(spec: str) -> tuple[str, str, str] | None:
    """(url, sha256, filename) of the sdist of `name` or `name==version`, from PyPI's JSON API."""
    name, _, version = spec.partition("==")
    url = f"https://pypi.org/pypi/{name}/{version + '/' if version else ''}json"
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            data = json.load(response)
    except OSError as exc:
        print(f"  {spec}: no metadata ({exc})", file=sys.stderr)
        return None
    for item in data.get("urls", []):
        if item.get("packagetype") == "sdist":
            # Some PyPI mirrors answer with URLs relative to the JSON document.
            return urljoin(url, item["url"]), item["digests"]["sha256"], item["filename"]
    return None


def download(spec: str, folder: Path) -> Path | None:
    found = pypi_sdist(spec)
    if found is None:
        return None
    url, sha, filename = found
    target = folder / filename
    if not target.exists() or hashlib.sha256(target.read_bytes()).hexdigest() != sha:
        try:
            with urllib.request.urlopen(url, timeout=300) as response:
                target.write_bytes(response.read())
        except OSError as exc:
            print(f"  {spec}: download failed ({exc})", file=sys.stderr)
            return None
    if hashlib.sha256(target.read_bytes()).hexdigest() != sha:
        print(f"  {spec}: sha256 mismatch, skipped", file=sys.stderr)
        return None
    return target


def unpack(archive: Path, folder: Path) -> Path:
    destination = folder / archive.name.removesuffix(".tar.gz").removesuffix(".zip").removesuffix(".tgz")
    if destination.exists():
        return destination
    destination.mkdir(parents=True)
    if archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as zipped:
            for member in zipped.namelist():
                if member.startswith("/") or ".." in Path(member).parts:
                    raise ValueError(f"{archive.name}: unsafe member {member}")
            zipped.extractall(destination)
    else:
        with tarfile.open(archive) as tarred:
            tarred.extractall(destination, filter="data")
    return destination


def run_one(tree: Path, extra: tuple[str, ...] = ()) -> dict[str, object]:
    started = time.perf_counter()
    done = subprocess.run(["framefit", "check", "--format", "json", "--no-cache", *extra, str(tree)],
                          capture_output=True, text=True, timeout=900, check=False)
    elapsed = time.perf_counter() - started
    files = sum(1 for p in tree.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in tree.rglob("*") if p.is_file() and not p.is_symlink())
    row: dict[str, object] = {"tree": tree.name, "exit": done.returncode, "seconds": round(elapsed, 2),
                              "files": files, "bytes": size}
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        row["crash"] = done.stderr.strip()[-500:] or f"exit {done.returncode}, no JSON"
        return row
    kinds = Counter(d["kind"] for d in report["diagnostics"])
    row["diagnostics"] = dict(kinds)
    row["internal_errors"] = [d for d in report["diagnostics"] if d["kind"] == "internal-error"]
    row["unnamed"] = [d for d in report["diagnostics"] if not d["path"] or not d["message"]]
    row["frameworks"] = sorted({s["framework"] for s in report["services"]})
    if done.returncode == 2:
        row["crash"] = done.stderr.strip()[-500:]
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workdir", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--download-only", action="store_true", help="fetch and unpack, run nothing")
    parser.add_argument("--exhaustive", action="store_true",
                        help="parse every Python module (framefit check --exhaustive): the parser "
                             "meets every file, not only those the plan needs")
    args = parser.parse_args()
    (args.workdir / "dl").mkdir(parents=True, exist_ok=True)
    (args.workdir / "src").mkdir(parents=True, exist_ok=True)
    specs = PROJECTS[: args.limit] if args.limit else PROJECTS
    rows = []
    for spec in specs:
        archive = download(spec, args.workdir / "dl")
        if archive is None:
            continue
        try:
            tree = unpack(archive, args.workdir / "src")
        except (OSError, ValueError, tarfile.TarError, zipfile.BadZipFile) as exc:
            print(f"  {spec}: cannot unpack ({exc})", file=sys.stderr)
            continue
        if args.download_only:
            continue
        row = run_one(tree, ("--exhaustive",) if args.exhaustive else ())
        rows.append(row)
        print(f"{row['tree']:<45} exit={row['exit']} {row['seconds']:>6}s "
              f"{row.get('diagnostics', {})} {'CRASH' if 'crash' in row else ''}", flush=True)
    if rows:
        summary(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    shutil.rmtree(args.workdir / "tmp", ignore_errors=True)


def summary(rows: list[dict[str, object]]) -> None:
    crashes = [r for r in rows if "crash" in r]
    internal = sum(len(r.get("internal_errors", [])) for r in rows)  # type: ignore[arg-type]
    unnamed = sum(len(r.get("unnamed", [])) for r in rows)  # type: ignore[arg-type]
    kinds: Counter[str] = Counter()
    for r in rows:
        kinds.update(r.get("diagnostics", {}))  # type: ignore[arg-type]
    seconds = sum(float(r["seconds"]) for r in rows)  # type: ignore[arg-type]
    files = sum(int(r["files"]) for r in rows)  # type: ignore[call-overload]
    size = sum(int(r["bytes"]) for r in rows)  # type: ignore[call-overload]
    print(f"\n{len(rows)} projects, {files:,} files, {size / 1e6:,.0f} MB in {seconds:,.0f} s "
          f"({files / max(seconds, 1e-9):,.0f} files/s, {size / 1e6 / max(seconds, 1e-9):,.1f} MB/s)")
    print(f"crashes: {len(crashes)}   internal errors: {internal}   diagnostics without a file "
          f"or reason: {unnamed}")
    print("diagnostics by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
    for r in crashes:
        print(f"  CRASH {r['tree']}: {r['crash']}")


if __name__ == "__main__":
    main()
