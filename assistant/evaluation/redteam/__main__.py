"""``python -m assistant.evaluation.redteam`` (``make redteam``): the red-team run, bounded and on loopback only.

Builds everything in a temporary folder from ``corpus/`` (an index, copies of it per server), starts the app as
``nearshore serve`` subprocesses on 127.0.0.1 and free ports, runs the checks, prints a table of tried / passed /
failed per check and exits 1 when anything failed (2 on bad options). See README, "Red-team run".
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

from assistant.settings import configure_runtime

CHECKS = ("kill", "fuzz", "poison", "uploads", "load", "ratelimit")
URL_CHECKS = ("fuzz", "poison", "load")  # the ones that can run against a server this harness did not start
# (full, quick) sizes
SIZES = {"kills": (20, 3), "fuzz": (1200, 250), "clients": (50, 20), "load_s": (20.0, 6.0)}


def _size(name: str, quick: bool):
    return SIZES[name][1 if quick else 0]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m assistant.evaluation.redteam", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="smaller counts and a 2-folder corpus: a smoke run of a few minutes")
    p.add_argument("--seed", type=int, default=20261201, help="seed of every random choice (kill moments, fuzz cases)")
    p.add_argument("--only", action="append", choices=CHECKS, metavar="CHECK",
                   help=f"run only this check (repeatable): {', '.join(CHECKS)}")
    p.add_argument("--url", help=f"test this running app instead of starting servers (only {', '.join(URL_CHECKS)}; "
                                 "must be a loopback address)")
    p.add_argument("--admin-token", help="with --url: the app's admin token, for the poisoned-upload attempt")
    p.add_argument("--consultant-token", help="with --url: the app's consultant token (the Admin tab is in the "
                                              "consultant workspace), for the poisoned-upload attempt")
    p.add_argument("--fuzz-cases", type=int, help="number of fuzz cases (default 1200, 250 with --quick)")
    p.add_argument("--kills", type=int, help="kill-during-ingest cycles (default 20, 3 with --quick)")
    p.add_argument("--json", type=Path, help="also write the results to this JSON file")
    p.add_argument("--keep", action="store_true", help="keep the temporary folder (server logs, indexes) for a look")
    args = p.parse_args(argv)
    if args.url:
        from urllib.parse import urlsplit

        if urlsplit(args.url).hostname not in ("127.0.0.1", "localhost", "::1"):
            p.error("--url must be a loopback address (127.0.0.1 / localhost): this harness attacks what it is given")
        args.url = args.url.rstrip("/") + "/"
        bad = set(args.only or URL_CHECKS) - set(URL_CHECKS)
        if bad:
            p.error(f"with --url only {', '.join(URL_CHECKS)} can run (not {', '.join(sorted(bad))})")
    return args


def table(results) -> str:
    rows = [("check", "tried", "passed", "failed")] + [(r.name, str(r.tried), str(r.passed), str(r.failed)) for r in results]
    rows.append(("total", str(sum(r.tried for r in results)), str(sum(r.passed for r in results)),
                 str(sum(r.failed for r in results))))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    line = lambda row: "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row))  # noqa: E731
    return "\n".join([line(rows[0]), "  ".join("-" * w for w in widths), *map(line, rows[1:-1]),
                      "  ".join("-" * w for w in widths), line(rows[-1])])


def main(argv: list[str] | None = None) -> int:
    configure_runtime()
    args = parse_args(argv)
    from assistant.evaluation.redteam import attacks, ingestkill, webchecks
    from assistant.evaluation.redteam.common import CheckResult
    from assistant.evaluation.redteam.workspace import Workspace

    def say(message: str) -> None:
        print(message, flush=True)

    wanted = [c for c in CHECKS if c in (args.only or (URL_CHECKS if args.url else CHECKS))]
    quick = args.quick
    fuzz_n = args.fuzz_cases or _size("fuzz", quick)
    kills = args.kills or _size("kills", quick)
    root = Path(tempfile.mkdtemp(prefix="nearshore-redteam-"))
    space = Workspace(root, quick, say)
    token = "rt-" + secrets.token_hex(12)
    consultant = "rt-c-" + secrets.token_hex(12)
    results = []
    began = time.monotonic()
    say(f"red-team run: checks {', '.join(wanted)}; seed {args.seed}; {'quick' if quick else 'full'}; workspace {root}")

    def main_server():
        return space.server("main", admin_token=token, consultant_token=consultant)

    try:
        for check in wanted:
            say(f"\n== {check}")
            t0 = time.monotonic()
            try:
                if check == "kill":
                    result = ingestkill.run(root, kills, args.seed, say)
                elif check == "fuzz":
                    server = None if args.url else main_server()
                    result = webchecks.run_fuzz(args.url or server.url, fuzz_n, args.seed, server,
                                                leak_markers=(args.admin_token or token,
                                                              args.consultant_token or consultant), say=say)
                elif check == "poison":
                    server = None if args.url else main_server()
                    result = attacks.run_poison(args.url or server.url, args.admin_token if args.url else token,
                                                args.consultant_token if args.url else consultant, say)
                elif check == "uploads":
                    result = attacks.run_uploads(space.server("public"), main_server(), quick)
                    space.release("public")
                elif check == "load":
                    server = None if args.url else main_server()
                    result = webchecks.run_load(args.url or server.url, _size("clients", quick), _size("load_s", quick),
                                                args.seed, server, say)
                else:  # ratelimit: a server of its own with the default 30 a minute and a consultant token
                    result = webchecks.run_ratelimit(space.server("limited", admin_token=token, consultant_token=consultant,
                                                                  rate_limit=30), say=say)
                    space.release("limited")
            except Exception as exc:  # noqa: BLE001 - one broken check must not hide the others' results
                result = CheckResult({"kill": "kill-ingest"}.get(check, check))
                result.error = f"{type(exc).__name__}: {exc}"
            result.metrics.setdefault("seconds", round(time.monotonic() - t0, 1))
            results.append(result)
            say(f"   {result.name}: {result.tried} tried, {result.passed} passed, {result.failed} failed "
                f"({time.monotonic() - t0:.0f} s)")
            for server in list(space.servers.values()):
                if not server.alive():
                    say(f"   server '{server.name}' is DOWN (exit {server.proc.returncode}): {server.log_tail(800)}")
    finally:
        space.close()
        if args.keep:
            say(f"\nworkspace kept: {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)

    say(f"\nRed-team summary (seed {args.seed}, {'quick' if quick else 'full'}, {time.monotonic() - began:.0f} s)\n")
    say(table(results))
    for r in results:
        if r.notes or r.failures or r.error:
            say(f"\n{r.name}:")
            for note in r.notes:
                say(f"  - {note}")
            if r.error:
                say(f"  ! could not finish: {r.error}")
            for failure in r.failures:
                say(f"  ✗ {failure}")
            if r.failed_count > len(r.failures):
                say(f"  … and {r.failed_count - len(r.failures)} more failures")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"seed": args.seed, "quick": quick, "results": [r.as_dict() for r in results]},
                                        indent=2), encoding="utf-8")
    failed = sum(r.failed for r in results)
    say(f"\n{'FAILED' if failed else 'PASSED'}: {failed} failures")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
