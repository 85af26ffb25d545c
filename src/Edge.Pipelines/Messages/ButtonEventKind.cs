namespace Edge.Pipelines.Messages;

/// <summary>What a <see cref="ButtonEvent"/> reports.</summary>
public enum ButtonEventKind
{
    /// <summary>The button went down.</summary>
    Press = 1,

    /// <summary>The button came up.</summary>
    Release = 2,

    /// <summary>A press and release within the click time.</summary>
    Click = 3,

    /// <summary>The pin's watchdog fired: nobody touched the button for its window.</summary>
    Idle = 4,
}
