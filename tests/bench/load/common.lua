-- Shared by the load scripts: counts answers by status class per thread and prints them in
-- done(), so a run can prove it had no 5xx. Each script sets `request`.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    status_2xx, status_4xx, status_5xx, status_other = 0, 0, 0, 0
end

function response(status, headers, body)
    if status >= 500 then
        status_5xx = status_5xx + 1
    elseif status >= 400 then
        status_4xx = status_4xx + 1
    elseif status >= 200 and status < 300 then
        status_2xx = status_2xx + 1
    else
        status_other = status_other + 1
    end
end

function done(summary, latency, requests)
    local c = {0, 0, 0, 0}
    for _, t in ipairs(threads) do
        c[1] = c[1] + t:get("status_2xx")
        c[2] = c[2] + t:get("status_4xx")
        c[3] = c[3] + t:get("status_5xx")
        c[4] = c[4] + t:get("status_other")
    end
    io.write(string.format("STATUS 2xx=%d 4xx=%d 5xx=%d other=%d\n", c[1], c[2], c[3], c[4]))
    io.write(string.format("LATENCY p50=%.2fms p99=%.2fms\n",
                           latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
