-- Health of an llmoperator.io ModelDeployment. The operator computes status.phase and status.message
-- (Progressing, Paused, Healthy, Degraded); this passes them through, with Paused shown as Suspended
-- (a pause step or an inconclusive evaluation waits for the promote action) and Degraded led by its
-- reason (ServingFallback while a drifted model serves its fallback). Nothing is reported for
-- a generation the operator has not observed yet.
local hs = {}
local generation = obj.metadata.generation
local status = obj.status

if status == nil or status.observedGeneration == nil or (generation ~= nil and generation > status.observedGeneration) then
  hs.status = "Progressing"
  if generation ~= nil then
    hs.message = "Waiting for the operator to observe generation " .. generation
  else
    hs.message = "Waiting for the operator to observe the object"
  end
  return hs
end

local health = {
  Progressing = "Progressing",
  Paused = "Suspended",
  Healthy = "Healthy",
  Degraded = "Degraded",
}

-- A Degraded object leads with the reason of its Degraded condition (ServingFallback, EvaluationsDrifted,
-- EvaluationFailed, ...), so that the Argo CD UI and notifications say what kind of trouble it is.
local function degradedReason()
  for _, condition in ipairs(status.conditions or {}) do
    if condition.type == "Degraded" and condition.status == "True" and condition.reason ~= nil then
      return condition.reason
    end
  end
  return nil
end

if status.phase ~= nil and health[status.phase] ~= nil then
  hs.status = health[status.phase]
  hs.message = status.message or status.phase
  local reason = degradedReason()
  if status.phase == "Degraded" and reason ~= nil then
    hs.message = reason .. ": " .. hs.message
  end
  return hs
end

hs.status = "Progressing"
hs.message = status.message or "Waiting for the operator to report a phase"
return hs
