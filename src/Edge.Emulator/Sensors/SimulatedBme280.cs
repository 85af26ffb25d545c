using System;
using System.Device.I2c;
using Edge.Emulator.I2c;

namespace Edge.Emulator.Sensors;

/// <summary>
/// A register-level model of the Bosch BME280 temperature, pressure and humidity sensor, complete enough for the
/// unmodified <c>Iot.Device.Bmxx80.Bme280</c> binding: chip id 0x60, trimming registers, ctrl_hum, status,
/// ctrl_meas, config, soft reset, and raw ADC registers computed by inverting the datasheet compensation formulas,
/// so the binding reads back the scripted values.
/// </summary>
/// <remarks>
/// <para>
/// The environment is three <see cref="SensorTrack"/>s evaluated at the board time of each measurement. A forced
/// measurement (ctrl_meas mode 01 or 10) completes at once: the data registers hold the values at the moment of the
/// ctrl_meas write, the status register never reports "measuring", and the mode reads back as sleep, as after a real
/// forced conversion. The binding still sleeps for its computed measurement time; nothing waits for the chip.
/// In normal mode (11) conversions happen at the start of the mode and then every measurement-plus-standby period
/// of board time; a read sees the latest one.
/// </para>
/// <para>
/// Simplifications: the IIR filter is not modelled (config is stored and read back), results have full 20-bit
/// resolution whatever the oversampling (the real chip gives 16 + osrs - 1 bits), and there is no noise.
/// Skipped measurements (oversampling 0) read the reset value 0x80000 (0x8000 for humidity), as on the chip.
/// </para>
/// <para>The I2C methods are thread-safe (see <see cref="SimulatedI2cDevice"/>); so are the track setters.</para>
/// </remarks>
public sealed class SimulatedBme280 : SimulatedI2cDevice
{
    /// <summary>The value of the chip id register (0xD0).</summary>
    public const byte ChipId = 0x60;

    /// <summary>Lowest temperature the sensor operates at, °C.</summary>
    public const double MinTemperatureCelsius = -40.0;

    /// <summary>Highest temperature the sensor operates at, °C.</summary>
    public const double MaxTemperatureCelsius = 85.0;

    /// <summary>Lowest pressure the sensor measures, Pa (300 hPa).</summary>
    public const double MinPressurePascals = 30_000.0;

    /// <summary>Highest pressure the sensor measures, Pa (1100 hPa).</summary>
    public const double MaxPressurePascals = 110_000.0;

    /// <summary>Lowest relative humidity, %RH.</summary>
    public const double MinHumidityPercent = 0.0;

    /// <summary>Highest relative humidity, %RH.</summary>
    public const double MaxHumidityPercent = 100.0;

    private const byte RegChipId = 0xD0;
    private const byte RegReset = 0xE0;
    private const byte RegCtrlHum = 0xF2;
    private const byte RegStatus = 0xF3;
    private const byte RegCtrlMeas = 0xF4;
    private const byte RegConfig = 0xF5;
    private const byte RegPressMsb = 0xF7;
    private const byte RegTempMsb = 0xFA;
    private const byte RegHumMsb = 0xFD;
    private const byte ResetCommand = 0xB6;

    private static readonly int[] s_standbyMicroseconds = { 500, 62_500, 125_000, 250_000, 500_000, 1_000_000, 10_000, 20_000 };

    private readonly IEmulatorClock _clock;

    // Register state: only touched inside OnWrite/OnRead, which the base class serialises.
    private readonly byte[] _registers = new byte[256];
    private byte _pointer;
    private int _humidityOversamplingLatched;
    private long _normalModeStart;
    private long _lastNormalSample;

    private volatile SensorTrack _temperature;
    private volatile SensorTrack _pressure;
    private volatile SensorTrack _humidity;

    /// <summary>
    /// Creates the sensor in its power-on state (sleep mode, data registers at their reset values) with a constant
    /// environment of 20 °C, 1013.25 hPa and 50 %RH.
    /// </summary>
    /// <param name="settings">Bus and address; the BME280 answers at 0x76 or 0x77.</param>
    /// <param name="clock">The board clock, read at each measurement.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The address is not a 7-bit address.</exception>
    public SimulatedBme280(I2cConnectionSettings settings, IEmulatorClock clock)
        : base(settings)
    {
        if (clock is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(clock));
        }

        _clock = clock;
        _temperature = SensorTrack.Constant(20.0);
        _pressure = SensorTrack.Constant(101_325.0);
        _humidity = SensorTrack.Constant(50.0);
        Bme280Compensation.WriteCalibration(_registers);
        _registers[RegChipId] = ChipId;
        ResetRegisters();
    }

    /// <summary>The air temperature in °C over board time; every point within -40 to 85 °C.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A point is outside the sensor's range.</exception>
    public SensorTrack TemperatureCelsius
    {
        get => _temperature;
        set => _temperature = Validate(value, MinTemperatureCelsius, MaxTemperatureCelsius, "°C", nameof(TemperatureCelsius));
    }

    /// <summary>The air pressure in Pa over board time; every point within 30 000 to 110 000 Pa (300 to 1100 hPa).</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A point is outside the sensor's range.</exception>
    public SensorTrack PressurePascals
    {
        get => _pressure;
        set => _pressure = Validate(value, MinPressurePascals, MaxPressurePascals, "Pa", nameof(PressurePascals));
    }

    /// <summary>The relative humidity in %RH over board time; every point within 0 to 100 %RH.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A point is outside the sensor's range.</exception>
    public SensorTrack HumidityPercent
    {
        get => _humidity;
        set => _humidity = Validate(value, MinHumidityPercent, MaxHumidityPercent, "%RH", nameof(HumidityPercent));
    }

    /// <inheritdoc />
    /// <remarks>The first byte sets the register pointer; further bytes alternate data and register address, as
    /// the BME280's multi-byte write does.</remarks>
    protected override void OnWrite(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            return;
        }

        _pointer = data[0];
        for (int i = 1; i < data.Length; i++)
        {
            if ((i & 1) == 1)
            {
                WriteRegister(_pointer, data[i]);
            }
            else
            {
                _pointer = data[i];
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Reads from the register pointer on, incrementing it; the data registers are consistent within one
    /// read (the chip's shadowing).</remarks>
    protected override void OnRead(Span<byte> buffer)
    {
        if ((_registers[RegCtrlMeas] & 0x03) == 0x03)
        {
            RefreshNormalMode(_clock.NowNanoseconds);
        }

        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _pointer == RegReset || _pointer == RegStatus ? (byte)0 : _registers[_pointer];
            _pointer++;
        }
    }

    private static SensorTrack Validate(SensorTrack track, double min, double max, string unit, string name)
    {
        if (track is null)
        {
            ThrowHelper.ThrowArgumentNull(name);
        }

        if (track.Minimum < min || track.Maximum > max)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                name,
                "BME280 " + name + " must stay within " + min + " to " + max + " " + unit + "; the track spans "
                + track.Minimum + " to " + track.Maximum + " " + unit + ".");
        }

        return track;
    }

    private static int OversamplingFactor(int setting) => setting == 0 ? 0 : 1 << Math.Min(setting - 1, 4);

    private static void WriteRaw20(Span<byte> registers, int address, int raw)
    {
        registers[address] = (byte)(raw >> 12);
        registers[address + 1] = (byte)(raw >> 4);
        registers[address + 2] = (byte)((raw & 0x0F) << 4);
    }

    private void WriteRegister(byte register, byte value)
    {
        switch (register)
        {
            case RegReset:
                if (value == ResetCommand)
                {
                    ResetRegisters();
                }

                break;
            case RegCtrlHum:
                _registers[RegCtrlHum] = (byte)(value & 0x07);
                break;
            case RegCtrlMeas:
                WriteCtrlMeas(value);
                break;
            case RegConfig:
                _registers[RegConfig] = (byte)(value & 0xFD);
                break;
            default:
                // Trimming, id and data registers are read-only; the chip ignores writes to them.
                break;
        }
    }

    private void WriteCtrlMeas(byte value)
    {
        int previousMode = _registers[RegCtrlMeas] & 0x03;
        _registers[RegCtrlMeas] = value;

        // ctrl_hum only takes effect with a write to ctrl_meas (datasheet 5.4.3).
        _humidityOversamplingLatched = _registers[RegCtrlHum] & 0x07;
        long now = _clock.NowNanoseconds;
        switch (value & 0x03)
        {
            case 0x01:
            case 0x02:
                // Forced: one conversion, complete at once, then back to sleep.
                Measure(now);
                _registers[RegCtrlMeas] = (byte)(value & 0xFC);
                break;
            case 0x03:
                if (previousMode != 0x03)
                {
                    _normalModeStart = now;
                    _lastNormalSample = now;
                    Measure(now);
                }

                break;
        }
    }

    private void RefreshNormalMode(long now)
    {
        long cycle = NormalCycleNanoseconds();
        long elapsed = Math.Max(0, now - _normalModeStart);
        long sampleTime = _normalModeStart + (elapsed - (elapsed % cycle));
        if (sampleTime != _lastNormalSample)
        {
            _lastNormalSample = sampleTime;
            Measure(sampleTime);
        }
    }

    /// <summary>Measurement time (datasheet appendix B, typical) plus standby time.</summary>
    private long NormalCycleNanoseconds()
    {
        byte ctrlMeas = _registers[RegCtrlMeas];
        int t = OversamplingFactor(ctrlMeas >> 5);
        int p = OversamplingFactor((ctrlMeas >> 2) & 0x07);
        int h = OversamplingFactor(_humidityOversamplingLatched);
        long measureMicroseconds = 1000 + (2000L * t) + (p == 0 ? 0 : (2000L * p) + 500) + (h == 0 ? 0 : (2000L * h) + 500);
        long standbyMicroseconds = s_standbyMicroseconds[_registers[RegConfig] >> 5];
        return (measureMicroseconds + standbyMicroseconds) * 1000;
    }

    private void Measure(long atNanoseconds)
    {
        byte ctrlMeas = _registers[RegCtrlMeas];
        int rawTemperature = Bme280Compensation.RawTemperature(_temperature.ValueAt(atNanoseconds));
        Bme280Compensation.CompensateTemperature(rawTemperature, out double temperatureFine);

        int rawPressure = (ctrlMeas >> 2 & 0x07) == 0
            ? 0x80000
            : Bme280Compensation.RawPressure(_pressure.ValueAt(atNanoseconds), temperatureFine);
        int rawHumidity = _humidityOversamplingLatched == 0
            ? 0x8000
            : Bme280Compensation.RawHumidity(_humidity.ValueAt(atNanoseconds), temperatureFine);
        if (ctrlMeas >> 5 == 0)
        {
            rawTemperature = 0x80000;
        }

        WriteRaw20(_registers, RegPressMsb, rawPressure);
        WriteRaw20(_registers, RegTempMsb, rawTemperature);
        _registers[RegHumMsb] = (byte)(rawHumidity >> 8);
        _registers[RegHumMsb + 1] = (byte)rawHumidity;
    }

    private void ResetRegisters()
    {
        _registers[RegCtrlHum] = 0;
        _registers[RegCtrlMeas] = 0;
        _registers[RegConfig] = 0;
        _humidityOversamplingLatched = 0;
        WriteRaw20(_registers, RegPressMsb, 0x80000);
        WriteRaw20(_registers, RegTempMsb, 0x80000);
        _registers[RegHumMsb] = 0x80;
        _registers[RegHumMsb + 1] = 0x00;
    }
}
