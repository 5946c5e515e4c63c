-- Abort Adapter (llmop abort NAME --adapter ADAPTER): roll a LoRA adapter's candidate back (the operator unloads it;
-- the stable version serves), by setting its abort in status.adapters. The parameter adapter names it; left empty, or
-- on an Argo CD before 3.1 (no actionParams), it is the first adapter with a rollout in progress that is not aborted.
-- What is refused is refused as llmop refuses it, with the same message.
local status = obj.status or {}
local adapters = status.adapters or {}
local namespace = obj.metadata.namespace
local subject = "modeldeployment " .. (namespace ~= nil and namespace .. "/" or "") .. obj.metadata.name

local name = actionParams ~= nil and actionParams["adapter"] or nil
if name == nil or name == "" then
  for _, adapter in ipairs(adapters) do
    if adapter.candidateRevision ~= nil and adapter.abort ~= true then
      name = adapter.name
      break
    end
  end
  if name == nil or name == "" then
    error("no adapter of " .. subject .. " has a rollout in progress to abort", 0)
  end
end

for _, adapter in ipairs(adapters) do
  if adapter.name == name then
    if adapter.candidateRevision == nil then
      error("adapter " .. name .. " of " .. subject .. " has no rollout in progress, so there is nothing to abort", 0)
    end
    -- Already aborted: nothing changes, as llmop says "already aborted".
    adapter.abort = true
    return obj
  end
end
error(subject .. " has no adapter " .. name .. " in its status", 0)
