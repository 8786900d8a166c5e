"""Web pages benchmark: do the office's dashboard and /api/status stay fast with 1,000 units?

For each size (27 units, a small Bloc; 1,000 units, a scale run) the units database of
units_bench.py (the default config's resolution, every unit's figure of every target and year),
an office account, and a real `tracker serve` process on loopback. Through httpx, signed in as
the office: one warm-up, then N sequential requests of each page; the p95 is compared with the
goal: under 300 ms, and at most 2x the same page with 27 units.

    .venv/bin/python benchmarks/web_pages_bench.py                 # 27 and 1,000 units, 50 requests
    .venv/bin/python benchmarks/web_pages_bench.py --requests 200
"""

from __future__ import annotations

import argparse
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

import httpx
from run import SCRUBBED_ENV, positive_int, venv_tracker
from units_bench import build

SIZES = (27, 1000)
PAGES = {"dashboard": "/dashboard", "api/status": "/api/status"}
GOAL_MS, GOAL_RATIO = 300.0, 2.0
PASSWORD = "Mat-khau-bench-2026-rat-dai"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(config: Path, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    tracker = [sys.executable, str(venv_tracker()), "--config", str(config)]
    subprocess.run([*tracker, "user", "add", "bench", "--role", "office", "--password-stdin"],
                   input=(PASSWORD + "\n").encode(), env=env, check=True, capture_output=True)  # fmt: skip
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


def p95_ms(client: httpx.Client, path: str, requests: int) -> float:
    assert client.get(path).status_code == 200  # warm-up
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        answer = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert answer.status_code == 200, answer.text[:200]
    return statistics.quantiles(times, n=20)[18]


def measure(size: int, requests: int, folder: Path, env: dict[str, str]) -> dict[str, float]:
    config, _plain = build(folder / f"u{size}", size, Path(sys.executable), venv_tracker(), env)
    server, base = start_server(config, env)
    try:
        client = signed_in(base)
        try:
            return {name: p95_ms(client, path, requests) for name, path in PAGES.items()}
        finally:
            client.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--requests", type=positive_int, default=50, help="timed requests per page")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    env = {key: value for key, value in os.environ.items() if key not in SCRUBBED_ENV}
    with tempfile.TemporaryDirectory(prefix="tracker-web-bench-") as tmp:
        found = {size: measure(size, args.requests, Path(tmp), env) for size in SIZES}
    small, large = found[SIZES[0]], found[SIZES[-1]]
    print(f"p95 of {args.requests} requests each, one `tracker serve` worker, SQLite, loopback")
    goal = f"goal (< {GOAL_MS:.0f} ms, <= {GOAL_RATIO}x)"
    print(f"{'page':<12}{'27 units':>12}{'1000 units':>13}{'ratio':>8}  {goal}")
    passed = True
    for name in PAGES:
        ratio = large[name] / small[name]
        ok = large[name] < GOAL_MS and ratio <= GOAL_RATIO
        passed &= ok
        verdict = "met" if ok else "MISSED"
        print(f"{name:<12}{small[name]:>9.1f} ms{large[name]:>10.1f} ms{ratio:>7.2f}x  {verdict}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
