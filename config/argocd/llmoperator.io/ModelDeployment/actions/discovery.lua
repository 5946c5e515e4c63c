-- Which ModelDeployment actions apply now. A rollout is in progress while status.canaryRevision is set;
-- it is paused while status.pauseConditions lists a reason (a pause step, an inconclusive evaluation);
-- status.abort is set by a failed evaluation or the abort action and cleared by retry.
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
return actions
