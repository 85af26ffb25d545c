using System;

namespace Edge.Benchmarks;

/// <summary>The command line: <c>[quick|full] [--json FILE] [--only NAME,...]</c>.</summary>
internal sealed record BenchmarkOptions(RunSettings Settings, string? JsonPath, string[]? Only = null)
{
    public const string Usage =
        "usage: Edge.Benchmarks [quick|full] [--json FILE] [--only NAME,...]   (default: full, every scenario; NAME is a metric "
        + "name such as throughput-spsc-samecore, or its start such as roundtrip)";

    public static bool TryParse(string[] args, out BenchmarkOptions options, out string error)
    {
        RunSettings settings = RunSettings.Full;
        string? jsonPath = null;
        string[]? only = null;
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
                case "--only" when i + 1 < args.Length:
                    only = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "--only":
                    error = "--only needs a scenario name";
                    return false;
                default:
                    error = "unexpected argument '" + args[i] + "'";
                    return false;
            }
        }

        options = new BenchmarkOptions(settings, jsonPath, only);
        return true;
    }
}
