-- Which ModelDeployment actions apply now. A rollout is in progress while status.canaryRevision is set;
-- it is paused while status.pauseConditions lists a reason (a pause step, an inconclusive evaluation);
-- status.abort is set by a failed evaluation or the abort action and cleared by retry.
-- Each LoRA adapter rolls out on its own (status.adapters[]): the adapter actions take the adapter's name as the
-- parameter adapter (Argo CD 3.1 and later; an older Argo CD runs them on the default), whose default is the first
-- adapter, in status order, whose rollout the action applies to, as llmop promote|abort|retry --adapter decide.
local actions = {}
local status = obj.status or {}
local rolling = status.canaryRevision ~= nil and status.canaryRevision ~= ""
local aborted = status.abort == true
local paused = status.pauseConditions ~= nil and #status.pauseConditions > 0

actions["promote"] = {
  ["disabled"] = not (rolling and paused and not aborted),
  ["displayName"] = "Promote",
  ["iconClass"] = "fa fa-fw fa-forward",
}
actions["promote-full"] = {
  ["disabled"] = not (rolling and not aborted),
  ["displayName"] = "Promote Full",
  ["iconClass"] = "fa fa-fw fa-fast-forward",
}
actions["abort"] = {
  ["disabled"] = not (rolling and not aborted),
  ["displayName"] = "Abort",
  ["iconClass"] = "fa fa-fw fa-times-circle",
}
actions["retry"] = {
  ["disabled"] = not aborted,
  ["displayName"] = "Retry",
  ["iconClass"] = "fa fa-fw fa-redo-alt",
}

-- The first adapter with a rollout in progress (candidateRevision) for which applies(adapter) holds, or nil.
local function firstAdapter(applies)
  for _, adapter in ipairs(status.adapters or {}) do
    if adapter.candidateRevision ~= nil and applies(adapter) then
      return adapter.name
    end
  end
  return nil
end

local promotable = firstAdapter(function(a) return a.paused == true and a.abort ~= true and a.promote ~= true end)
local abortable = firstAdapter(function(a) return a.abort ~= true end)
local retryable = firstAdapter(function(a) return a.abort == true end)

actions["promote-adapter"] = {
  ["disabled"] = promotable == nil,
  ["displayName"] = "Promote Adapter",
  ["iconClass"] = "fa fa-fw fa-forward",
  ["params"] = {{["name"] = "adapter", ["default"] = promotable}},
}
actions["abort-adapter"] = {
  ["disabled"] = abortable == nil,
  ["displayName"] = "Abort Adapter",
  ["iconClass"] = "fa fa-fw fa-times-circle",
  ["params"] = {{["name"] = "adapter", ["default"] = abortable}},
}
actions["retry-adapter"] = {
  ["disabled"] = retryable == nil,
  ["displayName"] = "Retry Adapter",
  ["iconClass"] = "fa fa-fw fa-redo-alt",
  ["params"] = {{["name"] = "adapter", ["default"] = retryable}},
}
return actions
