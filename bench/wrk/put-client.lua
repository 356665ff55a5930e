-- PUT (replace) one small item of a random session, with the headers real clients send.
dofile(os.getenv("BENCH_DIR") .. "/wrk/common.lua")
request = put_item_client
