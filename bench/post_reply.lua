-- POST /api/v1/tickets/{id}/replies: an agent's public reply on a random ticket
dofile("bench/wrk_common.lua")
local body = '{"body":"Thanks for your patience. I have checked with the warehouse and your parcel left this morning; you will get the tracking link by email today."}'
function request()
  return wrk.format("POST", "/api/v1/tickets/" .. math.random(1, n_tickets) .. "/replies", json_headers, body)
end
