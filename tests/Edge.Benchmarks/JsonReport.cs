using System;
using System.Collections.Generic;
using System.Linq;
using System.IO;
using System.Text.Json;

namespace Edge.Benchmarks;

/// <summary>
/// Writes the machine-readable report: one entry per scenario metric with Edge's median, its bytes per
/// message, per peer the median, the ratio Edge / peer and the peer's bytes per message, and per other Edge
/// form (variant) its median and bytes per message. With a peer process, each contender's bytes per message in
/// that process too (edgePeerBytesPerMessage, peerBytesPerMessage); with a target, the target and whether it was met.
/// </summary>
internal static class JsonReport
{
    public static void Write(string path, IReadOnlyList<ScenarioResult> results)
    {
        using FileStream stream = File.Create(path);
        using Utf8JsonWriter json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartArray("scenarios");
        foreach (ScenarioResult result in results)
        {
            ContenderResult edge = result.Edge;
            for (int m = 0; m < result.Metrics.Count; m++)
            {
                Metric metric = result.Metrics[m];
                json.WriteStartObject();
                json.WriteString("name", metric.Name);
                json.WriteString("unit", metric.Unit);
                json.WriteBoolean("higherIsBetter", metric.HigherIsBetter);
                json.WriteNumber("edge", Round(edge.Medians[m]));
                json.WriteNumber("edgeBytesPerMessage", edge.BytesPerMessage);
                WritePeerBytes(json, "edgePeerBytesPerMessage", edge);
                json.WriteStartObject("peers");
                foreach (ContenderResult peer in result.Peers)
                {
                    json.WriteStartObject(peer.Name);
                    json.WriteNumber("value", Round(peer.Medians[m]));
                    json.WriteNumber("ratio", Round(edge.Medians[m] / peer.Medians[m]));
                    json.WriteNumber("bytesPerMessage", peer.BytesPerMessage);
                    WritePeerBytes(json, "peerBytesPerMessage", peer);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                if (metric.Target != null)
                {
                    ContenderResult against = result.Peers.Single(p => p.Name == metric.Target.Peer);
                    json.WriteStartObject("target");
                    json.WriteString("peer", metric.Target.Peer);
                    json.WriteNumber("ratio", metric.Target.Ratio);
                    json.WriteNumber("aim", metric.Target.Aim);
                    json.WriteBoolean("met", metric.Target.IsMet(edge.Medians[m] / against.Medians[m], metric.HigherIsBetter));
                    json.WriteEndObject();
                }

                json.WriteStartObject("variants");
                foreach (ContenderResult variant in result.Contenders)
                {
                    if (variant.Role == ContenderRole.EdgeVariant)
                    {
                        json.WriteStartObject(variant.Name);
                        json.WriteNumber("value", Round(variant.Medians[m]));
                        json.WriteNumber("bytesPerMessage", variant.BytesPerMessage);
                        json.WriteEndObject();
                    }
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePeerBytes(Utf8JsonWriter json, string name, ContenderResult contender)
    {
        if (contender.PeerBytesPerMessage.HasValue)
        {
            json.WriteNumber(name, contender.PeerBytesPerMessage.Value);
        }
    }

    /// <summary>Three decimals are plenty for rates, times and ratios; bytes per message are written exactly, so that a small nonzero is not shown as 0.</summary>
    private static double Round(double value) => Math.Round(value, 3);
}
