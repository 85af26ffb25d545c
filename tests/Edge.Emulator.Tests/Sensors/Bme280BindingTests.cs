using System;
using System.Device.I2c;
using Edge.Emulator.Sensors;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.PowerMode;
using Iot.Device.Bmxx80.ReadResult;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests.Sensors;

/// <summary>The unmodified <see cref="Bme280"/> binding over the simulated BME280.</summary>
[TestClass]
public sealed class Bme280BindingTests
{
    private const double TemperatureTolerance = 0.01;
    private const double PressureTolerancePascals = 1.0;
    private const double HumidityTolerance = 0.1;

    private VirtualClock _clock = null!;
    private SimulatedBme280 _model = null!;
    private Bme280 _bme = null!;

    [TestInitialize]
    public void Initialize()
    {
        _clock = new VirtualClock();
        _model = new SimulatedBme280(new I2cConnectionSettings(1, 0x76), _clock);
        _bme = new Bme280(_model);
    }

    [TestCleanup]
    public void Cleanup()
    {
        _bme.Dispose();
    }

    [TestMethod]
    [DataRow(21.5, 1013.25, 50.0)]
    [DataRow(-20.0, 900.0, 10.0)]
    [DataRow(45.0, 1100.0, 90.0)]
    [DataRow(0.0, 950.0, 30.0)]
    [DataRow(-40.0, 300.0, 0.0)]
    [DataRow(85.0, 1100.0, 100.0)]
    [DataRow(12.34, 1001.11, 67.89)]
    public void Read_ScriptedValues_BindingReadsThemWithinSensorPrecision(double celsius, double hectopascals, double percent)
    {
        _model.TemperatureCelsius = SensorTrack.Constant(celsius);
        _model.PressurePascals = SensorTrack.Constant(hectopascals * 100.0);
        _model.HumidityPercent = SensorTrack.Constant(percent);

        Bme280ReadResult result = _bme.Read();

        Assert.AreEqual(celsius, result.Temperature!.Value.DegreesCelsius, TemperatureTolerance);
        Assert.AreEqual(hectopascals * 100.0, result.Pressure!.Value.Pascals, PressureTolerancePascals);
        Assert.AreEqual(percent, result.Humidity!.Value.Percent, HumidityTolerance);
    }

    [TestMethod]
    public void ForcedMeasurement_FullRange_ErrorWithinHalfARawStep()
    {
        // Over the whole operating range: -40..85 °C, 300..1100 hPa, 0..100 %RH.
        double worstT = 0;
        double worstP = 0;
        double worstH = 0;
        for (double t = -40; t <= 85; t += 12.5)
        {
            for (double p = 30_000; p <= 110_000; p += 10_000)
            {
                for (double h = 0; h <= 100; h += 12.5)
                {
                    _model.TemperatureCelsius = SensorTrack.Constant(t);
                    _model.PressurePascals = SensorTrack.Constant(p);
                    _model.HumidityPercent = SensorTrack.Constant(h);
                    _bme.SetPowerMode(Bmx280PowerMode.Forced);
                    Assert.IsTrue(_bme.TryReadTemperature(out UnitsNet.Temperature temperature));
                    Assert.IsTrue(_bme.TryReadPressure(out UnitsNet.Pressure pressure));
                    Assert.IsTrue(_bme.TryReadHumidity(out UnitsNet.RelativeHumidity humidity));
                    worstT = Math.Max(worstT, Math.Abs(temperature.DegreesCelsius - t));
                    worstP = Math.Max(worstP, Math.Abs(pressure.Pascals - p));
                    worstH = Math.Max(worstH, Math.Abs(humidity.Percent - h));
                }
            }
        }

        Assert.IsLessThan(0.001, worstT);
        Assert.IsLessThan(0.2, worstP);
        Assert.IsLessThan(0.01, worstH);
    }

    [TestMethod]
    public void Read_ForcedMeasurement_LeavesChipAsleepAndNotMeasuring()
    {
        _bme.Read();

        Assert.AreEqual(Bmx280PowerMode.Sleep, _bme.ReadPowerMode());
        Assert.IsFalse(_bme.ReadStatus().Measuring);
        Assert.IsFalse(_bme.ReadStatus().ImageUpdating);
    }

    [TestMethod]
    public void ForcedMeasurement_TrackOverVirtualTime_FollowsLinearInterpolation()
    {
        _model.TemperatureCelsius = new SensorTrack(new[] { new SensorPoint(0, 20.0), new SensorPoint(60_000_000_000, 30.0) });
        _clock.AdvanceTo(30_000_000_000);

        _bme.SetPowerMode(Bmx280PowerMode.Forced);
        _clock.AdvanceTo(45_000_000_000);
        Assert.IsTrue(_bme.TryReadTemperature(out UnitsNet.Temperature temperature));

        // The value is latched at the forced write (30 s), not at the read (45 s).
        Assert.AreEqual(25.0, temperature.DegreesCelsius, TemperatureTolerance);
    }

    [TestMethod]
    public void NormalMode_StepTrack_ReadsLatestConversionOfTheCycle()
    {
        // Steps: step from 10 °C to 30 °C at 5 s; normal mode with 1000 ms standby (cycle 1008 ms at x1 oversampling).
        // Expected: at 4.9 s the latest conversion (4.032 s) reads 10 °C; at 5.5 s the latest (5.040 s) reads 30 °C.
        _model.TemperatureCelsius = new SensorTrack(
            new[] { new SensorPoint(0, 10.0), new SensorPoint(5_000_000_000, 30.0) },
            TrackInterpolation.Step);
        _bme.StandbyTime = StandbyTime.Ms1000;
        _bme.SetPowerMode(Bmx280PowerMode.Normal);

        _clock.AdvanceTo(4_900_000_000);
        Assert.IsTrue(_bme.TryReadTemperature(out UnitsNet.Temperature before));
        _clock.AdvanceTo(5_500_000_000);
        Assert.IsTrue(_bme.TryReadTemperature(out UnitsNet.Temperature after));

        Assert.AreEqual(Bmx280PowerMode.Normal, _bme.ReadPowerMode());
        Assert.AreEqual(10.0, before.DegreesCelsius, TemperatureTolerance);
        Assert.AreEqual(30.0, after.DegreesCelsius, TemperatureTolerance);
    }

    [TestMethod]
    public void Read_HumiditySkipped_BindingReportsNoHumidity()
    {
        _bme.HumiditySampling = Sampling.Skipped;

        Bme280ReadResult result = _bme.Read();

        Assert.IsNull(result.Humidity);
        Assert.IsNotNull(result.Temperature);
    }

    [TestMethod]
    public void Reset_AfterConfiguration_RestoresDefaults()
    {
        _bme.SetPowerMode(Bmx280PowerMode.Normal);

        _bme.Reset();

        Assert.AreEqual(Bmx280PowerMode.Sleep, _bme.ReadPowerMode());
    }

    [TestMethod]
    public void TemperatureTrack_OutsideOperatingRange_ThrowsNamingRange()
    {
        ArgumentOutOfRangeException ex = Assert.ThrowsExactly<ArgumentOutOfRangeException>(
            () => _model.TemperatureCelsius = SensorTrack.Constant(90.0));

        Assert.Contains("-40 to 85", ex.Message);
        Assert.Contains("90", ex.Message);
    }
}
