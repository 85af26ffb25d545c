using System;
using System.Device.I2c;

namespace Edge.Emulator.I2c;

/// <summary>
/// Base class of a simulated I2C chip. It is a real <see cref="I2cDevice"/>, so an unmodified dotnet/iot binding
/// can talk to it directly, or through a handle from <see cref="SimulatedI2cBus.CreateDevice"/>. A derived class
/// implements the chip's protocol in <see cref="OnWrite"/> and <see cref="OnRead"/>: each call is one I2C
/// transaction (start condition to stop condition).
/// </summary>
/// <remarks>
/// Transfers are serialised by a per-device lock, as a bus serialises transactions: <see cref="OnWrite"/> and
/// <see cref="OnRead"/> never run concurrently, and a write-then-read (<see cref="WriteRead"/>) is atomic. The
/// I2C methods may block briefly on that lock; they are safe from any thread, including pin-changed callbacks.
/// They never allocate.
/// </remarks>
public abstract class SimulatedI2cDevice : I2cDevice
{
    // Serialises transactions; protects the derived class's register state, which is only touched in OnWrite/OnRead.
    private readonly object _transferLock = new object();
    private volatile bool _disposed;

    /// <summary>Creates the device at the bus and address in <paramref name="settings"/>.</summary>
    /// <param name="settings">Bus id and 7-bit address.</param>
    /// <exception cref="ArgumentNullException"><paramref name="settings"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The address is not a 7-bit address (0x00 to 0x7F) or the bus
    /// id is negative.</exception>
    protected SimulatedI2cDevice(I2cConnectionSettings settings)
    {
        if (settings is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(settings));
        }

        SimulatedI2cBus.ValidateBusId(settings.BusId, nameof(settings));
        SimulatedI2cBus.ValidateAddress(settings.DeviceAddress, nameof(settings));
        ConnectionSettings = settings;
    }

    /// <inheritdoc />
    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <inheritdoc />
    public override byte ReadByte()
    {
        Span<byte> buffer = stackalloc byte[1];
        Read(buffer);
        return buffer[0];
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="buffer"/> is empty.</exception>
    public override void Read(Span<byte> buffer)
    {
        ThrowIfDisposed();
        RequireReadBuffer(buffer.Length, nameof(buffer));
        Transfer(ReadOnlySpan<byte>.Empty, buffer);
    }

    /// <inheritdoc />
    public override void WriteByte(byte value)
    {
        Span<byte> buffer = stackalloc byte[1];
        buffer[0] = value;
        Write(buffer);
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfDisposed();
        Transfer(buffer, Span<byte>.Empty);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="readBuffer"/> is empty.</exception>
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        ThrowIfDisposed();
        RequireReadBuffer(readBuffer.Length, nameof(readBuffer));
        Transfer(writeBuffer, readBuffer);
    }

    /// <summary>One transaction: an optional write, then an optional read (repeated start), under the device lock.</summary>
    internal void Transfer(ReadOnlySpan<byte> write, Span<byte> read)
    {
        lock (_transferLock)
        {
            if (write.Length > 0 || read.Length == 0)
            {
                OnWrite(write);
            }

            if (read.Length > 0)
            {
                OnRead(read);
            }
        }
    }

    internal static void RequireReadBuffer(int length, string paramName)
    {
        if (length == 0)
        {
            ThrowHelper.ThrowArgument(paramName, "The read buffer must hold at least 1 byte; it is empty.");
        }
    }

    /// <summary>
    /// A write transaction: the bytes the controller sent after the address (possibly none, an address probe).
    /// Runs under the device lock; must not block or call into other devices.
    /// </summary>
    /// <param name="data">The bytes written.</param>
    protected abstract void OnWrite(ReadOnlySpan<byte> data);

    /// <summary>
    /// A read transaction: fill <paramref name="buffer"/> with the bytes the chip sends. Runs under the device
    /// lock; must not block or call into other devices.
    /// </summary>
    /// <param name="buffer">The bytes to return; at least 1 long.</param>
    protected abstract void OnRead(Span<byte> buffer);

    /// <inheritdoc />
    /// <remarks>After disposal the I2C methods throw <see cref="ObjectDisposedException"/>; handles from a
    /// <see cref="SimulatedI2cBus"/> keep working, as the chip stays on the bus.</remarks>
    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        base.Dispose(disposing);
    }

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            ThrowHelper.ThrowObjectDisposed(GetType().Name);
        }
    }
}
