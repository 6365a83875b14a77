-- GET /api/v1/tickets?limit=20: the newest 20 tickets (what an inbox shows first)
dofile("bench/wrk_common.lua")
local req
function request()
  req = req or wrk.format("GET", "/api/v1/tickets?limit=20", auth_headers)
  return req
end
