using System;
using System.Collections.Generic;

namespace Edge.Emulator.Sensors;

/// <summary>
/// A scripted physical quantity over board time: key points joined by linear or step interpolation. Before the
/// first point the first value holds; after the last point the last value holds. Immutable, so it can be read from
/// any thread while the board runs; evaluation never allocates.
/// </summary>
public sealed class SensorTrack
{
    private readonly long[] _times;
    private readonly double[] _values;

    /// <summary>Creates a track from key points.</summary>
    /// <param name="points">At least one point, in strictly increasing time order, with finite values.</param>
    /// <param name="interpolation">How to fill the time between points.</param>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentException">No points, times not strictly increasing, or a value not finite.</exception>
    public SensorTrack(IEnumerable<SensorPoint> points, TrackInterpolation interpolation = TrackInterpolation.Linear)
    {
        if (points is null)
        {
            ThrowHelper.ThrowArgumentNull(nameof(points));
        }

        if (interpolation != TrackInterpolation.Linear && interpolation != TrackInterpolation.Step)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(interpolation), "Interpolation must be Linear or Step; got " + interpolation + ".");
        }

        var list = new List<SensorPoint>(points);
        if (list.Count == 0)
        {
            ThrowHelper.ThrowArgument(nameof(points), "A sensor track needs at least one point; got none.");
        }

        _times = new long[list.Count];
        _values = new double[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            if (!double.IsFinite(list[i].Value))
            {
                ThrowHelper.ThrowArgument(nameof(points), "Point " + i + " has a value that is not a finite number: " + list[i].Value + ".");
            }

            if (i > 0 && list[i].AtNanoseconds <= list[i - 1].AtNanoseconds)
            {
                ThrowHelper.ThrowArgument(
                    nameof(points),
                    "Point times must increase strictly; point " + i + " is at " + list[i].AtNanoseconds
                    + " ns, point " + (i - 1) + " at " + list[i - 1].AtNanoseconds + " ns.");
            }

            _times[i] = list[i].AtNanoseconds;
            _values[i] = list[i].Value;
        }

        Interpolation = interpolation;
    }

    /// <summary>How the time between points is filled.</summary>
    public TrackInterpolation Interpolation { get; }

    /// <summary>The number of key points.</summary>
    public int Count => _times.Length;

    /// <summary>The smallest value the track takes (at one of its points).</summary>
    public double Minimum
    {
        get
        {
            double min = _values[0];
            foreach (double value in _values)
            {
                min = Math.Min(min, value);
            }

            return min;
        }
    }

    /// <summary>The largest value the track takes (at one of its points).</summary>
    public double Maximum
    {
        get
        {
            double max = _values[0];
            foreach (double value in _values)
            {
                max = Math.Max(max, value);
            }

            return max;
        }
    }

    /// <summary>A key point by index.</summary>
    /// <param name="index">0 to <see cref="Count"/> - 1.</param>
    /// <returns>The point.</returns>
    public SensorPoint this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_times.Length)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(index), "Index must be 0 to " + (_times.Length - 1) + "; got " + index + ".");
            }

            return new SensorPoint(_times[index], _values[index]);
        }
    }

    /// <summary>A track that holds one value for ever.</summary>
    /// <param name="value">The value; must be finite.</param>
    /// <returns>The track.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not finite.</exception>
    public static SensorTrack Constant(double value) => new SensorTrack(new[] { new SensorPoint(0, value) });

    /// <summary>The value at a board time. Never blocks or allocates; safe from any thread.</summary>
    /// <param name="nanoseconds">The board time.</param>
    /// <returns>The interpolated value.</returns>
    public double ValueAt(long nanoseconds)
    {
        int last = _times.Length - 1;
        if (nanoseconds <= _times[0])
        {
            return _values[0];
        }

        if (nanoseconds >= _times[last])
        {
            return _values[last];
        }

        // The last point at or before the time: _times[index] <= nanoseconds < _times[index + 1].
        int found = Array.BinarySearch(_times, nanoseconds);
        int index = found >= 0 ? found : ~found - 1;
        if (found >= 0 || Interpolation == TrackInterpolation.Step)
        {
            return _values[index];
        }

        double fraction = (double)(nanoseconds - _times[index]) / (_times[index + 1] - _times[index]);
        return _values[index] + (fraction * (_values[index + 1] - _values[index]));
    }
}
