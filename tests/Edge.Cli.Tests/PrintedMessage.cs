namespace Edge.Cli.Tests;

/// <summary>One message line as the demo printed it.</summary>
internal readonly record struct PrintedMessage(int Sequence, string Sender, int Tag, int Counter);
