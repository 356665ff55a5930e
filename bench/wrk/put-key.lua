-- PUT (replace) one small item of a random session, sending the API key in BENCH_API_KEY.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local key = os.getenv("BENCH_API_KEY")
local body = '{"n":12345,"s":"hello world"}'
request = function()
  return wrk.format("PUT", item_path(), { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }, body)
end
