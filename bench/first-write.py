#!/usr/bin/env python3
"""Latency of creating a session and of its first PUT item, one request at a time on one
keep-alive connection: bench/first-write.py PORT [COUNT]. Prints p50 and p99 of each, in ms."""
import http.client
import json
import sys
import time

port = int(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
items = {"items": {"k%d" % k: {"n": k, "s": "hello world"} for k in range(1, 11)}}
create_body = json.dumps(items, separators=(",", ":"))
put_body = '{"n":12345,"s":"hello world"}'
json_type = {"Content-Type": "application/json"}
connection = http.client.HTTPConnection("127.0.0.1", port)
creates, puts = [], []
for _ in range(count):
    t0 = time.perf_counter()
    connection.request("POST", "/sessions", create_body, json_type)
    created = connection.getresponse()
    session = json.loads(created.read())["id"]
    t1 = time.perf_counter()
    connection.request("PUT", "/sessions/%s/items/k1" % session, put_body, json_type)
    put = connection.getresponse()
    put.read()
    t2 = time.perf_counter()
    if created.status != 201 or put.status != 200:
        sys.exit("unexpected answers %d, %d" % (created.status, put.status))
    creates.append(t1 - t0)
    puts.append(t2 - t1)


def percentile(values, p):
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


for name, values in (("create", creates), ("first-put", puts)):
    print("latency-%s count=%d p50_ms=%.2f p99_ms=%.2f" % (name, count, percentile(values, 50), percentile(values, 99)))
