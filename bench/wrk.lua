-- wrk script for `npm run bench` (bench/run.mjs).
--
-- Environment:
--   BENCH_BODY_FILE  JSON request body, POSTed as application/json
--   BENCH_RATE       total offered rate in req/s for a fixed-rate run; 0 or unset: closed loop
--                    (each connection sends its next request as soon as the previous one is done)
--   BENCH_THREADS    the -t given to wrk; the rate is split evenly over the threads
--
-- Fixed rate: each wrk thread hands out send slots on a fixed schedule (start + k * threads / rate)
-- through wrk's delay() hook. A connection that becomes free waits for the next unclaimed slot;
-- slots already in the past are sent at once, so a target that falls behind shows up as an achieved
-- rate below the offered one (run.mjs marks such runs INVALID). Latency is wrk's own, measured from
-- the actual send (not corrected for coordinated omission), so fixed-rate percentiles only mean
-- service time when the achieved rate met the offered one.
--
-- At the end one line `BENCH_JSON {...}` carries the raw figures (latencies in microseconds).

local body_file = os.getenv("BENCH_BODY_FILE")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  wrk.body = f:read("*a")
  f:close()
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local rate = tonumber(os.getenv("BENCH_RATE") or "0") or 0
local threads = tonumber(os.getenv("BENCH_THREADS") or "1") or 1

if rate > 0 then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } gh_bench_timespec;
    int clock_gettime(int clk_id, gh_bench_timespec *tp);
  ]]
  local ts = ffi.new("gh_bench_timespec")
  local CLOCK_MONOTONIC = 1
  local function now_us()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
    return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
  end
  local interval_us = 1e6 * threads / rate
  local next_slot = nil

  -- Called by wrk before each request; returns the delay in ms before sending it.
  function delay()
    local now = now_us()
    if next_slot == nil then next_slot = now end
    local slot = next_slot
    next_slot = next_slot + interval_us
    local wait_ms = (slot - now) / 1000.0
    if wait_ms <= 0 then return 0 end
    return math.floor(wait_ms + 0.5)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,"p50":%d,"p75":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9)))
end
