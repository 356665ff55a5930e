-- Fills the store as create.lua does, at a bounded rate: each connection waits BENCH_FILL_DELAY_MS
-- between requests, so N connections create at most N * 1000 / BENCH_FILL_DELAY_MS sessions a second.
dofile(os.getenv("BENCH_DIR") .. "/wrk/create.lua")
local pause = tonumber(os.getenv("BENCH_FILL_DELAY_MS") or "0")
if pause > 0 then
  function delay()
    return pause
  end
end
