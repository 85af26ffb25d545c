namespace Edge.Benchmarks;

/// <summary>The command line: <c>[quick|full] [--json FILE]</c>.</summary>
internal sealed record BenchmarkOptions(RunSettings Settings, string? JsonPath)
{
    public const string Usage = "usage: Edge.Benchmarks [quick|full] [--json FILE]   (default: full)";

    public static bool TryParse(string[] args, out BenchmarkOptions options, out string error)
    {
        RunSettings settings = RunSettings.Full;
        string? jsonPath = null;
        options = new BenchmarkOptions(settings, jsonPath);
        error = "";
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "quick":
                    settings = RunSettings.Quick;
                    break;
                case "full":
                    settings = RunSettings.Full;
                    break;
                case "--json" when i + 1 < args.Length:
                    jsonPath = args[++i];
                    break;
                case "--json":
                    error = "--json needs a file name";
                    return false;
                default:
                    error = "unexpected argument '" + args[i] + "'";
                    return false;
            }
        }

        options = new BenchmarkOptions(settings, jsonPath);
        return true;
    }
}
