-- Read-mostly: 9 GETs for every PUT.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
request = function()
  if math.random(10) == 1 then
    return put_item()
  end
  return get_item()
end
