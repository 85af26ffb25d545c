namespace Edge.Cli.Tests;

/// <summary>What one run of the <c>edge</c> command produced.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error);
