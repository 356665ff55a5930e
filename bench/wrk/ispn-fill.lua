-- Writes every entry once, in order, then starts over (run.sh gives it enough time for one pass).
dofile(os.getenv("BENCH_DIR") .. "/wrk/ispn-common.lua")
local next_entry = 0
request = function()
  local i = next_entry % entry_count()
  next_entry = next_entry + 1
  local keys = tonumber(os.getenv("BENCH_KEYS") or "10")
  return put_entry(entry_path(math.floor(i / keys) + 1, i % keys + 1))
end
