using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using Edge.Hosting.Telemetry;

namespace Edge.Cli.Run;

/// <summary>
/// <c>edge run</c>'s instrumentation options: <c>--metrics prometheus=HOST:PORT</c> and <c>--metrics otlp=URL</c>
/// (repeatable, one of each), or <c>--metrics none</c>; <c>--summary-json FILE</c> and <c>--report FILE.html</c>.
/// Given at all, <c>--metrics</c> replaces the settings file's metrics section: <c>none</c> turns off what it asks for.
/// </summary>
internal sealed class InstrumentationOptions
{
    /// <summary>Where <c>--metrics prometheus</c> listens when no address is given: this machine only.</summary>
    public const string DefaultPrometheus = "127.0.0.1:9464";

    /// <summary>Where <c>--metrics otlp</c> exports when no URL is given: a collector on this machine, gRPC.</summary>
    public const string DefaultOtlp = "http://localhost:4317";

    /// <summary><c>--metrics none</c>: no exporter, whatever the settings file asks for.</summary>
    public const string None = "none";

    private InstrumentationOptions()
    {
        Metrics = new Option<string[]>("--metrics")
        {
            Description = "Export the Edge meter while the run goes on: prometheus=HOST:PORT serves /metrics for Prometheus to scrape (prometheus alone: "
                + DefaultPrometheus + "); otlp=URL pushes to an OpenTelemetry collector (otlp alone: " + DefaultOtlp + ", gRPC). Give it once per exporter. "
                + "It replaces the settings file's metrics section; none exports nothing.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        Metrics.Validators.Add(Validate);
        SummaryJson = FileOption("--summary-json", "Write every figure of the summary, with latency percentiles, to FILE as JSON when the run ends.", ".json");
        Report = FileOption("--report", "Write an HTML page with plots over the run's time (sampled every 100 ms) to FILE when the run ends.", ".html");
    }

    /// <summary><c>--metrics</c>.</summary>
    public Option<string[]> Metrics { get; }

    /// <summary><c>--summary-json</c>.</summary>
    public Option<string?> SummaryJson { get; }

    /// <summary><c>--report</c>.</summary>
    public Option<string?> Report { get; }

    /// <summary>Creates the options and adds them to <paramref name="command"/>.</summary>
    public static InstrumentationOptions AddTo(Command command)
    {
        var options = new InstrumentationOptions();
        command.Options.Add(options.Metrics);
        command.Options.Add(options.SummaryJson);
        command.Options.Add(options.Report);
        return options;
    }

    /// <summary>The Prometheus listen address given, or null.</summary>
    public string? Prometheus(ParseResult result) => Endpoint(result, "prometheus", DefaultPrometheus);

    /// <summary>The OTLP collector URL given, or null.</summary>
    public string? Otlp(ParseResult result) => Endpoint(result, "otlp", DefaultOtlp);

    private static Option<string?> FileOption(string name, string description, string extension)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = "FILE" + extension };
        option.Validators.Add(result =>
        {
            string given = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
            if (!result.Implicit && given.Trim().Length == 0)
            {
                result.AddError(name + ": must name a file; got an empty string.");
            }
        });
        return option;
    }

    /// <summary>Splits <c>kind=value</c>; a bare kind takes its default.</summary>
    private static bool TrySplit(string given, out string kind, out string value)
    {
        int eq = given.IndexOf('=', StringComparison.Ordinal);
        kind = eq < 0 ? given : given.Substring(0, eq);
        value = eq < 0 ? (kind == "prometheus" ? DefaultPrometheus : kind == "otlp" ? DefaultOtlp : string.Empty) : given.Substring(eq + 1);
        return kind == "prometheus" || kind == "otlp";
    }

    private static void Validate(OptionResult result)
    {
        bool prometheus = false;
        bool otlp = false;
        foreach (Token token in result.Tokens)
        {
            string given = token.Value;
            if (given == None)
            {
                if (result.Tokens.Count > 1)
                {
                    result.AddError("--metrics: none turns every exporter off; give it alone.");
                }

                return;
            }

            if (!TrySplit(given, out string kind, out string value))
            {
                result.AddError("--metrics: must be prometheus=HOST:PORT, otlp=URL or none, such as prometheus=" + DefaultPrometheus + "; got '" + given + "'.");
                return;
            }

            if ((kind == "prometheus" && prometheus) || (kind == "otlp" && otlp))
            {
                result.AddError("--metrics: " + kind + " is given twice; give each exporter once.");
                return;
            }

            string problem;
            bool ok = kind == "prometheus"
                ? MetricsEndpoints.TryParsePrometheus(value, out _, out _, out problem)
                : MetricsEndpoints.TryParseOtlp(value, out _, out problem);
            if (!ok)
            {
                result.AddError("--metrics: " + kind + ": " + problem);
                return;
            }

            prometheus |= kind == "prometheus";
            otlp |= kind == "otlp";
        }
    }

    private string? Endpoint(ParseResult result, string wanted, string fallback)
    {
        foreach (string given in result.GetValue(Metrics) ?? Array.Empty<string>())
        {
            if (TrySplit(given, out string kind, out string value) && kind == wanted)
            {
                return value.Length == 0 ? fallback : value;
            }
        }

        return null;
    }
}
