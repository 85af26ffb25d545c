namespace Edge.Emulator.Sensors;

/// <summary>How a <see cref="SensorTrack"/> fills the time between its key points.</summary>
public enum TrackInterpolation
{
    /// <summary>A straight line between neighbouring points: slowly varying quantities.</summary>
    Linear = 0,

    /// <summary>Each point's value holds until the next point: sudden changes.</summary>
    Step = 1,
}
