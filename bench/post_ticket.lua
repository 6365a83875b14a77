-- POST /api/v1/tickets: a new ticket from one of 50,000 customers (found or created)
dofile("bench/wrk_common.lua")
function request()
  counter = counter + 1
  local c = math.random(1, 50000)
  local body = string.format(
    '{"subject":"Order %d has not arrived (t%d)","customer":{"email":"buyer%d@example.test","name":"Buyer %d"},' ..
    '"message":"Hello, my order was due last week and the tracking has not moved since. Can you check where it is? Thanks.",' ..
    '"channel":"email","priority":"normal","tags":["shipping"]}', counter, thread_id, c, c)
  return wrk.format("POST", "/api/v1/tickets", json_headers, body)
end
