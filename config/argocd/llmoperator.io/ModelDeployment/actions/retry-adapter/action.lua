-- Retry Adapter (llmop retry NAME --adapter ADAPTER): roll an aborted LoRA adapter candidate out again, with new
-- evaluations, by clearing its abort in status.adapters. The parameter adapter names it; left empty, or on an Argo CD
-- before 3.1 (no actionParams), it is the first adapter whose rollout is aborted. What is refused is refused as llmop
-- refuses it, with the same message.
local status = obj.status or {}
local adapters = status.adapters or {}
local namespace = obj.metadata.namespace
local subject = "modeldeployment " .. (namespace ~= nil and namespace .. "/" or "") .. obj.metadata.name

local name = actionParams ~= nil and actionParams["adapter"] or nil
if name == nil or name == "" then
  for _, adapter in ipairs(adapters) do
    if adapter.candidateRevision ~= nil and adapter.abort == true then
      name = adapter.name
      break
    end
  end
  if name == nil or name == "" then
    error("no adapter of " .. subject .. " has an aborted rollout to retry", 0)
  end
end

for _, adapter in ipairs(adapters) do
  if adapter.name == name then
    if adapter.candidateRevision == nil then
      error("adapter " .. name .. " of " .. subject .. " has no rollout in progress, so there is nothing to retry", 0)
    end
    -- abort cleared while abortedAt is still set: the operator has not started the retry yet, and nothing changes, as
    -- llmop says "already retrying".
    if adapter.abort == true then
      adapter.abort = false
    elseif adapter.abortedAt == nil then
      error("the rollout of adapter " .. name .. " of " .. subject .. " is not aborted, so there is nothing to retry", 0)
    end
    return obj
  end
end
error(subject .. " has no adapter " .. name .. " in its status", 0)
