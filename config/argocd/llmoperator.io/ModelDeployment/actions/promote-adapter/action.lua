-- Promote Adapter (llmop promote NAME --adapter ADAPTER): swap in a LoRA adapter's candidate that an inconclusive
-- verdict paused, by setting its promote in status.adapters. The parameter adapter names it; left empty, or on an
-- Argo CD before 3.1 (no actionParams), it is the first adapter whose paused rollout this promotes. What is refused
-- is refused as llmop refuses it, with the same message.
local status = obj.status or {}
local adapters = status.adapters or {}
local namespace = obj.metadata.namespace
local subject = "modeldeployment " .. (namespace ~= nil and namespace .. "/" or "") .. obj.metadata.name

-- Why promote cannot be done, or nil when it can (or already was).
local function refusal(adapter)
  local name = adapter.name
  if adapter.candidateRevision == nil then
    return "adapter " .. name .. " of " .. subject .. " has no rollout in progress, so there is nothing to promote"
  end
  if adapter.abort == true then
    return "the rollout of adapter " .. name .. " of " .. subject .. " was aborted; use llmop retry --adapter " .. name ..
      " to roll it out again"
  end
  if adapter.promote ~= true and adapter.paused ~= true then
    return "the rollout of adapter " .. name .. " of " .. subject .. " is not paused"
  end
  return nil
end

local name = actionParams ~= nil and actionParams["adapter"] or nil
if name == nil or name == "" then
  for _, adapter in ipairs(adapters) do
    if refusal(adapter) == nil and adapter.promote ~= true then
      name = adapter.name
      break
    end
  end
  if name == nil or name == "" then
    error("no adapter of " .. subject .. " has a paused rollout to promote", 0)
  end
end

for _, adapter in ipairs(adapters) do
  if adapter.name == name then
    local reason = refusal(adapter)
    if reason ~= nil then
      error(reason, 0)
    end
    -- Already promoted: nothing changes, as llmop says "already promoted".
    adapter.promote = true
    return obj
  end
end
error(subject .. " has no adapter " .. name .. " in its status", 0)
