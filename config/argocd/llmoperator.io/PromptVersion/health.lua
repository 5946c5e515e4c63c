-- Health of an llmoperator.io PromptVersion. The operator computes status.phase and status.message:
-- Pending and Evaluating are Progressing, Active and Superseded (another version serves: a newer one
-- passed its gates, or was committed before this one was promoted) are Healthy, Rejected (failed its
-- gates, templates that do not parse, or a duplicate version; the active version keeps serving) is
-- Degraded. Nothing is reported for a generation the operator has not observed yet.
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
  Pending = "Progressing",
  Evaluating = "Progressing",
  Active = "Healthy",
  Superseded = "Healthy",
  Rejected = "Degraded",
}

if status.phase ~= nil and health[status.phase] ~= nil then
  hs.status = health[status.phase]
  hs.message = status.message or status.phase
  return hs
end

hs.status = "Progressing"
hs.message = status.message or "Waiting for the operator to report a phase"
return hs
