-- Health of an llmoperator.io EvaluationGate, a reusable quality policy. A gate rolls nothing out, so
-- a gate without status is Healthy: problems with a gate (one that does not exist, a dataset that does
-- not parse) are reported on the ModelDeployment or PromptVersion that uses it. When a status is
-- written, its Ready condition decides: False is Degraded, with the condition's message; and nothing
-- is reported for a generation the operator has not observed yet.
local hs = {}
local generation = obj.metadata.generation
local status = obj.status

if status == nil then
  hs.status = "Healthy"
  hs.message = "Gate defined"
  return hs
end

if status.observedGeneration ~= nil and generation ~= nil and generation > status.observedGeneration then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. generation
  return hs
end

if status.conditions ~= nil then
  for _, condition in ipairs(status.conditions) do
    if condition.type == "Ready" and condition.status == "False" then
      hs.status = "Degraded"
      hs.message = condition.message or condition.reason
      return hs
    end
  end
end

hs.status = "Healthy"
if status.caseCount ~= nil then
  hs.message = "Gate ready with " .. status.caseCount .. " cases"
else
  hs.message = "Gate ready"
end
return hs
