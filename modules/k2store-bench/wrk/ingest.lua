-- wrk script: POST process_incoming_ops batches of BATCH new envelope ops (36-byte ids, 512 B of
-- data, created_at spread over the last year) to the space SPACE (base64url), and count acknowledged
-- ops (2xx answers only) next to every other answer. Create the space first:
--   curl -X PUT http://127.0.0.1:8080/v1/spaces/aW5nZXN0 -H 'Content-Type: application/json' \
--        -d '{"codec": "envelope", "location": "suffix-le32"}'
-- then e.g.  BATCH=100 wrk -t2 -c16 -d15s --timeout 20s -s ingest.lua http://127.0.0.1:8080
-- Ids are unique per wrk thread, run (its start second) and call: every op sent is new.
local batch = tonumber(os.getenv("BATCH") or "100")
local space = os.getenv("SPACE") or "aW5nZXN0"
local counter = 0

local threads = {}
function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end
local data = string.rep("QUJD", 170) .. "QUI"  -- 683 chars = 512 bytes of base64url
-- SPREAD: created_at spans this many seconds before now (default a year, as ops a host syncs;
-- e.g. SPREAD=3600 for fresh ops only, as the bench's ingest sweep writes them).
local spread = tonumber(os.getenv("SPREAD") or tostring(365 * 24 * 3600)) * 1000000
local now = os.time() * 1000000
local run = os.time()
function init(args)
  math.randomseed(tid * 7919 + os.time())
end
function request()
  local parts = {}
  for i = 1, batch do
    counter = counter + 1
    local id = string.format("T%03dR%010d", tid, run) .. string.rep("A", 19) .. string.format("%014d", (counter * 7919) % 100000000000000)
    local created = now - math.random(0, spread)
    parts[i] = '{"op_id":"' .. id .. '","created_at":' .. string.format("%d", created) .. ',"op_data":"' .. data .. '"}'
  end
  local body = '{"ops":[' .. table.concat(parts, ",") .. ']}'
  return wrk.format("POST", "/v1/spaces/" .. space .. "/ops", {["Content-Type"] = "application/json"}, body)
end
ok = 0
bad = 0
function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else bad = bad + 1 end
end
function done(summary, latency, requests)
  local good, errs = 0, 0
  for _, t in ipairs(threads) do good = good + t:get("ok"); errs = errs + t:get("bad") end
  io.write(string.format("requests %d, 2xx %d, non2xx %d, socket errors %d, p50 %.2f ms, p99 %.2f ms, acknowledged ops/s %.0f\n",
    summary.requests, good, errs, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, good * batch / (summary.duration / 1e6)))
end
