using System;
using System.IO;
using Edge.Configuration;
using Edge.Ipc;
using Edge.Ipc.Process;
using Edge.Pipelines.Configuration;

namespace Edge.Pipelines.Shared;

/// <summary>
/// A shared mailbox's two segments, made by the pipeline that declares it: the mailbox <c>edge.NAME</c> and its tap
/// <c>edge.NAME.tap</c>, where every receiver posts a copy of what it takes, for <c>edge tap</c>.
/// </summary>
internal sealed class SharedSegments
{
    /// <summary>The tap's slots: when nobody watches, or a watcher is slow, the oldest copies are dropped.</summary>
    public const int TapCapacity = 256;

    private SharedSegments(string name, SharedMailbox mailbox, SharedMailbox tap)
    {
        Name = name;
        Mailbox = mailbox;
        Tap = tap;
    }

    /// <summary>The mailbox's name.</summary>
    public string Name { get; }

    /// <summary>The mailbox segment.</summary>
    public SharedMailbox Mailbox { get; }

    /// <summary>The tap segment.</summary>
    public SharedMailbox Tap { get; }

    /// <summary>
    /// Creates both segments for <paramref name="spec"/>. One left behind by a process that is gone is replaced;
    /// one whose creator still runs is refused.
    /// </summary>
    /// <exception cref="SharedSegmentException">A segment of that name belongs to a running process, or is not a segment.</exception>
    /// <exception cref="ConfigurationException">The group does not exist.</exception>
    public static SharedSegments Create(string file, MailboxSpec spec, int slotSize)
    {
        SharedMailbox mailbox = CreateOne(file, spec, spec.Name, spec.Capacity, slotSize, spec.Overflow);
        try
        {
            return new SharedSegments(spec.Name, mailbox, CreateOne(file, spec, SharedMailboxName.TapOf(spec.Name), TapCapacity, slotSize, OverflowPolicy.DropOldest));
        }
        catch
        {
            mailbox.Dispose();
            SharedMailbox.Delete(spec.Name);
            throw;
        }
    }

    private static SharedMailbox CreateOne(string file, MailboxSpec spec, string name, int capacity, int slotSize, OverflowPolicy overflow)
    {
        string path = SharedMailbox.PathOf(name);
        if (File.Exists(path))
        {
            RefuseIfInUse(path, spec);
        }

        try
        {
            return SharedMailbox.Create(name, new SharedMailboxOptions
            {
                Capacity = capacity,
                SlotSize = slotSize,
                Overflow = overflow,
                Group = spec.Group,
                ReplaceExisting = true,
            });
        }
        catch (ArgumentException ex) when (spec.Group != null)
        {
            throw new ConfigurationException(file, spec.Entry + ".group", "no group named \"" + spec.Group + "\" exists on this system; name one that getent group lists, or leave group out for mode 0600.", ex);
        }
    }

    /// <summary>Refuses a segment whose creator still runs; a left-behind one (creator gone) may be replaced.</summary>
    private static void RefuseIfInUse(string path, MailboxSpec spec)
    {
        int pid;
        try
        {
            using SharedMailbox existing = SharedMailbox.OpenPath(path);
            if (!existing.IsCreatorAlive)
            {
                return;
            }

            pid = existing.CreatorProcessId;
        }
        catch (SharedSegmentException) when (!File.Exists(path))
        {
            return; // removed meanwhile
        }

        throw new SharedSegmentException(path, "shared mailbox \"" + spec.Name + "\" is in use: process " + pid + ", which created it, is running; stop that process or give this pipeline's mailbox another name");
    }

    /// <summary>Closes and removes both segments: processes still attached wake with Closed (receivers first take what is queued).</summary>
    public void Delete()
    {
        DeleteIfOurs(Mailbox);
        DeleteIfOurs(Tap);
    }

    /// <summary>Closes <paramref name="segment"/> and removes its file unless another segment has replaced it under that name.</summary>
    private static void DeleteIfOurs(SharedMailbox segment)
    {
        segment.Close();
        try
        {
            using SharedMailbox now = SharedMailbox.OpenPath(segment.Path);
            if (now.Generation == segment.Generation)
            {
                File.Delete(segment.Path);
            }
        }
        catch (SharedSegmentException)
        {
            // Gone already, or replaced by something that is not ours.
        }

        segment.Dispose();
    }
}
