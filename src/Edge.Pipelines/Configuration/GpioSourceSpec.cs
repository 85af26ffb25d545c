using Edge.Hardware.Gpio;

namespace Edge.Pipelines.Configuration;

/// <summary>A <c>gpio</c> source entry, checked.</summary>
internal sealed class GpioSourceSpec
{
    public GpioSourceSpec(string name, string entry, string to, GpioPinOptions[] pins)
    {
        Name = name;
        Entry = entry;
        To = to;
        Pins = pins;
    }

    public string Name { get; }

    public string Entry { get; }

    public string To { get; }

    public GpioPinOptions[] Pins { get; }
}
