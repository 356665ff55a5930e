-- PUT (replace) one entry through Infinispan's REST API.
dofile(os.getenv("BENCH_DIR") .. "/wrk/ispn-common.lua")
request = function()
  return put_entry(random_entry_path())
end
