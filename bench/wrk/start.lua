-- Creates a session of two small items (what a log-in does), with the result line of every scenario.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local created = '{"items":{"a":1,"b":"xy"}}'
request = function()
  return wrk.format("POST", "/sessions", { ["Content-Type"] = "application/json" }, created)
end
