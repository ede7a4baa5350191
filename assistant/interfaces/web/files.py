"""Files the UI generates for download (calculator CSVs, exported drafts), kept few and briefly.

Each file is written into its own random folder inside a folder of Gradio's cache, so Gradio serves it without
copying it again (a file outside its cache is copied in on every response). Every write first removes files
older than ``ttl`` seconds and then the oldest ones past ``max_files``: however many visitors export, the folder
holds at most ``max_files`` files. Gradio's own ``delete_cache`` sweep removes whatever is left after an hour.
"""

from __future__ import annotations

import secrets
import shutil
import threading
import time
from pathlib import Path
from typing import Callable

MAX_GENERATED_FILES = 200
GENERATED_TTL_SECONDS = 15 * 60  # long enough to click "download" after the result appears


class GeneratedFiles:
    def __init__(self, folder: Path, max_files: int = MAX_GENERATED_FILES, ttl: float = GENERATED_TTL_SECONDS,
                 clock: Callable[[], float] = time.time):
        self.folder = Path(folder)
        self.max_files = max_files
        self.ttl = ttl
        self.clock = clock
        self._lock = threading.Lock()

    def _entries(self) -> list[tuple[float, Path]]:
        entries = []
        for sub in self.folder.iterdir() if self.folder.is_dir() else ():
            try:
                entries.append((sub.stat().st_mtime, sub))
            except OSError:
                continue
        return sorted(entries)

    def prune(self, keep: int | None = None) -> None:
        """Remove expired files, then the oldest until at most ``keep`` (default ``max_files``) remain."""
        keep = self.max_files if keep is None else keep
        entries = self._entries()
        now = self.clock()
        fresh = [(m, p) for m, p in entries if now - m < self.ttl]
        stale = [p for m, p in entries if now - m >= self.ttl]
        stale += [p for _, p in fresh[: max(0, len(fresh) - keep)]]
        for path in stale:
            shutil.rmtree(path, ignore_errors=True)

    def new_path(self, name: str) -> Path:
        """A fresh path named ``name`` (the download's file name) after making room for it."""
        with self._lock:
            self.prune(keep=self.max_files - 1)
            sub = self.folder / secrets.token_hex(8)
            sub.mkdir(parents=True)
            return sub / name

    def write_text(self, name: str, text: str) -> Path:
        path = self.new_path(name)
        path.write_text(text, encoding="utf-8")
        return path

    def count(self) -> int:
        return sum(1 for p in self.folder.rglob("*") if p.is_file()) if self.folder.is_dir() else 0
