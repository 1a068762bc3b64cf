"""Upload-to-parsed latency under concurrent uploads (issue 3): N clients upload CVs at once;
each CV's latency runs from its upload being sent to the moment GET shows it parsed (polled
every 100 ms, as a client would). Prints p50/p99 and documents/s for one backend; a Markdown row on request.

    upload_latency.py PF_BIN DATABASE_URL [--uploads 50] [--workers 2] [--md OUT]
"""
import argparse
import concurrent.futures
import glob
import json
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "api"))
from pfapi import Server  # noqa: E402
from fixtures import multipart  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = sorted(glob.glob(os.path.join(HERE, "..", "..", "golden", "parse", "*.pdf")) +
                  glob.glob(os.path.join(HERE, "..", "..", "golden", "parse", "*.docx")))


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("database")
    ap.add_argument("--uploads", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--md")
    args = ap.parse_args()
    os.environ["PF_BIN"] = args.bin
    server = Server({"jobs_workers": str(args.workers), "plan_free_cvs": "100000",
                     "http_threads": "8"})
    server.database = args.database
    server.start()
    try:
        user = server.user()
        bodies = []
        for path in FIXTURES:
            with open(path, "rb") as f:
                bodies.append(multipart("file", os.path.basename(path), "application/octet-stream",
                                        f.read()))

        def one(i):
            body, ctype = bodies[i % len(bodies)]
            start = time.monotonic()
            status, _, cv = server.request("POST", "/api/v1/cvs", raw=body, content_type=ctype,
                                           token=user["token"])
            assert status == 202, cv
            while True:
                _, _, got = server.request("GET", f"/api/v1/cvs/{cv['id']}", token=user["token"])
                if got["status"] in ("parsed", "failed"):
                    return time.monotonic() - start, got["status"]
                time.sleep(0.1)

        began = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.uploads) as pool:
            results = list(pool.map(one, range(args.uploads)))
        elapsed = time.monotonic() - began
    finally:
        server.close()
    latencies = [r[0] * 1000 for r in results]
    failed = sum(1 for r in results if r[1] != "parsed")
    backend = "postgresql" if args.database.startswith("postgres") else "sqlite"
    p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
    print(f"{backend}: {args.uploads} concurrent uploads, {args.workers} workers: "
          f"p50 {p50:.0f} ms, p99 {p99:.0f} ms, {args.uploads / elapsed:.1f} documents/s, "
          f"{failed} not parsed")
    if args.md:
        with open(args.md, "a") as f:
            f.write(f"| {backend} | {args.uploads} | {args.workers} | {p50:.0f} ms | {p99:.0f} ms "
                    f"| {args.uploads / elapsed:.1f} |\n")


if __name__ == "__main__":
    main()
