-- A steady read-mostly load (9 GETs for every PUT) at a bounded rate: each connection waits
-- BENCH_DELAY_MS between requests, so the load stays the same while the heap grows.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "4")
request = function()
  if math.random(10) == 1 then
    return put_item()
  end
  return get_item()
end
function delay()
  return pause
end
