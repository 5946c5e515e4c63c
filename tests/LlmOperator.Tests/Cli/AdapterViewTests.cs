using System.Text;
using LlmOperator.Api.V1Alpha1;
using LlmOperator.Cli;

namespace LlmOperator.Tests.Cli;

// The adapters section of llmop status.
public class AdapterViewTests
{
    [Fact]
    public void Each_adapter_shows_what_serves_what_is_judged_and_why()
    {
        var text = new StringBuilder();

        AdapterView.Render(text,
        [
            new AdapterStatus
            {
                Name = "chat-tone", StableRevision = "aaaa", Stable = new() { Source = "hf://acme/tone" }, Phase = RolloutPhase.Healthy, Message = "ok.",
            },
            new AdapterStatus
            {
                Name = "sql",
                StableRevision = "1d7a",
                Stable = new() { Source = "pvc://loras/sql/v2" },
                CandidateRevision = "6c0e",
                CandidateModel = "sql:canary",
                Phase = RolloutPhase.Progressing,
                Message = "Evaluating.",
            },
        ]);

        Assert.Equal(
            """

            Adapters:
              NAME       PHASE        SERVING                    CANDIDATE           MESSAGE
              chat-tone  Healthy      aaaa (hf://acme/tone)      -                   ok.
              sql        Progressing  1d7a (pvc://loras/sql/v2)  6c0e as sql:canary  Evaluating.

            """,
            text.ToString());
    }

    [Fact]
    public void A_model_without_adapters_has_no_section()
    {
        var text = new StringBuilder();
        AdapterView.Render(text, null);
        Assert.Equal("", text.ToString());
    }
}
