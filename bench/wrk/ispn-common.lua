-- Infinispan's own REST API on the same data shape as the service's items: one entry per
-- session and key ("<session>-k<n>") holding the same 29-byte JSON value, in cache bench-items.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local sessions = dofile(os.getenv("BENCH_SESSIONS"))
local keys = tonumber(os.getenv("BENCH_KEYS") or "10")
local value = '{"n":12345,"s":"hello world"}'

function entry_path(s, k)
  return "/rest/v2/caches/bench-items/" .. sessions[s] .. "-k" .. k
end

function random_entry_path()
  return entry_path(math.random(#sessions), math.random(keys))
end

function put_entry(path)
  return wrk.format("PUT", path, { ["Content-Type"] = "application/json" }, value)
end

function entry_count()
  return #sessions * keys
end
