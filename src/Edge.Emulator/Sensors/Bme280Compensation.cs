using System;

namespace Edge.Emulator.Sensors;

/// <summary>
/// The BME280's trimming (calibration) constants and the datasheet compensation formulas, forwards (raw ADC
/// value to physical value, in double precision, as the BME280 datasheet section 4.2.3 and its appendix give them)
/// and inverted (physical value to the raw ADC value that compensates back to it).
/// </summary>
/// <remarks>
/// The constants are those of the Bosch BMP280 datasheet's worked example (temperature and pressure) and typical
/// factory values of a BME280 (humidity). Inversion solves the quadratic of each formula in closed form, rounds
/// to an integer ADC value and then tries the neighbouring values, keeping the one whose forward result is
/// closest: the error left is half a raw step, about 0.0002 °C, 0.1 Pa and 0.003 %RH.
/// </remarks>
internal static class Bme280Compensation
{
    public const ushort DigT1 = 27504;
    public const short DigT2 = 26435;
    public const short DigT3 = -1000;

    public const ushort DigP1 = 36477;
    public const short DigP2 = -10685;
    public const short DigP3 = 3024;
    public const short DigP4 = 2855;
    public const short DigP5 = 140;
    public const short DigP6 = -7;
    public const short DigP7 = 15500;
    public const short DigP8 = -14600;
    public const short DigP9 = 6000;

    public const byte DigH1 = 75;
    public const short DigH2 = 362;
    public const byte DigH3 = 0;
    public const short DigH4 = 313;
    public const short DigH5 = 50;
    public const sbyte DigH6 = 30;

    /// <summary>Largest 20-bit temperature or pressure ADC value.</summary>
    public const int MaxRaw20 = 0xFFFFF;

    /// <summary>Largest 16-bit humidity ADC value.</summary>
    public const int MaxRaw16 = 0xFFFF;

    private const int NeighbourSearch = 2;

    /// <summary>Writes the trimming registers 0x88-0xA1 and 0xE1-0xE7 into a 256-byte register image.</summary>
    public static void WriteCalibration(Span<byte> registers)
    {
        WriteLittleEndian(registers, 0x88, DigT1);
        WriteLittleEndian(registers, 0x8A, DigT2);
        WriteLittleEndian(registers, 0x8C, DigT3);
        WriteLittleEndian(registers, 0x8E, DigP1);
        WriteLittleEndian(registers, 0x90, DigP2);
        WriteLittleEndian(registers, 0x92, DigP3);
        WriteLittleEndian(registers, 0x94, DigP4);
        WriteLittleEndian(registers, 0x96, DigP5);
        WriteLittleEndian(registers, 0x98, DigP6);
        WriteLittleEndian(registers, 0x9A, DigP7);
        WriteLittleEndian(registers, 0x9C, DigP8);
        WriteLittleEndian(registers, 0x9E, DigP9);
        registers[0xA1] = DigH1;
        WriteLittleEndian(registers, 0xE1, DigH2);
        registers[0xE3] = DigH3;

        // dig_H4 is bits 11:4 in 0xE4 and bits 3:0 in 0xE5[3:0]; dig_H5 is bits 3:0 in 0xE5[7:4] and bits 11:4 in 0xE6.
        registers[0xE4] = (byte)(DigH4 >> 4);
        registers[0xE5] = (byte)(((DigH5 & 0x0F) << 4) | (DigH4 & 0x0F));
        registers[0xE6] = (byte)(DigH5 >> 4);
        registers[0xE7] = (byte)DigH6;
    }

    /// <summary>Temperature in °C from a 20-bit raw value; <paramref name="temperatureFine"/> feeds the other two formulas.</summary>
    public static double CompensateTemperature(int raw, out double temperatureFine)
    {
        double var1 = ((raw / 16384.0) - (DigT1 / 1024.0)) * DigT2;
        double var2 = (raw / 131072.0) - (DigT1 / 8192.0);
        var2 = var2 * var2 * DigT3;
        temperatureFine = var1 + var2;
        return temperatureFine / 5120.0;
    }

    /// <summary>Pressure in Pa from a 20-bit raw value.</summary>
    public static double CompensatePressure(int raw, double temperatureFine)
    {
        PressureTerms(temperatureFine, out double divisor, out double offset);
        if (divisor == 0.0)
        {
            return 0.0;
        }

        double p = 1048576.0 - raw;
        p = (p - (offset / 4096.0)) * 6250.0 / divisor;
        double var1 = DigP9 * p * p / 2147483648.0;
        double var2 = p * DigP8 / 32768.0;
        return p + ((var1 + var2 + DigP7) / 16.0);
    }

    /// <summary>Relative humidity in %RH from a 16-bit raw value, clamped to 0-100 as the datasheet does.</summary>
    public static double CompensateHumidity(int raw, double temperatureFine)
    {
        double h = HumidityLinear(raw, temperatureFine);
        h *= 1.0 - (DigH1 * h / 524288.0);
        return Math.Clamp(h, 0.0, 100.0);
    }

    /// <summary>The raw temperature whose compensated value is closest to <paramref name="celsius"/>.</summary>
    public static int RawTemperature(double celsius)
    {
        // t_fine = 8*T2*x + T3*x^2 with x = raw/131072 - T1/8192; solve for x (root near t_fine / (8*T2)).
        double target = celsius * 5120.0;
        double b = 8.0 * DigT2;
        double x = DigT3 == 0
            ? target / b
            : 2.0 * target / (b + Math.Sqrt((b * b) + (4.0 * DigT3 * target)));
        int estimate = ClampRaw((x + (DigT1 / 8192.0)) * 131072.0, MaxRaw20);

        int best = estimate;
        double bestError = double.MaxValue;
        for (int candidate = estimate - NeighbourSearch; candidate <= estimate + NeighbourSearch; candidate++)
        {
            if (candidate < 0 || candidate > MaxRaw20)
            {
                continue;
            }

            double error = Math.Abs(CompensateTemperature(candidate, out _) - celsius);
            if (error < bestError)
            {
                best = candidate;
                bestError = error;
            }
        }

        return best;
    }

    /// <summary>The raw pressure whose compensated value (at this t_fine) is closest to <paramref name="pascals"/>.</summary>
    public static int RawPressure(double pascals, double temperatureFine)
    {
        PressureTerms(temperatureFine, out double divisor, out double offset);

        // p = p0 + (P9*p0^2/2^31 + P8*p0/2^15 + P7)/16; solve a*p0^2 + b*p0 + c = 0 for p0.
        double a = DigP9 / 2147483648.0 / 16.0;
        double b = 1.0 + (DigP8 / 32768.0 / 16.0);
        double c = (DigP7 / 16.0) - pascals;
        double p0 = a == 0.0 ? -c / b : -2.0 * c / (b + Math.Sqrt((b * b) - (4.0 * a * c)));
        double raw = 1048576.0 - (offset / 4096.0) - (p0 * divisor / 6250.0);
        int estimate = ClampRaw(raw, MaxRaw20);

        int best = estimate;
        double bestError = double.MaxValue;
        for (int candidate = estimate - NeighbourSearch; candidate <= estimate + NeighbourSearch; candidate++)
        {
            if (candidate < 0 || candidate > MaxRaw20)
            {
                continue;
            }

            double error = Math.Abs(CompensatePressure(candidate, temperatureFine) - pascals);
            if (error < bestError)
            {
                best = candidate;
                bestError = error;
            }
        }

        return best;
    }

    /// <summary>The raw humidity whose compensated value (at this t_fine) is closest to <paramref name="percent"/>.</summary>
    public static int RawHumidity(double percent, double temperatureFine)
    {
        // h = v * (1 - H1*v/2^19); take the root near v = h.
        double a = DigH1 / 524288.0;
        double v = a == 0.0 ? percent : 2.0 * percent / (1.0 + Math.Sqrt(1.0 - (4.0 * a * percent)));
        double varH = temperatureFine - 76800.0;
        double gain = DigH2 / 65536.0 * (1.0 + (DigH6 / 67108864.0 * varH * (1.0 + (DigH3 / 67108864.0 * varH))));
        double raw = (v / gain) + (DigH4 * 64.0) + (DigH5 / 16384.0 * varH);
        int estimate = ClampRaw(raw, MaxRaw16);

        int best = estimate;
        double bestError = double.MaxValue;
        for (int candidate = estimate - NeighbourSearch; candidate <= estimate + NeighbourSearch; candidate++)
        {
            if (candidate < 0 || candidate > MaxRaw16)
            {
                continue;
            }

            double error = Math.Abs(CompensateHumidity(candidate, temperatureFine) - percent);
            if (error < bestError)
            {
                best = candidate;
                bestError = error;
            }
        }

        return best;
    }

    private static double HumidityLinear(int raw, double temperatureFine)
    {
        double varH = temperatureFine - 76800.0;
        return (raw - ((DigH4 * 64.0) + (DigH5 / 16384.0 * varH)))
            * (DigH2 / 65536.0 * (1.0 + (DigH6 / 67108864.0 * varH * (1.0 + (DigH3 / 67108864.0 * varH)))));
    }

    /// <summary>The parts of the pressure formula that depend only on t_fine.</summary>
    private static void PressureTerms(double temperatureFine, out double divisor, out double offset)
    {
        double var1 = (temperatureFine / 2.0) - 64000.0;
        double var2 = var1 * var1 * DigP6 / 32768.0;
        var2 += var1 * DigP5 * 2.0;
        offset = (var2 / 4.0) + (DigP4 * 65536.0);
        var1 = ((DigP3 * var1 * var1 / 524288.0) + (DigP2 * var1)) / 524288.0;
        divisor = (1.0 + (var1 / 32768.0)) * DigP1;
    }

    private static int ClampRaw(double raw, int max)
    {
        if (double.IsNaN(raw))
        {
            return 0;
        }

        return (int)Math.Clamp(Math.Round(raw), 0, max);
    }

    private static void WriteLittleEndian(Span<byte> registers, int address, int value)
    {
        registers[address] = (byte)value;
        registers[address + 1] = (byte)(value >> 8);
    }
}
