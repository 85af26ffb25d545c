using System;
using System.Device.I2c;

namespace Edge.Emulator.I2c;

/// <summary>
/// The application's handle to an address on a <see cref="SimulatedI2cBus"/>. Forwards each transfer to the chip
/// attached at the address when the transfer happens; disposing the handle releases the address only.
/// </summary>
internal sealed class SimulatedI2cBusDevice : I2cDevice
{
    private readonly SimulatedI2cBus _bus;
    private int _disposed;

    internal SimulatedI2cBusDevice(SimulatedI2cBus bus, I2cConnectionSettings settings)
    {
        _bus = bus;
        ConnectionSettings = settings;
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    public override byte ReadByte()
    {
        Span<byte> buffer = stackalloc byte[1];
        Read(buffer);
        return buffer[0];
    }

    public override void Read(Span<byte> buffer)
    {
        SimulatedI2cDevice.RequireReadBuffer(buffer.Length, nameof(buffer));
        Target().Transfer(ReadOnlySpan<byte>.Empty, buffer);
    }

    public override void WriteByte(byte value)
    {
        Span<byte> buffer = stackalloc byte[1];
        buffer[0] = value;
        Write(buffer);
    }

    public override void Write(ReadOnlySpan<byte> buffer) => Target().Transfer(buffer, Span<byte>.Empty);

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        SimulatedI2cDevice.RequireReadBuffer(readBuffer.Length, nameof(readBuffer));
        Target().Transfer(writeBuffer, readBuffer);
    }

    protected override void Dispose(bool disposing)
    {
        if (System.Threading.Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _bus.Release(ConnectionSettings.DeviceAddress);
        }

        base.Dispose(disposing);
    }

    private SimulatedI2cDevice Target()
    {
        if (System.Threading.Volatile.Read(ref _disposed) != 0)
        {
            ThrowHelper.ThrowObjectDisposed(nameof(I2cDevice));
        }

        return _bus.Resolve(ConnectionSettings.DeviceAddress);
    }
}
