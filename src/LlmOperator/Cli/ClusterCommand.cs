using System.CommandLine;
using System.Security.Cryptography;
using k8s.Exceptions;
using LlmOperator.Kubernetes.Access;
using YamlDotNet.Core;

namespace LlmOperator.Cli;

/// <summary>
/// Runs a command against one ModelDeployment: connects with the kubeconfig, resolves the namespace,
/// and turns every way the cluster can fail the command into one sentence on stderr (prefixed
/// <c>llmop COMMAND: </c>) and exit code 1, never a stack trace.
/// </summary>
internal static class ClusterCommand
{
    /// <summary>Runs <paramref name="action"/> with a connection and the ModelDeployment's key, and writes its outcome.</summary>
    public static async Task<int> RunAsync(
        string command,
        (string Name, string? Namespace, string? Kubeconfig) target,
        InvocationConfiguration console,
        Func<ClusterConnection, ObjectKey, CancellationToken, Task<CommandOutcome>> action,
        CancellationToken cancellationToken)
    {
        var outcome = await OutcomeAsync(target, action, cancellationToken).ConfigureAwait(false);
        if (outcome.ExitCode == LlmopCommand.Success)
        {
            if (outcome.Message is { } line)
            {
                await console.Output.WriteLineAsync(line).ConfigureAwait(false);
            }
        }
        else
        {
            await console.Error.WriteLineAsync($"llmop {command}: {outcome.Message}").ConfigureAwait(false);
        }

        return outcome.ExitCode;
    }

    private static async Task<CommandOutcome> OutcomeAsync(
        (string Name, string? Namespace, string? Kubeconfig) target,
        Func<ClusterConnection, ObjectKey, CancellationToken, Task<CommandOutcome>> action,
        CancellationToken cancellationToken)
    {
        ClusterConnection connection;
        try
        {
            connection = ClusterConnection.Open(target.Kubeconfig);
        }
        catch (Exception e) when (e is KubeConfigException or YamlException or IOException
            or UnauthorizedAccessException or FormatException or CryptographicException)
        {
            // A missing or unreadable file, bad YAML, bad base64 or a bad certificate in it.
            return CommandOutcome.Refused($"cannot load the kubeconfig: {Sentence(e)}");
        }

        using (connection)
        {
            try
            {
                return await action(connection, new ObjectKey(target.Namespace ?? connection.DefaultNamespace, target.Name), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (KubernetesApiException e)
            {
                return CommandOutcome.Refused($"the Kubernetes API at {connection.Server} refused the request: {Sentence(e)}");
            }
            catch (HttpRequestException e)
            {
                return CommandOutcome.Refused($"cannot reach the Kubernetes API at {connection.Server}: {Sentence(e)}");
            }
            catch (IOException e)
            {
                // A watch stream that breaks half way.
                return CommandOutcome.Refused($"lost the connection to the Kubernetes API at {connection.Server}: {Sentence(e)}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // KubernetesClient's HttpClient gave up waiting; our own cancellation (Ctrl-C) is not a timeout.
                return CommandOutcome.Refused($"the Kubernetes API at {connection.Server} did not answer in time");
            }
            catch (OperationCanceledException)
            {
                return CommandOutcome.Refused("interrupted before the Kubernetes API answered");
            }
        }
    }

    // The innermost message says what went wrong (a refused connection, an untrusted certificate); the
    // outer ones often only say "see inner exception". One line, as the whole refusal is one sentence.
    private static string Sentence(Exception exception)
    {
        var inner = exception is KubernetesApiException ? exception : exception.GetBaseException();
        return string.Join(' ', inner.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');
    }
}
