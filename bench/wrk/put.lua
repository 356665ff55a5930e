-- PUT (replace) one small item of a random session.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
request = put_item
