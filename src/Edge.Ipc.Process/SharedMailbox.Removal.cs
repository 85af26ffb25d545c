using System;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace Edge.Ipc.Process;

/// <summary>
/// Removal: a mailbox whose file loses its name (<c>rm</c>, <c>mv</c>, another program's unlink) is closed, so
/// that every process still attached wakes with Closed instead of waiting on a mailbox nobody can open any more.
/// </summary>
/// <remarks>
/// Each attached process watches the name with a <see cref="FileSystemWatcher"/> (inotify; .NET shares one
/// instance among a process's watchers). An event for the name is only a hint: the handler looks up the name
/// again and closes the mailbox only when the name is gone or now names another file, so events for an older
/// segment of the same name, or a name that comes back, change nothing. Whichever attached process sees the
/// removal first closes the segment for all of them.
/// </remarks>
public sealed unsafe partial class SharedMailbox
{
    /// <summary>Orders the removal handler against <see cref="Dispose"/>: the handler never touches an unmapped segment.</summary>
    private readonly object _gate = new();

    private FileIdentity _identity;
    private FileSystemWatcher? _nameWatch;
    private volatile bool _named;

    /// <summary>Starts watching the mailbox's name; events count only once <see cref="WatchNamed"/> says the name is ours.</summary>
    private void WatchName(FileIdentity identity)
    {
        _identity = identity;
        var watch = new FileSystemWatcher(SegmentDirectory, System.IO.Path.GetFileName(Path)) { NotifyFilter = NotifyFilters.FileName };
        watch.Deleted += OnNameChanged;
        watch.Renamed += OnNameChanged;
        try
        {
            watch.EnableRaisingEvents = true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            watch.Dispose();
            throw new SharedSegmentException(Path, "cannot watch its name for removal (inotify: " + exception.Message + "; see fs.inotify.max_user_watches and max_user_instances)");
        }

        _nameWatch = watch;
    }

    /// <summary>The file is now published under its name: from here a lost name closes the mailbox, including a loss before this call.</summary>
    private void WatchNamed()
    {
        _named = true;
        CloseIfNameLost();
    }

    private void OnNameChanged(object sender, FileSystemEventArgs e) => CloseIfNameLost();

    private void CloseIfNameLost()
    {
        lock (_gate)
        {
            if (_named && _base != null && !NameIsOurs())
            {
                Close();
            }
        }
    }

    /// <summary>Whether <see cref="Path"/> still names the mapped file; only a name that is gone or names another file counts as lost.</summary>
    private bool NameIsOurs()
    {
        Native.Statx status;
        if (Native.StatxCall(Native.AtCurrentDirectory, Path, 0, Native.StatxBasicStats, &status) != 0)
        {
            return Native.LastError != Native.ENOENT;
        }

        return FileIdentity.Of(status) == _identity;
    }

    /// <summary>Stops the watch after <see cref="Dispose"/> has unmapped the segment (outside the gate: a handler may be waiting on it).</summary>
    private void StopWatch()
    {
        FileSystemWatcher? watch = _nameWatch;
        _nameWatch = null;
        watch?.Dispose();
    }

    /// <summary>A file's device and inode: what a name points at.</summary>
    private readonly record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode)
    {
        internal static FileIdentity Of(in Native.Statx status) => new(status.DeviceMajor, status.DeviceMinor, status.Inode);

        internal static FileIdentity Of(string path, SafeFileHandle handle)
        {
            Native.Statx status;
            if (Native.StatxCall((int)handle.DangerousGetHandle(), string.Empty, Native.AtEmptyPath, Native.StatxBasicStats, &status) != 0)
            {
                throw new SharedSegmentException(path, "cannot read its inode: " + Native.ErrorText(Native.LastError));
            }

            return Of(status);
        }
    }
}
