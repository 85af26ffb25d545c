namespace Edge.Pipelines.Configuration;

/// <summary>A <c>bme280</c> source entry, validated.</summary>
internal sealed class SamplerSpec
{
    public SamplerSpec(string name, string entry, string to, int bus, int address, long periodNanoseconds)
    {
        Name = name;
        Entry = entry;
        To = to;
        Bus = bus;
        Address = address;
        PeriodNanoseconds = periodNanoseconds;
    }

    public string Name { get; }

    public string Entry { get; }

    public string To { get; }

    public int Bus { get; }

    public int Address { get; }

    public long PeriodNanoseconds { get; }
}
