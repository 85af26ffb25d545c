using System;

namespace Edge.Benchmarks.Select;

/// <summary>
/// Checks what a select delivers, so that a fast wrong result cannot pass: message i is sent to source
/// i % sources, so source s must deliver s, s + sources, s + 2 sources... in that order, and at the end of
/// the run each source must have delivered exactly its share. Together: every message exactly once, from the
/// source that reported it. Preallocated; checking allocates nothing.
/// </summary>
internal sealed class SourceTally
{
    private readonly long[] _next;

    public SourceTally(int sources)
    {
        _next = new long[sources];
    }

    /// <summary>Expects a fresh run: each source's first message.</summary>
    public void Reset()
    {
        for (int s = 0; s < _next.Length; s++)
        {
            _next[s] = s;
        }
    }

    /// <summary>Checks that <paramref name="message"/> is the next one <paramref name="source"/> owes.</summary>
    public void Verify(int source, in Message64 message)
    {
        message.Verify(_next[source]);
        _next[source] += _next.Length;
    }

    /// <summary>Checks that each source delivered all of its share of <paramref name="operations"/> messages.</summary>
    public void VerifyComplete(int operations)
    {
        int sources = _next.Length;
        for (int s = 0; s < sources; s++)
        {
            long share = (operations - s + sources - 1) / sources;
            if (_next[s] != s + (share * sources))
            {
                throw new InvalidOperationException(
                    "Source " + s + " delivered " + ((_next[s] - s) / sources) + " messages; it was sent " + share + ".");
            }
        }
    }
}
