-- Shared by every scenario: picks a random session and key from the set that run.sh created,
-- and prints one machine-readable result line when the run ends.
local sessions = dofile(os.getenv("BENCH_SESSIONS"))
local keys = tonumber(os.getenv("BENCH_KEYS") or "10")
local body = '{"n":12345,"s":"hello world"}'

function item_path()
  return "/sessions/" .. sessions[math.random(#sessions)] .. "/items/k" .. math.random(keys)
end

-- The bare headers, and those that real clients send: axios's Accept list, and JSON with a
-- charset as .NET, OkHttp and RestAssured name it.
local CLIENT_ACCEPT = "application/json, text/plain, */*"
local CLIENT_JSON = "application/json; charset=utf-8"

function get_item()
  return wrk.format("GET", item_path())
end

function put_item()
  return wrk.format("PUT", item_path(), { ["Content-Type"] = "application/json" }, body)
end

function get_item_client()
  return wrk.format("GET", item_path(), { ["Accept"] = CLIENT_ACCEPT })
end

function put_item_client()
  return wrk.format("PUT", item_path(), { ["Accept"] = CLIENT_ACCEPT, ["Content-Type"] = CLIENT_JSON }, body)
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT req_s=%.1f p50_us=%d p99_us=%d requests=%d errors=%d\n",
      summary.requests / (summary.duration / 1e6), latency:percentile(50), latency:percentile(99),
      summary.requests, errors))
end
