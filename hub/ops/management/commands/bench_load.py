"""The load test: `manage.py bench_load` (in `make bench`, not in CI).

    manage.py bench_load [--databases sqlite,postgresql] [--users 20] [--spawn-rate 5]
        [--run-time 60] [--accounts 200] [--workers 2] [--threads 4]

For each database: a new one (a SQLite file; on PostgreSQL a database of its own beside
DATABASE_URL's, or on postgres@127.0.0.1:5432, skipped with a message if no server answers),
migrated and seeded (the demo, load accounts and open sessions); gunicorn (gthread) on a free
loopback port with production's settings over http (hub.ops.load.settings); locust headless
with hub/ops/load/locustfile.py. Prints throughput, p50 and p95 a request type and errors, and
sets the RSVPs and submissions locust saw confirmed against the rows in the database. Fails
on any error or lost write.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hub.ops.load.report import LoadResult, format_comparison, format_result, parse_stats_json
from hub.search.bench.report import cpu_model, load_average

LOCUSTFILE = Path(__file__).resolve().parents[2] / "load" / "locustfile.py"
LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def _tool(name: str) -> str:
    path = Path(sys.executable).parent / name
    found = str(path) if path.exists() else shutil.which(name)
    if found is None:
        raise CommandError(f"{name} is not installed: `make bench` installs the bench extra.")
    return found


def _free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _postgres_admin_url() -> str:
    configured = os.environ.get("DATABASE_URL", "")
    return configured if configured.startswith(("postgres://", "postgresql://")) else LOCAL_POSTGRES


def _with_database(url: str, name: str) -> str:
    return urlsplit(url)._replace(path="/" + quote(name)).geturl()


@contextmanager
def _postgres_database(log):
    """A new database on the server DATABASE_URL names (or the local one); None if none answers."""
    import psycopg

    admin_url = _postgres_admin_url()
    try:
        admin = psycopg.connect(_with_database(admin_url, "postgres"), connect_timeout=3)
    except psycopg.OperationalError as error:
        log(f"postgresql: skipped, no server answers at {urlsplit(admin_url).hostname}: {error}")
        yield None
        return
    name = f"hub_bench_load_{os.getpid()}"
    admin.autocommit = True
    with closing(admin):
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield _with_database(admin_url, name)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Command(BaseCommand):
    help = "Load test gunicorn with locust on SQLite and PostgreSQL: throughput, p95, lost writes."

    def add_arguments(self, parser):
        parser.add_argument("--databases", default="sqlite,postgresql")
        parser.add_argument("--users", type=int, default=20)
        parser.add_argument("--spawn-rate", type=float, default=5)
        parser.add_argument("--run-time", type=int, default=60, help="Seconds of load.")
        parser.add_argument("--accounts", type=int, default=200)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args, **options):
        engines = [name.strip() for name in options["databases"].split(",") if name.strip()]
        unknown = set(engines) - {"sqlite", "postgresql"}
        if unknown:
            raise CommandError(f"--databases takes sqlite and postgresql, not {unknown}")
        self.options = options
        self.stdout.write(
            f"Load test: {options['users']} users (spawn {options['spawn_rate']}/s) for "
            f"{options['run_time']} s against gunicorn ({options['workers']} workers x "
            f"{options['threads']} threads, gthread) on loopback. CPU: {cpu_model()}, "
            f"{os.cpu_count()} cores, load average {load_average()}."
        )
        results: list[LoadResult] = []
        with tempfile.TemporaryDirectory(prefix="hub-bench-load-") as folder:
            self.folder = Path(folder)
            self.static_root = self.folder / "static"
            for engine in engines:
                result = self._run_engine(engine)
                if result is not None:
                    results.append(result)
                    for line in format_result(result):
                        self.stdout.write(line)
        if len(results) == 2:
            self.stdout.write(format_comparison(results[0], results[1]))
        failed = [result.engine for result in results if not result.passed]
        if failed or not results:
            raise CommandError(
                "Load test failed on "
                + (", ".join(failed) or "no database: none ran")
                + ": errors or lost writes above."
            )
        self.stdout.write(self.style.SUCCESS("0 errors and 0 lost writes on every database."))

    def _run_engine(self, engine: str) -> LoadResult | None:
        if engine == "sqlite":
            url = f"sqlite:///{self.folder / 'bench.sqlite3'}"
            return self._run(engine, url)
        with _postgres_database(self.stdout.write) as url:
            return None if url is None else self._run(engine, url)

    def _env(self, url: str) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "hub.ops.load.settings",
            "DATABASE_URL": url,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "HUB_BENCH_STATIC_ROOT": str(self.static_root),
            # Lexical search: the load is on the web stack and database, not a model's threads.
            "HUB_SEARCH_MODE": "lexical",
            "HUB_EMBEDDINGS_PROVIDER": "none",
            "HUB_LOG_LEVEL": "WARNING",
        }

    def _manage(self, env: dict, *arguments: str) -> str:
        done = subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
            [sys.executable, str(settings.BASE_DIR / "manage.py"), *arguments],
            env=env,
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
        )
        if done.returncode != 0:
            raise CommandError(f"manage.py {arguments[0]} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def _run(self, engine: str, url: str) -> LoadResult:
        env = self._env(url)
        self.stdout.write(f"{engine}: migrating and seeding a new database...")
        self._manage(env, "migrate", "--no-input")
        if not self.static_root.exists():
            self._manage(env, "collectstatic", "--no-input")
        plan = self.folder / f"plan-{engine}.json"
        self._manage(
            env,
            "bench_load_data",
            f"--plan={plan}",
            f"--accounts={self.options['accounts']}",
            f"--password={secrets.token_urlsafe(16)}",
        )
        port = _free_port()
        log_path = self.folder / f"gunicorn-{engine}.log"
        with log_path.open("w") as log, self._server(env, port, log):
            self._wait_until_serving(port, log_path)
            stats = self._locust(env, plan, port, engine)
        rows = json.loads(self._manage(env, "bench_load_data", "--count"))
        by_name, total = parse_stats_json(stats)
        server_errors = [
            line
            for line in log_path.read_text().splitlines()
            if any(word in line for word in ("Error", "ERROR", "CRITICAL", "WORKER"))
        ]
        for line in server_errors[:5]:
            self.stdout.write(f"  server log: {line}")
        return LoadResult(engine=engine, by_name=by_name, total=total, rows=rows)

    @contextmanager
    def _server(self, env: dict, port: int, log):
        server = subprocess.Popen(  # noqa: S603 - gunicorn, fixed arguments
            [
                _tool("gunicorn"),
                "config.wsgi:application",
                f"--workers={self.options['workers']}",
                "--worker-class=gthread",
                f"--threads={self.options['threads']}",
                f"--bind=127.0.0.1:{port}",
                "--timeout=60",
                # Idle connections stay open longer than a user waits between requests: at
                # gunicorn's 2 s, a request sent as the server closed its connection was reset.
                "--keep-alive=30",
            ],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield server
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

    def _wait_until_serving(self, port: int, log_path: Path) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)  # noqa: S310
                return
            except urllib.error.HTTPError:
                return  # it answers: /healthz may say 503 for want of a task worker
            except OSError:
                time.sleep(0.5)
        raise CommandError(f"gunicorn did not start:\n{log_path.read_text()[-3000:]}")

    def _locust(self, env: dict, plan: Path, port: int, engine: str) -> Path:
        prefix = self.folder / f"locust-{engine}"
        done = subprocess.run(  # noqa: S603 - locust, fixed arguments
            [
                _tool("locust"),
                f"--locustfile={LOCUSTFILE}",
                "--headless",
                f"--users={self.options['users']}",
                f"--spawn-rate={self.options['spawn_rate']}",
                f"--run-time={self.options['run_time']}s",
                # Let each user finish the request it is in, so every write is answered.
                "--stop-timeout=30",
                f"--host=http://127.0.0.1:{port}",
                f"--csv={prefix}",
                f"--json-file={prefix}",
                "--only-summary",
                "--loglevel=WARNING",
            ],
            env={**env, "HUB_LOAD_PLAN": str(plan)},
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
        )
        stats = Path(f"{prefix}.json")
        if not stats.exists():
            raise CommandError(f"locust wrote no stats (exit {done.returncode}):\n{done.stderr}")
        failures = Path(f"{prefix}_failures.csv").read_text().splitlines()[1:6]
        for line in failures:
            self.stdout.write(f"  failure: {line}")
        return stats
