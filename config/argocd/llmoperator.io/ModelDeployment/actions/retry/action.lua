-- Retry (llmop retry): roll the same revision out again from the first step, with new evaluations.
if obj.status == nil then
  obj.status = {}
end
obj.status.abort = false
return obj
