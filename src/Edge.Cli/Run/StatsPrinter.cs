using System.Globalization;
using System.IO;
using Edge.Hosting;

namespace Edge.Cli.Run;

/// <summary>Prints a <see cref="PipelineHealth"/> as the stats line, in the console sinks' layout so it reads in line with them.</summary>
internal static class StatsPrinter
{
    public static void Write(PipelineHealth h, TextWriter writer)
    {
        string time = (h.TimeNanoseconds / 1e9).ToString("F3", CultureInfo.InvariantCulture).PadLeft(8);
        writer.WriteLine(string.Format(
            CultureInfo.InvariantCulture,
            "[{0} s] {1} delivered {2} (+{3} in {4}), dropped {5} (+{6}), fullest {7} {8}/{9} (high {10}), GPIO edges {11} (dropped {12}), readings {13}, failed tasks {14}",
            time,
            "stats".PadRight(10),
            h.Delivered,
            h.DeliveredSinceLast,
            DurationText.Seconds(h.IntervalNanoseconds),
            h.Dropped,
            h.DroppedSinceLast,
            h.Deepest,
            h.Depth,
            h.Capacity,
            h.HighWater,
            h.EdgesSeen,
            h.EdgesDropped,
            h.Readings,
            h.FailedTasks));
    }
}
