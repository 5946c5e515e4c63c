-- Abort (llmop abort): all traffic back to the stable revision; the ModelDeployment becomes Degraded
-- while its spec is untouched, so the application stays Synced.
if obj.status == nil then
  obj.status = {}
end
obj.status.abort = true
return obj
