using LlmOperator.Kubernetes.Benchmarks;

var objects = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
var idleSeconds = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60;
Console.WriteLine(await ControlPlaneBenchmark.RunAsync(objects, TimeSpan.FromSeconds(idleSeconds), CancellationToken.None));
