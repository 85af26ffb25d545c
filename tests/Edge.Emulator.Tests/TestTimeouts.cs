using System;

namespace Edge.Emulator.Tests;

/// <summary>Generous bounds that only stop a broken test from hanging; no test waits for them to pass.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);
}
