using System;
using Edge.Ipc;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.ReadResult;

namespace Edge.Hardware.Sensors;

/// <summary>
/// Reads a BME280 (the unmodified <c>Iot.Device.Bmxx80.Bme280</c> binding over any <c>I2cDevice</c>: the real bus
/// or the emulator's simulated chip) every <see cref="PeriodNanoseconds"/> and posts a <see cref="Bme280Reading"/>.
/// </summary>
/// <remarks>
/// The sampler is clock-driven, not thread-driven: <see cref="Poll"/> takes a reading when one is due. The run loop
/// calls it after each virtual-time step on the emulator (deterministic) or on each tick of a timer on a board.
/// Reading the sensor is an I2C transfer and the binding waits for the conversion, so <see cref="Poll"/> blocks for a
/// few milliseconds: never call it from an interrupt or driver callback. The post itself never blocks.
/// </remarks>
public sealed class Bme280Sampler : IDisposable
{
    /// <summary>Shortest period: 10 ms.</summary>
    public const long MinPeriodNanoseconds = 10_000_000;

    private readonly Bme280 _sensor;
    private readonly BoundedBuffer _target;
    private readonly bool _ownsSensor;
    private long _nextDue;
    private int _sequence;

    /// <summary>Creates a sampler; the first reading is due at <paramref name="startNanoseconds"/>.</summary>
    /// <param name="sensor">The binding.</param>
    /// <param name="target">Where readings are posted; its slots must hold a <see cref="Bme280Reading"/>.</param>
    /// <param name="periodNanoseconds">Time between readings, at least <see cref="MinPeriodNanoseconds"/>.</param>
    /// <param name="startNanoseconds">When the first reading is due.</param>
    /// <param name="ownsSensor">Dispose the binding with the sampler.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The period is too short.</exception>
    /// <exception cref="ArgumentException">The target's slots are too small.</exception>
    public Bme280Sampler(Bme280 sensor, BoundedBuffer target, long periodNanoseconds, long startNanoseconds = 0, bool ownsSensor = true)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(target);
        if (periodNanoseconds < MinPeriodNanoseconds)
        {
            throw new ArgumentOutOfRangeException(
                nameof(periodNanoseconds),
                "The sampling period must be at least " + (MinPeriodNanoseconds / 1_000_000) + " ms; got " + (periodNanoseconds / 1e6) + " ms.");
        }

        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<Bme280Reading>();
        if (target.SlotSize < size)
        {
            throw new ArgumentException("'" + target.Name + "' has " + target.SlotSize + "-byte slots; a Bme280Reading needs " + size + ".", nameof(target));
        }

        _sensor = sensor;
        _target = target;
        _ownsSensor = ownsSensor;
        PeriodNanoseconds = periodNanoseconds;
        _nextDue = startNanoseconds;
    }

    /// <summary>Time between readings.</summary>
    public long PeriodNanoseconds { get; }

    /// <summary>Readings taken.</summary>
    public long Readings { get; private set; }

    /// <summary>Readings the target refused.</summary>
    public long Dropped { get; private set; }

    /// <summary>Sees every reading taken; set before the first <see cref="Poll"/>, or null.</summary>
    public Recording.IInputRecorder? Recorder { get; set; }

    /// <summary>The I2C bus the sensor is on, for the recorder.</summary>
    public int Bus { get; init; }

    /// <summary>The sensor's I2C address, for the recorder.</summary>
    public int Address { get; init; }

    /// <summary>When the next reading is due.</summary>
    public long NextDueNanoseconds => _nextDue;

    /// <summary>
    /// Takes every reading due by <paramref name="nowNanoseconds"/> (at most one per call; missed periods are
    /// skipped, not replayed) and posts it. Call from one thread.
    /// </summary>
    /// <param name="nowNanoseconds">The current time on the clock that stamps messages.</param>
    /// <returns>True when a reading was taken.</returns>
    /// <remarks>Blocks for the I2C transfer and conversion. Not for interrupt or driver callbacks.</remarks>
    /// <exception cref="System.IO.IOException">The sensor did not answer.</exception>
    public bool Poll(long nowNanoseconds)
    {
        if (nowNanoseconds < _nextDue)
        {
            return false;
        }

        long stamp = _nextDue;
        while (_nextDue <= nowNanoseconds)
        {
            _nextDue += PeriodNanoseconds;
        }

        Bme280ReadResult result = _sensor.Read();
        var reading = new Bme280Reading
        {
            TimestampNanoseconds = stamp,
            TemperatureCelsius = result.Temperature?.DegreesCelsius ?? double.NaN,
            PressurePascals = result.Pressure?.Pascals ?? double.NaN,
            HumidityPercent = result.Humidity?.Percent ?? double.NaN,
            Sequence = ++_sequence,
            Count = 1,
        };
        Readings++;
        Recorder?.Reading(nowNanoseconds, Bus, Address, reading.TemperatureCelsius, reading.PressurePascals, reading.HumidityPercent);
        if (_target.Post(in reading, Bme280Reading.Tag, stamp) != IpcStatus.Ok)
        {
            Dropped++;
        }

        return true;
    }

    /// <summary>Disposes the binding when the sampler owns it.</summary>
    public void Dispose()
    {
        if (_ownsSensor)
        {
            _sensor.Dispose();
        }
    }
}
