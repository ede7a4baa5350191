"""The package's shape is part of its contract: layers point one way, modules stay small, imports do nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "assistant"
MAX_LINES = 400


def test_the_import_layer_contract_holds():
    """interfaces → answer/intents → index/ingest/calculators → models/settings, and no cycles (pyproject.toml)."""
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


def test_no_module_is_over_400_lines():
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.rglob("*.py")}
    too_big = {path: n for path, n in sizes.items() if n > MAX_LINES}
    assert not too_big, f"split these modules (limit {MAX_LINES} lines): {too_big}"


def test_importing_every_module_changes_no_environment_and_loads_nothing_heavy():
    """Offline/telemetry defaults are applied by entry points (configure_runtime), never as an import side effect."""
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in PACKAGE.rglob("*.py")
        if p.name != "__main__.py"
    )
    code = (
        "import importlib, json, os, sys\n"
        "before = dict(os.environ)\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "changed = sorted(k for k in set(before) | set(os.environ) if before.get(k) != os.environ.get(k))\n"
        "heavy = sorted(m for m in ('torch', 'sentence_transformers', 'chromadb', 'gradio', 'matplotlib') if m in sys.modules)\n"
        "print(json.dumps({'changed': changed, 'heavy': heavy}))\n"
    )
    env = {k: v for k, v in __import__("os").environ.items()
           if k not in {"HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "ANONYMIZED_TELEMETRY", "GRADIO_ANALYTICS_ENABLED",
                        "TOKENIZERS_PARALLELISM"}}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-3000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report == {"changed": [], "heavy": []}


def test_configure_runtime_sets_the_private_defaults_and_respects_what_is_set(monkeypatch):
    from assistant.settings import RUNTIME_DEFAULTS, configure_runtime

    for key in RUNTIME_DEFAULTS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "True")  # an operator's explicit choice wins
    configure_runtime()
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["ANONYMIZED_TELEMETRY"] == "False"
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "True"
