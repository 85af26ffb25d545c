using Edge.Hardware.Gpio;

namespace Edge.Hardware.Pipelines;

/// <summary>A <c>gpio</c> source entry, validated.</summary>
internal sealed class GpioSourceSpec
{
    public GpioSourceSpec(string name, string entry, string to, GpioPinOptions[] pins, string[] pinNames)
    {
        Name = name;
        Entry = entry;
        To = to;
        Pins = pins;
        PinNames = pinNames;
    }

    public string Name { get; }

    public string Entry { get; }

    public string To { get; }

    public GpioPinOptions[] Pins { get; }

    public string[] PinNames { get; }
}
