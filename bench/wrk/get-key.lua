-- GET one item of a random session, sending the API key in BENCH_API_KEY.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local key = os.getenv("BENCH_API_KEY")
request = function()
  return wrk.format("GET", item_path(), { ["X-Api-Key"] = key })
end
