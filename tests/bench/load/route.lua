-- One route of the mix: METHOD, PATH and BODY come from the environment (set by run.sh);
-- PATH may contain {i}, replaced by a counter so edits and uploads vary.
dofile(os.getenv("PF_LOAD_DIR") .. "/common.lua")

local method = os.getenv("PF_LOAD_METHOD")
local path = os.getenv("PF_LOAD_PATH")
local body_file = os.getenv("PF_LOAD_BODY")
local content_type = os.getenv("PF_LOAD_CONTENT_TYPE") or "application/json"
local token = os.getenv("PF_LOAD_TOKEN")
local body = nil
if body_file and body_file ~= "" then
    local f = assert(io.open(body_file, "rb"))
    body = f:read("*a")
    f:close()
end
local counter = 0

request = function()
    counter = counter + 1
    local headers = {["Authorization"] = "Bearer " .. token}
    if body then
        headers["Content-Type"] = content_type
    end
    local p = path:gsub("{i}", tostring(counter))
    return wrk.format(method, p, headers, body and body:gsub("{i}", tostring(counter)) or nil)
end
