-- Promote (llmop promote): release the current pause. The operator paused the rollout with
-- status.controllerPause; seeing it with no pause conditions left, it goes on to the next step.
if obj.status ~= nil then
  obj.status.pauseConditions = nil
end
return obj
