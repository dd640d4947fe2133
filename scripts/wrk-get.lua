-- wrk's side of scripts/bench-profile.sh for reads: GET PATH_TEMPLATE with the bearer token of a random account the
-- Java bench set up (ACCOUNTS_FILE, one "id token hot" per line, from `bench transfers --accounts-out=FILE`);
-- "{id}" in the template becomes that account's id. Counts 200s and everything else.
-- Usage: ACCOUNTS_FILE=accounts.txt PATH_TEMPLATE='/api/v1/accounts/{id}/transactions?limit=20' \
--        wrk -t2 -c64 -d20s --latency -s scripts/wrk-get.lua URL
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  accounts = {}
  for line in io.lines(os.getenv("ACCOUNTS_FILE") or "accounts.txt") do
    local id, token = line:match("^(%S+) (%S+) [01]$")
    if id then table.insert(accounts, { id = id, token = token }) end
  end
  assert(#accounts >= 1, "ACCOUNTS_FILE needs at least one account")
  template = os.getenv("PATH_TEMPLATE") or "/api/v1/me"
  ok, other = 0, 0
end

function request()
  local account = accounts[math.random(#accounts)]
  return wrk.format("GET", (template:gsub("{id}", account.id)), { ["Authorization"] = "Bearer " .. account.token })
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else
    other = other + 1
    if other <= 3 then io.stderr:write("wrk: unexpected answer " .. status .. ": " .. body:sub(1, 200) .. "\n") end
  end
end

function done(summary, latency, requests)
  local totals = { ok = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for name in pairs(totals) do totals[name] = totals[name] + thread:get(name) end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("wrk get: %.1f ok/s (%d ok, %d other answers) over %.1f s; latency p50 %.2f ms, p99 %.2f ms\n",
      totals.ok / seconds, totals.ok, totals.other, seconds, latency:percentile(50) / 1000,
      latency:percentile(99) / 1000))
end
