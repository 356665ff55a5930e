-- GET one entry from Infinispan's REST API.
dofile(os.getenv("BENCH_DIR") .. "/wrk/ispn-common.lua")
request = function()
  return wrk.format("GET", random_entry_path(), { ["Accept"] = "application/json" })
end
