-- GET /api/v1/tickets/{id} with a random existing id (the ticket and its messages)
dofile("bench/wrk_common.lua")
function request()
  return wrk.format("GET", "/api/v1/tickets/" .. math.random(1, n_tickets), auth_headers)
end
