-- Health of an llmoperator.io EvaluationRun, the record of one verdict. The run has no message field:
-- its verdict sentence is the message. Pending and Running are Progressing, Passed is Healthy, Failed
-- is Degraded. Inconclusive is Suspended: the run gave no verdict at the asked confidence and waits
-- for a decision (the rollout step's onInconclusive, or promote / abort on the ModelDeployment). Error
-- is retried by the operator: Progressing while attempts are left, Degraded after the last one.
local maxAttempts = 3
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

local phase = status.phase
local verdict = status.verdict

if phase == "Error" then
  local attempts = status.attempts or 1
  if attempts >= maxAttempts then
    hs.status = "Degraded"
    hs.message = "Attempt " .. attempts .. " of " .. maxAttempts .. " ended in an error: " .. (verdict or "no verdict")
  else
    hs.status = "Progressing"
    hs.message = "Attempt " .. attempts .. " of " .. maxAttempts .. " ended in an error, the operator retries: " .. (verdict or "no verdict")
  end
  return hs
end

local health = {
  Pending = "Progressing",
  Running = "Progressing",
  Passed = "Healthy",
  Failed = "Degraded",
  Inconclusive = "Suspended",
}

if phase ~= nil and health[phase] ~= nil then
  hs.status = health[phase]
  hs.message = verdict or phase
  return hs
end

hs.status = "Progressing"
hs.message = verdict or "Waiting for the evaluation to start"
return hs
