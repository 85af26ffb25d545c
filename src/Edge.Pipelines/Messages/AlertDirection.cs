namespace Edge.Pipelines.Messages;

/// <summary>Which side of its band a threshold alarm is about.</summary>
public enum AlertDirection : byte
{
    /// <summary>The field rose above the <c>above</c> level.</summary>
    Above = 1,

    /// <summary>The field fell below the <c>below</c> level.</summary>
    Below = 2,
}
