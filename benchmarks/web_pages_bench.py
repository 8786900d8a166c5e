"""Web pages benchmark: do the office's dashboard, /api/status and the units matrix (/units)
stay fast with 1,000 units?

For each size (27 units, a small Bloc; 1,000 units, a scale run) the units database of
units_bench.py (the default config's resolution, every unit's figure of every target and year),
an office account, and a real `tracker serve` process on loopback. Through httpx, signed in as
the office: one warm-up, then N sequential requests of each page; the p95 is compared with the
goal: under 300 ms, and at most 2x the same page with 27 units.

The portal keeps the status it built until the history changes (tracker/status/_kept.py), so
two figures are measured: "kept", the same page asked again while nothing was stored (what the
office and the viewers meet most), and "fresh", each request asking a view not kept (the years
and both languages in turn, more than are kept): the time of the first request after a change.
The goal is applied to both and both are printed.

    .venv/bin/python benchmarks/web_pages_bench.py                 # 27 and 1,000 units, 50 requests
    .venv/bin/python benchmarks/web_pages_bench.py --requests 200
    .venv/bin/python benchmarks/web_pages_bench.py --quick         # 3 and 27 units, 5 requests
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import httpx2 as httpx
from run import SCRUBBED_ENV, positive_int, venv_tracker
from units_bench import build

SIZES = (27, 1000)
QUICK_SIZES = (3, 27)
PAGES = {"dashboard": "/dashboard", "api/status": "/api/status", "units": "/units"}
YEARS = (2021, 2022, 2023, 2024, 2025)  # the default resolution's; with two languages, 10 views
GOAL_MS, GOAL_RATIO = 300.0, 2.0
PASSWORD = "Mat-khau-bench-2026-rat-dai"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def add_office(config: Path, env: dict[str, str]) -> None:
    tracker = [sys.executable, str(venv_tracker()), "--config", str(config)]
    subprocess.run([*tracker, "user", "add", "bench", "--role", "office", "--password-stdin"],
                   input=(PASSWORD + "\n").encode(), env=env, check=True, capture_output=True)  # fmt: skip


def start_server(config: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    tracker = [sys.executable, str(venv_tracker()), "--config", str(config)]
    port = free_port()
    server = subprocess.Popen([*tracker, "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(f"{base}/healthz").status_code == 200:
                return server, base
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.kill()
    raise SystemExit("error: tracker serve did not answer /healthz in 20 s")


def signed_in(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, cookies={"tracker_lang": "vi"})
    form = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token is not None
    data = {"username": "bench", "password": PASSWORD, "csrf_token": token.group(1), "next": "/"}
    assert client.post("/login", data=data).status_code == 303
    return client


def p95_ms(client: httpx.Client, paths: Sequence[tuple[str, str]], requests: int) -> float:
    """The p95 of `requests` requests of the paths in turn, each (path, language)."""
    for path, lang in paths[:1]:
        assert client.get(path, cookies={"tracker_lang": lang}).status_code == 200  # warm-up
    times = []
    for number in range(requests):
        path, lang = paths[number % len(paths)]
        client.cookies.set("tracker_lang", lang)
        start = time.perf_counter()
        answer = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, answer.text[:200]
    return statistics.quantiles(times, n=20)[18] if len(times) > 1 else times[0]


def page_times(client: httpx.Client, path: str, requests: int) -> dict[str, float]:
    """A page kept (asked again) and fresh (a view not kept each time)."""
    fresh = [(f"{path}?year={year}", lang) for lang in ("vi", "en") for year in YEARS]
    return {"kept": p95_ms(client, [(path, "vi")], requests), "fresh": p95_ms(client, fresh, requests)}


def measure(size: int, requests: int, folder: Path, env: dict[str, str]) -> dict[str, dict[str, float]]:
    """Each page on a server of its own (the views one page kept do not serve the other)."""
    config, _plain = build(folder / f"u{size}", size, Path(sys.executable), venv_tracker(), env)
    add_office(config, env)
    return {name: served_times(config, env, path, requests) for name, path in PAGES.items()}


def served_times(config: Path, env: dict[str, str], path: str, requests: int) -> dict[str, float]:
    server, base = start_server(config, env)
    try:
        client = signed_in(base)
        try:
            return page_times(client, path, requests)
        finally:
            client.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--requests", type=positive_int, default=50, help="timed requests per page")
    parser.add_argument("--quick", action="store_true", help="3 and 27 units, 5 requests: a smoke test")
    parser.add_argument("--output", type=Path, help="write the figures as JSON here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes, requests = (QUICK_SIZES, 5) if args.quick else (SIZES, args.requests)
    env = {key: value for key, value in os.environ.items() if key not in SCRUBBED_ENV}
    with tempfile.TemporaryDirectory(prefix="tracker-web-bench-") as tmp:
        found = {size: measure(size, requests, Path(tmp), env) for size in sizes}
    small, large = found[sizes[0]], found[sizes[-1]]
    print(f"p95 of {requests} requests each, one `tracker serve` worker, SQLite, loopback")
    goal = f"goal (< {GOAL_MS:.0f} ms, <= {GOAL_RATIO}x)"
    print(f"{'page':<20}{f'{sizes[0]} units':>12}{f'{sizes[-1]} units':>13}{'ratio':>8}  {goal}")
    passed, rows = True, {}
    for name in PAGES:
        for how in ("kept", "fresh"):
            ratio = large[name][how] / small[name][how]
            ok = large[name][how] < GOAL_MS and ratio <= GOAL_RATIO
            passed &= ok
            label = f"{name} ({how})"
            rows[label] = {
                "small_ms": small[name][how],
                "large_ms": large[name][how],
                "ratio": ratio,
                "met": ok,
            }
            verdict = "met" if ok else "MISSED"
            print(
                f"{label:<20}{small[name][how]:>9.1f} ms{large[name][how]:>10.1f} ms{ratio:>7.2f}x  {verdict}"
            )
    if args.output:
        args.output.write_text(
            json.dumps({"sizes": list(sizes), "requests": requests, "pages": rows}, indent=2)
        )
    return 0 if passed or args.quick else 1  # --quick: a smoke test, its sizes too small for a verdict


if __name__ == "__main__":
    sys.exit(main())
