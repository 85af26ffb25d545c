using System.Collections.Generic;
using Edge.Ipc;
using Edge.Pipelines;

namespace Edge.Hosting.Service;

/// <summary>
/// Tells whether a running pipeline makes progress: between two checks, every stage and sink that had work (messages
/// in its mailbox, or one taken and not yet handled) must have handled at least one message. A task that had work at
/// the previous check and handled nothing since is stuck (a sink blocked writing, a stage in a loop). Feeds the
/// systemd watchdog: while a task is stuck, the watchdog is not fed, and systemd restarts the service.
/// </summary>
public sealed class ProgressMonitor
{
    private readonly Pipeline _pipeline;
    private readonly IReadOnlyList<PipelineNode> _nodes;
    private readonly long[] _processed;
    private readonly bool[] _hadWork;

    /// <summary>Watches <paramref name="pipeline"/>; the first <see cref="Check"/> compares with now.</summary>
    /// <param name="pipeline">A started pipeline.</param>
    public ProgressMonitor(Pipeline pipeline)
    {
        System.ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
        _nodes = pipeline.Nodes;
        _processed = new long[_nodes.Count];
        _hadWork = new bool[_nodes.Count];
        Check();
    }

    /// <summary>Compares with the previous check.</summary>
    /// <returns>Null when every task with work made progress; otherwise which one is stuck and with how much waiting.</returns>
    /// <remarks>Never blocks; call from one thread.</remarks>
    public string? Check()
    {
        string? stuck = null;
        for (int i = 0; i < _nodes.Count; i++)
        {
            PipelineNode node = _nodes[i];
            BufferStatistics st = _pipeline.Runtime.GetMailbox(node.From).GetStatistics();
            long processed = node.Processed;
            bool hasWork = st.Depth > 0 || st.Received > processed;
            if (stuck == null && _hadWork[i] && hasWork && processed == _processed[i])
            {
                stuck = "task '" + node.Name + "' has handled nothing since the last check, with " + st.Depth + " message(s) waiting in '" + node.From + "'";
            }

            _processed[i] = processed;
            _hadWork[i] = hasWork;
        }

        return stuck;
    }
}
