using System;
using System.Collections.Generic;

namespace Edge.Pipelines.Metrics;

/// <summary>One thing an observable instrument reads (a mailbox, a pin, a sampler, a stage) with the tags of its measurements.</summary>
/// <typeparam name="T">What is read.</typeparam>
internal sealed class Probe<T>
{
    public Probe(T source, params KeyValuePair<string, object?>[] tags)
    {
        Source = source;
        Array.Sort(tags, (a, b) => string.CompareOrdinal(a.Key, b.Key)); // listeners that sort tags skip sorted ones
        Tags = tags;
    }

    public T Source { get; }

    public KeyValuePair<string, object?>[] Tags { get; }
}
