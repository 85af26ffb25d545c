namespace Edge.Hosting.Settings;

/// <summary>The boards a settings file may name, as <c>edge run --board</c> takes them.</summary>
public enum BoardKind
{
    /// <summary>The desktop emulator.</summary>
    Emulator,

    /// <summary>A Raspberry Pi, model detected.</summary>
    Rpi,

    /// <summary>A Raspberry Pi 4 (or 3, 400, Zero 2, CM4).</summary>
    Rpi4,

    /// <summary>A Raspberry Pi 5 (or CM5).</summary>
    Rpi5,
}
