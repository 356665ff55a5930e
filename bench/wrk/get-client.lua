-- GET one item of a random session, with the headers real clients send.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
request = get_item_client
