"""A throw-away workspace for the red-team run: corpus copies, indexes and app servers, all under one temp folder.

Everything the harness starts is a subprocess of the ordinary entry point (``python -m
assistant.interfaces.cli.main ingest|serve``), configured only through ``NEARSHORE_*`` variables, listening on
127.0.0.1 on a free port. Each server gets its own copy of the corpus and the index (so an admin upload on one
changes nothing elsewhere), its own feedback database and its own ``GRADIO_TEMP_DIR`` (so the upload checks can
look into exactly the cache that server writes). Nothing outside the workspace is read except ``corpus/``.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from assistant.settings import RUNTIME_DEFAULTS

ROOT = Path(__file__).resolve().parents[3]
CLI = [sys.executable, "-m", "assistant.interfaces.cli.main"]
QUICK_FOLDERS = ("immex", "usmca")  # --quick serves these two corpus folders (26 documents) instead of all 102
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


def clean_env(**nearshore: object) -> dict[str, str]:
    """This process's environment without any ``NEARSHORE_*`` variable (a developer's NEARSHORE_LLM or CHROMA_HOST
    must not leak into the run), with the offline defaults and the given settings (``index_dir=…`` → NEARSHORE_INDEX_DIR)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEARSHORE_")}
    for key, value in RUNTIME_DEFAULTS.items():
        env.setdefault(key, value)
    env["NEARSHORE_EMBED_THREADS"] = "1"  # the machine is shared: one intra-op thread per process
    for key, value in nearshore.items():
        if value is not None:
            env[key if key.isupper() else f"NEARSHORE_{key.upper()}"] = str(value)
    return env


def read_manifest(index_dir: Path) -> dict | None:
    """The served generation's manifest (CURRENT → generations/<g>/manifest.json), read as plain JSON."""
    try:
        current = json.loads((index_dir / "CURRENT").read_text(encoding="utf-8"))
        return json.loads((index_dir / "generations" / current["generation"] / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError):
        return None


@dataclass
class Server:
    """One ``nearshore serve`` subprocess on 127.0.0.1."""

    name: str
    home: Path
    env: dict[str, str]
    port: int
    admin_token: str | None
    rate_limit: int
    consultant_token: str | None = None
    proc: subprocess.Popen | None = None
    log_path: Path | None = None
    started_s: float = 0.0

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/"

    @property
    def gradio_dir(self) -> Path:
        return Path(self.env["GRADIO_TEMP_DIR"])

    @property
    def corpus_dir(self) -> Path:
        return Path(self.env["NEARSHORE_CORPUS_DIR"])

    def start(self, timeout: float = 240.0) -> None:
        import httpx

        self.log_path = self.home / "server.log"
        log = open(self.log_path, "wb")
        began = time.monotonic()
        self.proc = subprocess.Popen([*CLI, "serve", "--host", LOOPBACK, "--port", str(self.port)], cwd=self.home,
                                     env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        while time.monotonic() - began < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server {self.name} exited with {self.proc.returncode}: {self.log_tail()}")
            try:
                if httpx.get(self.url + "api/health", timeout=5).status_code == 200:
                    self.started_s = time.monotonic() - began
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"server {self.name} did not answer /api/health within {timeout:.0f} s: {self.log_tail()}")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def health(self) -> int | None:
        import httpx

        try:
            return httpx.get(self.url + "api/health", timeout=30).status_code
        except httpx.HTTPError:
            return None

    def log_tail(self, chars: int = 1500) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:] if self.log_path else ""
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)  # the group this server leads (start_new_session)
            self.proc.wait(timeout=10)


@dataclass
class Workspace:
    root: Path
    quick: bool
    say: Callable[[str], None] = print
    servers: dict[str, Server] = field(default_factory=dict)
    _base_index: Path | None = None

    def corpus_copy(self, dest: Path) -> Path:
        """The served corpus: all of ``corpus/``, or with ``quick`` the folders in :data:`QUICK_FOLDERS`."""
        source = ROOT / "corpus"
        if not source.is_dir():
            raise RuntimeError(f"no corpus folder at {source}")
        if self.quick:
            for folder in QUICK_FOLDERS:
                shutil.copytree(source / folder, dest / folder)
        else:
            shutil.copytree(source, dest)
        return dest

    def base_index(self) -> Path:
        """An index of the served corpus, built once per run (``nearshore ingest -q``) and copied for each server."""
        if self._base_index is None:
            home = self.root / "base"
            corpus = self.corpus_copy(home / "corpus")
            index = home / "index"
            env = clean_env(corpus_dir=corpus, index_dir=index, feedback_db=home / "feedback.sqlite3")
            began = time.monotonic()
            self.say(f"  building the served index ({'2 corpus folders' if self.quick else 'the whole corpus'}) …")
            done = subprocess.run([*CLI, "ingest", "-q"], cwd=home, env=env, capture_output=True, text=True, timeout=1800)
            if done.returncode != 0:
                raise RuntimeError(f"the index build failed ({done.returncode}): {done.stderr[-1500:]}")
            manifest = read_manifest(index) or {}
            self.say(f"  index: {len(manifest.get('documents', {}))} documents, {manifest.get('chunk_count')} chunks "
                     f"in {time.monotonic() - began:.0f} s")
            self._base_index = index
        return self._base_index

    def server(self, name: str, admin_token: str | None = None, rate_limit: int = 1_000_000,
               max_upload_mb: int = 2, consultant_token: str | None = None) -> Server:
        """The named server, started on first use (a copy of the base index and corpus, its own Gradio cache).
        The Admin tab lives in the consultant workspace: an admin token is useful only with a consultant token."""
        if name in self.servers and self.servers[name].alive():
            return self.servers[name]
        base = self.base_index()
        home = self.root / "servers" / name
        if home.exists():
            shutil.rmtree(home)
        home.mkdir(parents=True)
        shutil.copytree(base, home / "index")
        shutil.copytree(base.parent / "corpus", home / "corpus")
        (home / "gradio").mkdir()
        env = clean_env(corpus_dir=home / "corpus", index_dir=home / "index", feedback_db=home / "feedback.sqlite3",
                        admin_token=admin_token, consultant_token=consultant_token, rate_limit_per_minute=rate_limit,
                        max_upload_mb=max_upload_mb, GRADIO_TEMP_DIR=home / "gradio")
        server = Server(name, home, env, free_port(), admin_token, rate_limit, consultant_token)
        self.say(f"  starting server '{name}' on {server.url} (rate limit {rate_limit}/min, "
                 f"consultant token {'set' if consultant_token else 'unset'}, "
                 f"admin token {'set' if admin_token else 'unset'}) …")
        server.start()
        self.servers[name] = server
        return server

    def release(self, name: str) -> None:
        server = self.servers.pop(name, None)
        if server is not None:
            server.stop()

    def close(self) -> None:
        for name in list(self.servers):
            self.release(name)
