using System.Text.Json.Nodes;
using LlmOperator.Manifests.Schema;

namespace LlmOperator.Manifests.Tests.Schema;

public class SchemaValidatorTests
{
    private static readonly SchemaValidator Validator = new(new CelRuleEvaluator());

    private static StructuralSchema Kind(string kind) => KindSchemaSet.LlmOperator.Find("llmoperator.io/v1alpha1", kind)!.Schema;

    private static List<string> Validate(string kind, string json, string? oldJson = null)
    {
        var value = JsonNode.Parse(json)!.AsObject();
        SchemaDefaulter.Apply(value, Kind(kind));
        var old = oldJson is null ? null : JsonNode.Parse(oldJson)!.AsObject();
        if (old is not null)
        {
            SchemaDefaulter.Apply(old, Kind(kind));
        }

        return [.. Validator.ValidateResource(value, old, Kind(kind)).Select(e => e.ToString())];
    }

    private static string Model(string spec) =>
        $$"""{"apiVersion":"llmoperator.io/v1alpha1","kind":"ModelDeployment","metadata":{"name":"m"},"spec":{{spec}}}""";

    [Fact]
    public void A_valid_object_has_no_errors()
    {
        Assert.Empty(Validate(
            "ModelDeployment",
            Model("""{"model":{"name":"llama3.1:8b"},"engine":"ollama","rollout":{"steps":[{"setWeight":20},{"pause":{}}]}}""")));
    }

    [Theory]
    [InlineData("""{"model":{"name":"m"},"engine":"vllm","replicas":"three"}""", "spec.replicas: Invalid value: \"three\": must be of type integer")]
    [InlineData("""{"model":{"name":"m"},"engine":"vllm","replicas":1.5}""", "spec.replicas: Invalid value: 1.5: must be of type integer")]
    [InlineData("""{"model":{"name":"m"},"engine":"vllm","replicas":-1}""", "spec.replicas: Invalid value: -1: must be greater than or equal to 0")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"gpt"}""",
        "spec.engine: Unsupported value: \"gpt\": supported values: "
            + "\"vllm\", \"tgi\", \"ollama\", \"llamacpp\", \"external\", \"mock\", \"custom\", \"pipeline\"")]
    [InlineData("""{"model":{},"engine":"vllm"}""", "spec.model.name: Required value")]
    [InlineData("""{"model":{"name":""},"engine":"vllm"}""", "spec.model.name: Invalid value: \"\": must not be empty")]
    [InlineData("""{"model":{"name":"m"},"engine":"vllm","modle":1}""", "spec.modle: Unknown field: not declared in the schema; did you mean \"model\"?")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","rollout":{"steps":[{"setWeight":150}]}}""",
        "spec.rollout.steps[0].setWeight: Invalid value: 150: must be less than or equal to 100")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","rollout":{"steps":[{"setWeight":10,"pause":{}}]}}""",
        "spec.rollout.steps[0]: Invalid value: \"object\": each rollout step must set exactly one of setWeight, pause, evaluate, setCanaryScale")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","rollout":{"steps":[{"pause":{"duration":"ten minutes"}}]}}""",
        "spec.rollout.steps[0].pause.duration: Invalid value: \"ten minutes\": " +
            "must match the regular expression '^([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$'")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","rollout":{"steps":[{"evaluate":{"gates":[]}}]}}""",
        "spec.rollout.steps[0].evaluate.gates: Invalid value: 0: must have at least 1 item")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"external"}""",
        "spec: Invalid value: \"object\": engine external needs spec.external with the baseUrl of the hosted endpoint")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","external":{"baseUrl":"https://x.example/v1"}}""",
        "spec.external: Invalid value: \"object\": spec.external is only allowed with engine external")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"custom"}""",
        "spec: Invalid value: \"object\": engine custom needs spec.image: the operator knows no default image for it")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","resources":{"limits":{"cpu":true}}}""",
        "spec.resources.limits.cpu: Invalid value: true: must be of type integer or string")]
    [InlineData("""{"model":{"name":"m"},"engine":"vllm","args":["a",null]}""", "spec.args[1]: Invalid value: null: must be of type string")]
    [InlineData(
        """{"model":{"name":"meta-llama/Llama-3.2-1B-Instruct --revision x"},"engine":"llamacpp"}""",
        "spec.model.name: Invalid value: \"object\": engine llamacpp loads a GGUF repository from Hugging Face: spec.model.name must be "
            + "user/repo or user/repo:quant, for example bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M")]
    [InlineData(
        """{"model":{"name":"llama3"},"engine":"llamacpp"}""",
        "spec.model.name: Invalid value: \"object\": engine llamacpp loads a GGUF repository from Hugging Face: spec.model.name must be "
            + "user/repo or user/repo:quant, for example bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","rollout":{"maxSurge":"one"}}""",
        "spec.rollout.maxSurge: Invalid value: \"object\": maxSurge is a number of replicas (0 or more) or a percentage of spec.replicas "
            + "from 0% to 100%, for example 1 or 25%")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","rollout":{"maxUnavailable":"150%"}}""",
        "spec.rollout.maxUnavailable: Invalid value: \"object\": maxUnavailable is a number of replicas (0 or more) or a percentage of "
            + "spec.replicas from 0% to 100%, for example 1 or 25%")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","rollout":{"maxSurge":0}}""",
        "spec.rollout.maxSurge: Invalid value: \"object\": maxSurge 0 needs maxUnavailable above 0: with no room for an extra pod, "
            + "the stable revision must give up a replica before the canary can start")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","rollout":{"maxSurge":"0%","maxUnavailable":"0%"}}""",
        "spec.rollout.maxSurge: Invalid value: \"object\": maxSurge 0 needs maxUnavailable above 0: with no room for an extra pod, "
            + "the stable revision must give up a replica before the canary can start")]
    public void Model_deployment_errors_read_like_the_API_server_s(string spec, string expected)
    {
        Assert.Equal([expected], Validate("ModelDeployment", Model(spec)));
    }

    [Theory]
    [InlineData("bartowski/Llama-3.2-1B-Instruct-GGUF")]
    [InlineData("bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M")]
    public void Engine_llamacpp_takes_a_gguf_repository_with_an_optional_quantisation(string model)
    {
        Assert.Empty(Validate("ModelDeployment", Model($$"""{"model":{"name":"{{model}}"},"engine":"llamacpp"}""")));
    }

    [Theory]
    [InlineData("""{"maxSurge":1}""")]
    [InlineData("""{"maxSurge":"25%","maxUnavailable":"0%"}""")]
    [InlineData("""{"maxSurge":0,"maxUnavailable":1}""")]
    [InlineData("""{"maxSurge":"0%","maxUnavailable":"50%"}""")]
    public void Max_surge_and_max_unavailable_take_a_number_or_a_percentage(string rollout)
    {
        Assert.Empty(Validate("ModelDeployment", Model($$"""{"model":{"name":"m"},"engine":"vllm","replicas":2,"rollout":{{rollout}}}""")));
    }

    [Theory]
    [InlineData(
        """{"model":{"name":"Llama 3.1 (8B)"},"engine":"ollama"}""",
        "spec.model.name: Invalid value: \"object\": engine ollama pulls a model by its Ollama name, [host/][namespace/]model[:tag]: "
            + "spec.model.name must be one, for example llama3.1:8b or hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M")]
    [InlineData(
        """{"model":{"name":"llama3.1:8b","servedName":"llama chat"},"engine":"ollama"}""",
        "spec.model.servedName: Invalid value: \"object\": engine ollama serves the model under spec.model.servedName by copying it "
            + "(ollama cp), so it must be an Ollama name too, for example llama-chat or llama-chat:v2")]
    [InlineData(
        """{"model":{"name":"llama3.1:8b","revision":"0e9e39f"},"engine":"ollama"}""",
        "spec.model.revision: Invalid value: \"object\": spec.model.revision pins a Hugging Face revision, which vllm and tgi load with "
            + "--revision: ollama pulls a tag of its registry (put it in spec.model.name), llamacpp's --hf-repo downloads the repository "
            + "as it is now, and external and pipeline load nothing")]
    [InlineData(
        """{"model":{"name":"bartowski/Llama-3.2-1B-Instruct-GGUF","revision":"main"},"engine":"llamacpp"}""",
        "spec.model.revision: Invalid value: \"object\": spec.model.revision pins a Hugging Face revision, which vllm and tgi load with "
            + "--revision: ollama pulls a tag of its registry (put it in spec.model.name), llamacpp's --hf-repo downloads the repository "
            + "as it is now, and external and pipeline load nothing")]
    [InlineData(
        """{"model":{"name":"llama3.1:8b","tokenSecretRef":{"name":"huggingface","key":"token"}},"engine":"ollama"}""",
        "spec.model.tokenSecretRef: Invalid value: \"object\": spec.model.tokenSecretRef is the Hugging Face token of engines that "
            + "download from Hugging Face (vllm, tgi, llamacpp, custom): ollama pulls from its own registry, and mock, external and "
            + "pipeline download nothing")]
    [InlineData(
        """{"model":{"name":"m","contextLength":8192},"engine":"mock"}""",
        "spec.model.contextLength: Invalid value: \"object\": spec.model.contextLength is passed to vllm, tgi, ollama and llamacpp only: "
            + "give another server its own flag in spec.args")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"mock","modelCache":{"claimName":"weights"}}""",
        "spec.modelCache: Invalid value: \"object\": spec.modelCache is mounted where vllm, tgi, ollama and llamacpp keep the weights "
            + "they download; other engines download none or keep them where the operator does not know")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","modelCache":{"claimName":"weights","sizeLimit":"40Gi"}}""",
        "spec.modelCache: Invalid value: \"object\": spec.modelCache takes exactly one of claimName (an existing PersistentVolumeClaim) "
            + "or sizeLimit (an emptyDir of that size)")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","modelCache":{}}""",
        "spec.modelCache: Invalid value: \"object\": spec.modelCache takes exactly one of claimName (an existing PersistentVolumeClaim) "
            + "or sizeLimit (an emptyDir of that size)")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","modelCache":{"sizeLimit":"forty gigs"}}""",
        "spec.modelCache.sizeLimit: Invalid value: \"forty gigs\": must match the regular expression "
            + "'^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$'")]
    [InlineData(
        """{"model":{"name":"llama3.1:8b"},"engine":"ollama","server":{"apiKeySecretRef":{"name":"key","key":"key"}}}""",
        "spec.server.apiKeySecretRef: Invalid value: \"object\": spec.server.apiKeySecretRef needs a server that checks an API key "
            + "(vllm, tgi, llamacpp, mock, custom): ollama and llmop router check none, and a hosted endpoint's key is "
            + "spec.external.apiKeySecretRef")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"external","external":{"baseUrl":"https://x.example/v1"},"server":{"apiKeySecretRef":{"name":"k","key":"k"}}}""",
        "spec.server.apiKeySecretRef: Invalid value: \"object\": spec.server.apiKeySecretRef needs a server that checks an API key "
            + "(vllm, tgi, llamacpp, mock, custom): ollama and llmop router check none, and a hosted endpoint's key is "
            + "spec.external.apiKeySecretRef")]
    [InlineData(
        """{"model":{"name":"bartowski/Llama-3.2-1B-Instruct-GGUF"},"engine":"llamacpp","server":{"sharedMemorySize":"2Gi"}}""",
        "spec.server.sharedMemorySize: Invalid value: \"object\": spec.server.sharedMemorySize sizes the /dev/shm of vllm and tgi, "
            + "whose processes share memory; other engines get none")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"mock","server":{"drainSeconds":10}}""",
        "spec.server.drainSeconds: Invalid value: \"object\": spec.server.drainSeconds is a preStop sleep, for vllm, tgi, ollama and "
            + "llamacpp, whose images have a shell: the operator does not know what other images hold")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","server":{"startupSeconds":3600},"rollout":{"progressDeadlineSeconds":900}}""",
        "spec.rollout.progressDeadlineSeconds: Invalid value: \"object\": spec.rollout.progressDeadlineSeconds must be longer than "
            + "spec.server.startupSeconds, or a canary still loading its model would be aborted")]
    public void Engine_settings_an_engine_cannot_use_are_refused_saying_which_engines_take_them_and_why(string spec, string expected)
    {
        Assert.Equal([expected], Validate("ModelDeployment", Model(spec)));
    }

    [Theory]
    // Ollama's types/model/name.go: [host/][namespace/]model[:tag].
    [InlineData("llama3.1:8b")]
    [InlineData("qwen2.5")]
    [InlineData("library/llama3.1:8b-instruct-q4_K_M")]
    [InlineData("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M")]
    [InlineData("registry.example.com:5000/team/model:v1")]
    public void Engine_ollama_takes_any_ollama_model_name(string model)
    {
        Assert.Empty(Validate("ModelDeployment", Model($$"""{"model":{"name":"{{model}}","servedName":"chat"},"engine":"ollama"}""")));
    }

    [Fact]
    public void A_vllm_model_with_a_pinned_revision_a_token_a_cache_and_every_server_setting_is_valid()
    {
        Assert.Empty(Validate("ModelDeployment", Model("""
            {"model":{"name":"meta-llama/Llama-3.1-8B-Instruct","revision":"0e9e39f","servedName":"llama",
                      "tokenSecretRef":{"name":"huggingface","key":"token"},"contextLength":8192},
             "engine":"vllm","modelCache":{"claimName":"hf-cache"},
             "server":{"startupSeconds":3600,"drainSeconds":60,"sharedMemorySize":"8Gi","apiKeySecretRef":{"name":"llama-key","key":"key"}},
             "rollout":{"progressDeadlineSeconds":4200}}
            """)));
    }

    [Theory]
    [InlineData(
        """{"model":{"name":"m"},"engine":"tgi","adapters":[{"name":"sql","source":"hf://acme/sql-lora"}]}""",
        "spec.adapters: Invalid value: \"object\": spec.adapters and spec.lora need engine vllm (or mock, which serves adapters as vLLM does): "
            + "only vLLM loads LoRA adapters at runtime")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","adapters":[{"name":"sql","source":"hf://acme/a"},{"name":"sql","source":"hf://acme/b"}]}""",
        "spec.adapters[1]: Duplicate value: {\"name\":\"sql\"}")]
    [InlineData(
        """{"model":{"name":"m","servedName":"llama"},"engine":"vllm","adapters":[{"name":"llama","source":"hf://acme/a"}]}""",
        "spec.adapters: Invalid value: \"object\": an adapter may not be named as the base model is served "
            + "(spec.model.servedName, or spec.model.name without it)")]
    [InlineData(
        """{"model":{"name":"llama"},"engine":"mock","adapters":[{"name":"llama","source":"hf://acme/a"}]}""",
        "spec.adapters: Invalid value: \"object\": an adapter may not be named as the base model is served "
            + "(spec.model.servedName, or spec.model.name without it)")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","adapters":[{"name":"sql","source":"s3://bucket/sql"}]}""",
        "spec.adapters[0].source: Invalid value: \"object\": source must be hf://org/repo (a Hugging Face repository), "
            + "pvc://claim/path (a directory on a PersistentVolumeClaim) or an https:// URL")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","adapters":[{"name":"sql","source":"pvc://loras/../etc"}]}""",
        "spec.adapters[0].source: Invalid value: \"object\": source must be hf://org/repo (a Hugging Face repository), "
            + "pvc://claim/path (a directory on a PersistentVolumeClaim) or an https:// URL")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","adapters":[{"name":"SQL_adapter","source":"hf://acme/sql-lora"}]}""",
        "spec.adapters[0].name: Invalid value: \"SQL_adapter\": must match the regular expression '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'")]
    [InlineData(
        """{"model":{"name":"m"},"engine":"vllm","lora":{"maxLoraRank":24}}""",
        "spec.lora.maxLoraRank: Invalid value: \"object\": maxLoraRank must be one of the ranks vLLM accepts: 8, 16, 32, 64, 128, 256, 320 or 512")]
    public void Adapters_that_cannot_be_served_are_refused_with_what_to_write(string spec, string expected)
    {
        Assert.Equal([expected], Validate("ModelDeployment", Model(spec)));
    }

    [Theory]
    [InlineData("""{"model":{"name":"m"},"engine":"vllm","lora":{"maxLoras":8},"adapters":[{"name":"sql","source":"hf://acme/sql-lora"},"""
        + """{"name":"chat","source":"pvc://loras/chat/v2","evaluate":{"gates":["chat-quality"],"onInconclusive":"fail"}}]}""")]
    [InlineData("""{"model":{"name":"m"},"engine":"mock","adapters":[{"name":"sql","source":"https://adapters.example/sql?quality=0.5","revision":"2"}]}""")]
    [InlineData("""{"model":{"name":"m"},"engine":"vllm","adapters":[]}""")]
    [InlineData("""{"model":{"name":"m"},"engine":"vllm","adapters":[{"name":"sql","source":"https://adapters.example/sql.tar.gz"}]}""")]
    [InlineData("""{"model":{"name":"m"},"engine":"vllm","adapters":[{"name":"sql","source":"hf://acme/sql-lora","revision":"v2"}]}""")]
    public void Adapters_of_the_three_source_forms_are_accepted(string spec)
    {
        Assert.Empty(Validate("ModelDeployment", Model(spec)));
    }

    private static string Pipeline(string pipeline) =>
        Model($$"""{"model":{"name":"support-bot"},"engine":"pipeline","pipeline":{{pipeline}}}""");

    [Fact]
    public void A_pipeline_with_every_kind_of_step_is_valid()
    {
        Assert.Empty(Validate("ModelDeployment", Pipeline("""
            {"steps":[
              {"name":"guard","call":{"modelRef":{"name":"guard-llm"},"promptRef":{"name":"guard-check"},"timeout":"5s"}},
              {"name":"answer","switch":[
                {"when":"steps.guard.output.startsWith('unsafe')","respond":"Sorry, I cannot help with that."},
                {"call":{"modelRef":{"name":"llama-chat"},"promptRef":{"name":"support-answer"},"vars":{"question":"{{ input }}"},
                  "unless":"size(output) == 0","fallback":[{"modelRef":{"name":"hosted-gpt"}}]}}]},
              {"name":"best","ensemble":{"combine":"judge",
                "calls":[{"modelRef":{"name":"a"}},{"modelRef":{"name":"b"},"messages":[{"role":"user","content":"{{ input }}"}]}],
                "judge":{"modelRef":{"name":"judge-llm"},"messages":[{"role":"user","content":"Pick one: {{ answers }}"}]}}}],
             "output":"{{ steps.answer.output }}","timeout":"60s","maxConcurrency":64}
            """)));
    }

    [Theory]
    [InlineData("""{"model":{"name":"m"},"engine":"pipeline"}""")]
    [InlineData("""{"model":{"name":"m"},"engine":"vllm","pipeline":{"steps":[{"name":"a","call":{"modelRef":{"name":"x"}}}]}}""")]
    public void Engine_pipeline_and_spec_pipeline_go_together(string spec)
    {
        Assert.Equal(
            ["spec.pipeline: Invalid value: \"object\": engine pipeline needs spec.pipeline, and only it takes one"],
            Validate("ModelDeployment", Model(spec)));
    }

    [Theory]
    [InlineData("""[]""", "spec.pipeline.steps: Invalid value: 0: must have at least 1 item")]
    [InlineData(
        """[{"name":"a","call":{"modelRef":{"name":"x"}},"switch":[{"respond":"no"}]}]""",
        "spec.pipeline.steps[0]: Invalid value: \"object\": each pipeline step must set exactly one of call, switch, ensemble")]
    [InlineData(
        """[{"name":"a"}]""",
        "spec.pipeline.steps[0]: Invalid value: \"object\": each pipeline step must set exactly one of call, switch, ensemble")]
    [InlineData(
        """[{"name":"a","call":{"modelRef":{"name":"x"}}},{"name":"a","call":{"modelRef":{"name":"y"}}}]""",
        "spec.pipeline.steps: Invalid value: \"object\": step names must be unique")]
    [InlineData(
        """[{"name":"the-guard","call":{"modelRef":{"name":"x"}}}]""",
        "spec.pipeline.steps[0].name: Invalid value: \"the-guard\": must match the regular expression '^[A-Za-z_][A-Za-z0-9_]*$'")]
    [InlineData(
        """[{"name":"a","switch":[{"respond":"x"},{"respond":"y"}]}]""",
        "spec.pipeline.steps[0].switch: Invalid value: \"object\": at most one case of a switch may omit when")]
    [InlineData(
        """[{"name":"a","switch":[{"when":"true","respond":"x","call":{"modelRef":{"name":"x"}}}]}]""",
        "spec.pipeline.steps[0].switch[0]: Invalid value: \"object\": a switch case sets exactly one of call, respond")]
    [InlineData(
        """[{"name":"a","ensemble":{"combine":"judge","calls":[{"modelRef":{"name":"x"}},{"modelRef":{"name":"y"}}]}}]""",
        "spec.pipeline.steps[0].ensemble: Invalid value: \"object\": combine judge needs a judge call, and only it takes one")]
    [InlineData(
        """[{"name":"a","ensemble":{"combine":"vote","calls":[{"modelRef":{"name":"x"}}]}}]""",
        "spec.pipeline.steps[0].ensemble.calls: Invalid value: 1: must have at least 2 items")]
    [InlineData(
        """[{"name":"a","call":{"modelRef":{"name":"x"},"promptRef":{"name":"p"},"messages":[{"role":"user","content":"hi"}]}}]""",
        "spec.pipeline.steps[0].call: Invalid value: \"object\": a call takes its messages from promptRef or messages, not both")]
    public void Pipeline_errors_name_the_step(string steps, string expected)
    {
        Assert.Equal([expected], Validate("ModelDeployment", Pipeline($$"""{"steps":{{steps}}}""")));
    }

    [Fact]
    public void Too_long_and_too_many_are_reported_without_echoing_the_value()
    {
        var steps = string.Join(',', Enumerable.Repeat("""{"setWeight":1}""", 65));
        var errors = Validate(
            "ModelDeployment",
            Model($$$"""{"model":{"name":"{{{new string('x', 513)}}}"},"engine":"vllm","rollout":{"steps":[{{{steps}}}]}}"""));

        Assert.Equal(
            ["spec.model.name: Too long: may not be longer than 512 characters", "spec.rollout.steps: Too many: 65: must have at most 64 items"],
            errors);
    }

    [Fact]
    public void Resource_quantities_take_integers_and_strings()
    {
        Assert.Empty(Validate(
            "ModelDeployment",
            Model("""{"model":{"name":"m"},"engine":"vllm","resources":{"limits":{"nvidia.com/gpu":1,"memory":"24Gi"}}}""")));
    }

    [Fact]
    public void Free_form_fields_keep_anything()
    {
        var gate = """{"apiVersion":"llmoperator.io/v1alpha1","kind":"EvaluationGate","metadata":{"name":"g"},"spec":""" +
            """{"dataset":{"cases":[{"id":"a","vars":{"q":"x","n":[1,{"deep":true}]},"expected":{"any":["thing"]}}]}}}""";

        Assert.Empty(Validate("EvaluationGate", gate));
    }

    [Fact]
    public void List_map_keys_must_be_unique()
    {
        var gate = """{"apiVersion":"llmoperator.io/v1alpha1","kind":"EvaluationGate","metadata":{"name":"g"},"spec":""" +
            """{"dataset":{"cases":[{"id":"a"},{"id":"b"},{"id":"a"}]}}}""";

        Assert.Equal(["spec.dataset.cases[2]: Duplicate value: {\"id\":\"a\"}"], Validate("EvaluationGate", gate));
    }

    [Fact]
    public void Rules_run_only_on_valid_subtrees_so_one_mistake_gives_one_error()
    {
        var gate = """{"apiVersion":"llmoperator.io/v1alpha1","kind":"EvaluationGate","metadata":{"name":"g"},"spec":{"dataset":{"cases":[{"id":7}]}}}""";

        Assert.Equal(["spec.dataset.cases[0].id: Invalid value: 7: must be of type string"], Validate("EvaluationGate", gate));
    }

    [Fact]
    public void The_prompt_spec_is_immutable_on_update_but_not_checked_on_create()
    {
        const string v1 = """{"apiVersion":"llmoperator.io/v1alpha1","kind":"PromptVersion","metadata":{"name":"p"},"spec":""" +
            """{"promptName":"p","version":1,"modelRef":{"name":"m"},"messages":[{"role":"user","content":"{{ q }}"}]}}""";
        var edited = v1.Replace("{{ q }}", "{{ question }}", StringComparison.Ordinal);
        var relabelled = v1.Replace("\"name\":\"p\"}", "\"name\":\"p\",\"labels\":{\"team\":\"a\"}}", StringComparison.Ordinal);

        Assert.Empty(Validate("PromptVersion", edited));
        Assert.Empty(Validate("PromptVersion", relabelled, oldJson: v1));
        Assert.Equal(
            ["spec: Invalid value: \"object\": a PromptVersion is immutable: commit a new version instead of editing this one"],
            Validate("PromptVersion", edited, oldJson: v1));
    }

    [Theory]
    [InlineData("""{"tools":[{"type":"function","function":{"name":"f"}}],"toolChoice":"auto"}""", null)]
    [InlineData("""{"tools":[{"type":"function","function":{"name":"f"}}],"toolChoice":{"type":"function","function":{"name":"f"}}}""", null)]
    [InlineData("""{"toolChoice":"required"}""", "toolChoice needs tools to choose from")]
    [InlineData(
        """{"tools":[{"type":"function","function":{"name":"f"}}],"toolChoice":"sometimes"}""",
        "toolChoice must be none, auto, required or {type: function, function: {name}}")]
    [InlineData(
        """{"tools":[{"type":"function","function":{"name":"f"}}],"toolChoice":{"type":"function"}}""",
        "toolChoice must be none, auto, required or {type: function, function: {name}}")]
    public void A_tool_choice_needs_tools_and_one_of_OpenAI_s_forms(string parameters, string? message)
    {
        var prompt = """{"apiVersion":"llmoperator.io/v1alpha1","kind":"PromptVersion","metadata":{"name":"p"},"spec":""" +
            """{"promptName":"p","version":1,"modelRef":{"name":"m"},"messages":[{"role":"user","content":"q"}],"parameters":""" + parameters + "}}";

        Assert.Equal(message is null ? [] : [$"spec.parameters: Invalid value: \"object\": {message}"], Validate("PromptVersion", prompt));
    }

    [Fact]
    public void Defaults_are_applied_where_fields_are_missing_or_null()
    {
        var value = JsonNode.Parse("""{"spec":{"model":{"name":"m"},"engine":"vllm","replicas":null,"rollout":{"steps":[{"evaluate":{"gates":["g"]}}]}}}""")!;

        SchemaDefaulter.Apply(value, Kind("ModelDeployment"));

        Assert.Equal(1, (int)value["spec"]!["replicas"]!);
        Assert.Equal(30, (int)value["spec"]!["rollout"]!["abortScaleDownDelaySeconds"]!);
        // No default deadline: the operator fits it to the server's startup budget.
        Assert.Null(value["spec"]!["rollout"]!["progressDeadlineSeconds"]);
        Assert.Equal("pause", (string)value["spec"]!["rollout"]!["steps"]![0]!["evaluate"]!["onInconclusive"]!);
    }

    [Fact]
    public void A_rule_that_fails_to_evaluate_says_so()
    {
        var schema = StructuralSchema.Parse(JsonNode.Parse(
            """{"type":"object","properties":{"spec":""" +
            """{"type":"object","x-kubernetes-preserve-unknown-fields":true,"x-kubernetes-validations":""" +
            """[{"rule":"self.missing == 1"},{"rule":"self.a ==","message":"never"}]}}}""")!.AsObject());

        var errors = Validator.ValidateResource(JsonNode.Parse("""{"spec":{"a":1}}""")!.AsObject(), null, schema).Select(e => e.ToString()).ToList();

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("spec: Invalid value: \"object\": Cannot find overload to select field 'missing'", errors[0], StringComparison.Ordinal);
        Assert.EndsWith("evaluating rule: self.missing == 1", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("spec: Invalid value: \"object\": the rule does not compile: Line 1:", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_catastrophic_pattern_times_out_instead_of_hanging()
    {
        var schema = StructuralSchema.Parse(JsonNode.Parse("""{"type":"object","properties":{"s":{"type":"string","pattern":"^(a+)+$"}}}""")!.AsObject());

        var errors = Validator.ValidateResource(JsonNode.Parse($$"""{"s":"{{new string('a', 40)}}!"}""")!.AsObject(), null, schema);

        Assert.Equal(["s: Invalid value: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\": took too long to match '^(a+)+$'"], errors.Select(e => e.ToString()));
    }
}
