-- wrk script for ops/bench-submit: every request is a new inspection submission with its own id
-- (so every 2xx is a committed row), at a random demo café; 30 % carry a finding with a violation,
-- which opens a case in the same transaction.
local venues = {}
for line in io.lines(os.getenv("VENUES_FILE")) do venues[#venues + 1] = line end
local token = os.getenv("SWEEP_TOKEN")
local next_thread = 0

function setup(thread)
  thread:set("thread_number", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  math.randomseed(os.time() * 1000 + thread_number * 7919)
end

local function uuid()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

function request()
  local venue = venues[math.random(#venues)]
  local t = os.time() - 3600
  local finding = ""
  if math.random() < 0.3 then
    finding = '{"department":"CUL","facts":"未悬挂未成年人禁入标志","violations":[{"code":"CAFE_NO_MINOR_SIGN"}]}'
  end
  local body = string.format(
    '{"submission_id":"%s","venue_id":%s,"origin":"RANDOM","unplanned_reason":"bench","arrived_at":"%s","departed_at":"%s","outcome":"inspected","findings":[%s]}',
    uuid(), venue, os.date("!%Y-%m-%dT%H:%M:%SZ", t), os.date("!%Y-%m-%dT%H:%M:%SZ", t + 1200), finding)
  return wrk.format("POST", "/v1/submissions", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("SWEEP_RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f non2xx=%d connect_errors=%d timeouts=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, summary.errors.status, summary.errors.connect, summary.errors.timeout))
end
