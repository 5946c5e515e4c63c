-- Promote Full (llmop promote --full): skip the remaining steps and make the canary stable now.
if obj.status == nil then
  obj.status = {}
end
obj.status.promoteFull = true
return obj
