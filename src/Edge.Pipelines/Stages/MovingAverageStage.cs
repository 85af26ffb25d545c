using System;
using Edge.Hardware.Sensors;
using Edge.Ipc;
using Edge.Pipelines.Messages;

namespace Edge.Pipelines.Stages;

/// <summary>
/// <c>average</c>: for each reading, emits the mean of the last <see cref="Window"/> readings (fewer at the start;
/// <see cref="Bme280Reading.Count"/> says how many), stamped with the newest reading's timestamp.
/// </summary>
internal sealed class MovingAverageStage : WeatherStage
{
    /// <summary>Largest window.</summary>
    public const int MaxWindow = 1024;

    private readonly double[] _t;
    private readonly double[] _p;
    private readonly double[] _h;
    private int _next;
    private int _filled;

    /// <summary>Creates the stage.</summary>
    /// <param name="name">The task name.</param>
    /// <param name="entry">The file entry.</param>
    /// <param name="from">The input mailbox.</param>
    /// <param name="to">The output mailboxes.</param>
    /// <param name="window">Readings averaged, 1 to <see cref="MaxWindow"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The window is out of range.</exception>
    public MovingAverageStage(string name, string entry, string from, string[] to, int window)
        : base(name, entry, from, to)
    {
        if (window < 1 || window > MaxWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(window), "The window must be from 1 to " + MaxWindow + "; got " + window + ".");
        }

        Window = window;
        _t = new double[window];
        _p = new double[window];
        _h = new double[window];
    }

    /// <summary>Readings averaged.</summary>
    public int Window { get; }

    /// <inheritdoc />
    protected override void Handle(ReadOnlySpan<byte> message, in MessageInfo info)
    {
        Bme280Reading r = Read<Bme280Reading>(message);
        _t[_next] = r.TemperatureCelsius;
        _p[_next] = r.PressurePascals;
        _h[_next] = r.HumidityPercent;
        _next = (_next + 1) % Window;
        _filled = Math.Min(_filled + 1, Window);
        double t = 0, p = 0, h = 0;
        for (int i = 0; i < _filled; i++)
        {
            t += _t[i];
            p += _p[i];
            h += _h[i];
        }

        r.TemperatureCelsius = t / _filled;
        r.PressurePascals = p / _filled;
        r.HumidityPercent = h / _filled;
        r.Count = _filled;
        Forward(in r, info.Tag, info.Timestamp);
    }
}
