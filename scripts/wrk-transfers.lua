-- wrk's side of scripts/bench-vs-pgbench.sh: POST /api/v1/transfers as the Java bench sends them (20 % touch one
-- of the hot accounts, amounts 1..100 EUR cents), between accounts the Java bench set up and wrote to a file
-- (`bench transfers --accounts-out=FILE`: one "id token hot" per line). Every request carries its own
-- Idempotency-Key. Counts answers by kind in response() and prints them at the end with wrk's own figures.
-- Usage: ACCOUNTS_FILE=accounts.txt [HOT_SHARE=0.2] wrk -t2 -c64 -d20s --latency -s scripts/wrk-transfers.lua URL
local threads = {}

function setup(thread)
  thread:set("thread_no", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  hot, normal = {}, {}
  for line in io.lines(os.getenv("ACCOUNTS_FILE") or "accounts.txt") do
    local id, token, is_hot = line:match("^(%S+) (%S+) ([01])$")
    if id then
      table.insert(is_hot == "1" and hot or normal, { id = id, token = token })
    end
  end
  assert(#normal >= 2, "ACCOUNTS_FILE needs at least two ordinary accounts")
  hot_share = tonumber(os.getenv("HOT_SHARE") or "0.2")
  -- Keys unique across threads and runs: the thread's number, a random run tag and a counter.
  math.randomseed(os.time() * 1000 + thread_no)
  run_tag = string.format("%x%x", os.time(), math.random(0, 0x7fffffff))
  sent, created, refused, shed, other = 0, 0, 0, 0, 0
end

local function any(list) return list[math.random(#list)] end

function request()
  local from, to
  if #hot > 0 and math.random() < hot_share then
    local h, o = any(hot), any(normal)
    if math.random(2) == 1 then from, to = h, o else from, to = o, h end
  else
    from = any(normal)
    repeat to = any(normal) until to ~= from
  end
  sent = sent + 1
  local body = string.format('{"fromAccountId":"%s","toAccountId":"%s","amount":%d,"currency":"EUR"}',
      from.id, to.id, math.random(1, 100))
  return wrk.format("POST", "/api/v1/transfers", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. from.token,
    ["Idempotency-Key"] = string.format("wrk-%s-%d-%d", run_tag, thread_no, sent),
  }, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 422 and body:find("insufficient_funds", 1, true) then
    refused = refused + 1
  elseif status == 503 and headers["Retry-After"] then
    shed = shed + 1
  else
    other = other + 1
    if other <= 3 then io.stderr:write("wrk: unexpected answer " .. status .. ": " .. body:sub(1, 200) .. "\n") end
  end
end

function done(summary, latency, requests)
  local totals = { created = 0, refused = 0, shed = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for name in pairs(totals) do totals[name] = totals[name] + thread:get(name) end
  end
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format("wrk transfers: %.1f created/s (%d created 201, %d refused for funds 422, %d shed 503, "
      .. "%d other answers, %d socket errors) over %.1f s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
      totals.created / seconds, totals.created, totals.refused, totals.shed, totals.other,
      errors.connect + errors.read + errors.write + errors.timeout, seconds, latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000))
end
