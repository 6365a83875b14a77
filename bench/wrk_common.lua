-- Shared by the bench/*.lua wrk scripts (loaded with dofile from the repo root).
-- env: HEED_TOKEN (bearer token), N_TICKETS (ids 1..N exist), LABEL.
-- Each thread gets its own random seed; done() prints one JSON line.
local token = os.getenv("HEED_TOKEN") or ""
n_tickets = tonumber(os.getenv("N_TICKETS") or "100000")
auth_headers = {["Authorization"] = "Bearer " .. token}
json_headers = {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}

local next_id = 1
function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

function init(args)
  math.randomseed(os.time() * 1000 + (thread_id or 0) * 7919)
  counter = 0
end

-- No response() hook: wrk then skips handing every body to Lua, which would
-- cost wrk CPU that the server needs (they share the 2 cores). wrk itself
-- counts every status outside 2xx/3xx in errors.status ("non_2xx_3xx").

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"label":"%s","requests":%d,"duration_s":%.2f,"per_s":%.0f,' ..
    '"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f,' ..
    '"err_connect":%d,"err_read":%d,"err_write":%d,"err_timeout":%d,"non_2xx_3xx":%d}\n',
    os.getenv("LABEL") or "", summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.timeout, e.status))
end
