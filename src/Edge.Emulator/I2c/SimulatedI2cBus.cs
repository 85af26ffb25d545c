using System;
using System.Collections.Generic;
using System.Device.I2c;
using System.Globalization;
using System.IO;

namespace Edge.Emulator.I2c;

/// <summary>
/// An emulated I2C bus: simulated chips attached at their addresses, and <see cref="I2cBus"/> semantics for the
/// application. <see cref="CreateDevice"/> returns a handle at an address; a transfer to an address where no chip
/// is attached fails with an <see cref="IOException"/>, as a missing acknowledge does on a real bus. Disposing a
/// handle (as a binding does when it is disposed) releases the address but leaves the chip on the bus.
/// </summary>
/// <remarks>All members are thread-safe and never block for long.</remarks>
public sealed class SimulatedI2cBus : I2cBus
{
    /// <summary>The highest 7-bit I2C address.</summary>
    public const int MaxAddress = 0x7F;

    // Protects _devices and _open.
    private readonly object _lock = new object();
    private readonly Dictionary<int, SimulatedI2cDevice> _devices = new Dictionary<int, SimulatedI2cDevice>();
    private readonly HashSet<int> _open = new HashSet<int>();

    /// <summary>Creates an empty bus.</summary>
    /// <param name="busId">The bus number, 0 or more (for example 1 for /dev/i2c-1 on a Raspberry Pi).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="busId"/> is negative.</exception>
    public SimulatedI2cBus(int busId)
    {
        ValidateBusId(busId, nameof(busId));
        BusId = busId;
    }

    /// <summary>The bus number.</summary>
    public int BusId { get; }

    /// <summary>The attached chips, in address order.</summary>
    public IReadOnlyList<SimulatedI2cDevice> Devices
    {
        get
        {
            lock (_lock)
            {
                var list = new List<SimulatedI2cDevice>(_devices.Values);
                list.Sort((a, b) => a.ConnectionSettings.DeviceAddress.CompareTo(b.ConnectionSettings.DeviceAddress));
                return list;
            }
        }
    }

    /// <summary>Attaches a chip at the address in its connection settings.</summary>
    /// <param name="device">The chip; its bus id must be this bus's.</param>
    /// <exception cref="ArgumentNullException"><paramref name="device"/> is null.</exception>
    /// <exception cref="ArgumentException">The chip is for another bus, or the address is taken.</exception>
    public void Attach(SimulatedI2cDevice device)
    {
        if (device is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(device));
        }

        I2cConnectionSettings settings = device.ConnectionSettings;
        if (settings.BusId != BusId)
        {
            ThrowHelper.ThrowArgument(
                nameof(device),
                "The device is configured for I2C bus " + settings.BusId + " and cannot be attached to bus " + BusId + ".");
        }

        lock (_lock)
        {
            if (_devices.ContainsKey(settings.DeviceAddress))
            {
                ThrowHelper.ThrowArgument(
                    nameof(device),
                    "Address " + FormatAddress(settings.DeviceAddress) + " on I2C bus " + BusId + " already has a device.");
            }

            _devices.Add(settings.DeviceAddress, device);
        }
    }

    /// <summary>The chip at <paramref name="deviceAddress"/>, or null when none is attached.</summary>
    /// <param name="deviceAddress">A 7-bit address.</param>
    /// <returns>The chip or null.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The address is not 0x00 to 0x7F.</exception>
    public SimulatedI2cDevice? GetDevice(int deviceAddress)
    {
        ValidateAddress(deviceAddress, nameof(deviceAddress));
        lock (_lock)
        {
            return _devices.TryGetValue(deviceAddress, out SimulatedI2cDevice? device) ? device : null;
        }
    }

    /// <inheritdoc />
    /// <remarks>Succeeds even when no chip is attached at the address (the first transfer then fails), as on a real
    /// bus.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The address is not 0x00 to 0x7F.</exception>
    /// <exception cref="ArgumentException">A handle for the address is already open.</exception>
    public override I2cDevice CreateDevice(int deviceAddress)
    {
        ValidateAddress(deviceAddress, nameof(deviceAddress));
        lock (_lock)
        {
            if (!_open.Add(deviceAddress))
            {
                ThrowHelper.ThrowArgument(
                    nameof(deviceAddress),
                    "A device at address " + FormatAddress(deviceAddress) + " on I2C bus " + BusId
                    + " is already open; dispose it before opening the address again.");
            }
        }

        return new SimulatedI2cBusDevice(this, new I2cConnectionSettings(BusId, deviceAddress));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">No handle for the address is open.</exception>
    public override void RemoveDevice(int deviceAddress)
    {
        ValidateAddress(deviceAddress, nameof(deviceAddress));
        lock (_lock)
        {
            if (!_open.Remove(deviceAddress))
            {
                ThrowHelper.ThrowArgument(
                    nameof(deviceAddress),
                    "No device at address " + FormatAddress(deviceAddress) + " on I2C bus " + BusId + " is open.");
            }
        }
    }

    internal static void ValidateAddress(int address, string paramName)
    {
        if (address < 0 || address > MaxAddress)
        {
            ThrowHelper.ThrowArgumentOutOfRange(
                paramName,
                "I2C addresses are 7-bit, 0x00 to 0x7F; got " + address + " (" + FormatAddress(address) + ").");
        }
    }

    internal static void ValidateBusId(int busId, string paramName)
    {
        if (busId < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(paramName, "I2C bus ids are 0 or more; got " + busId + ".");
        }
    }

    internal static string FormatAddress(int address) => "0x" + address.ToString("X2", CultureInfo.InvariantCulture);

    /// <summary>The chip that answers at the address; an <see cref="IOException"/> (no acknowledge) when none does.</summary>
    internal SimulatedI2cDevice Resolve(int deviceAddress)
    {
        lock (_lock)
        {
            if (_devices.TryGetValue(deviceAddress, out SimulatedI2cDevice? device))
            {
                return device;
            }

            var present = new List<int>(_devices.Keys);
            present.Sort();
            string list = present.Count == 0 ? "none" : string.Join(", ", present.ConvertAll(FormatAddress));
            throw new IOException(
                "No device acknowledged address " + FormatAddress(deviceAddress) + " on emulated I2C bus " + BusId
                + " (devices present: " + list + ").");
        }
    }

    internal void Release(int deviceAddress)
    {
        lock (_lock)
        {
            _open.Remove(deviceAddress);
        }
    }
}
