-- GET one item of a random session.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
request = get_item
