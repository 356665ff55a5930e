-- Creates sessions of two small items, for the heap-per-session measurement.
wrk.method = "POST"
wrk.body = '{"items":{"a":1,"b":"xy"}}'
wrk.headers["Content-Type"] = "application/json"
