using System.Threading;

namespace Edge.Ipc;

/// <summary>
/// The pending timeouts of tasks waiting on a virtual clock (see <see cref="ITimerClock"/>), in the order they
/// fall due: by deadline, then by the order they were set. The clock calls <see cref="ExpireUpTo"/> each time it
/// moves, and every wait whose deadline has come ends with <see cref="IpcStatus.TimedOut"/>, unless a completer
/// claimed it first.
/// </summary>
/// <remarks>
/// Each task reserves its one timer entry with its waiter, so setting a timeout never allocates. A wait takes its
/// entry off the list before it returns, under the list's lock, and a timeout fires only under that lock, so a
/// timer can never end a later wait of the same task. A deadline that has already passed when the wait sets it
/// (the clock moved meanwhile) fires at once.
/// </remarks>
public sealed class TimerList
{
    private readonly object _sync = new object();
    private readonly IClock _clock;
    private TimerEntry? _first;
    private int _count;

    /// <summary>Creates the list for <paramref name="clock"/>, whose time the deadlines are on.</summary>
    /// <param name="clock">The virtual clock that owns the list.</param>
    public TimerList(IClock clock)
    {
        if (clock == null)
        {
            ThrowHelper.ThrowArgumentNull("clock");
        }

        _clock = clock!;
    }

    /// <summary>How many timeouts are pending.</summary>
    public int Count
    {
        get
        {
            Monitor.Enter(_sync);
            try
            {
                return _count;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }
    }

    /// <summary>The earliest pending deadline, in the clock's nanoseconds, or <see cref="long.MaxValue"/> when none is pending.</summary>
    public long NextDue
    {
        get
        {
            Monitor.Enter(_sync);
            try
            {
                return _first == null ? long.MaxValue : _first.Due;
            }
            finally
            {
                Monitor.Exit(_sync);
            }
        }
    }

    /// <summary>The clock's time now.</summary>
    internal long Now => _clock.NowNanoseconds;

    /// <summary>
    /// Ends every wait whose deadline is at or before <paramref name="nanoseconds"/> with a timeout, earliest first,
    /// and returns how many ended. Called by the clock after it moved; never blocks for long.
    /// </summary>
    /// <param name="nanoseconds">The clock's new time.</param>
    public int ExpireUpTo(long nanoseconds)
    {
        int fired = 0;
        Monitor.Enter(_sync);
        try
        {
            while (_first != null && _first.Due <= nanoseconds)
            {
                TimerEntry entry = _first;
                Unlink(entry);
                entry.Owner.Expire();
                fired++;
            }
        }
        finally
        {
            Monitor.Exit(_sync);
        }

        return fired;
    }

    /// <summary>
    /// Sets <paramref name="entry"/> to fire at <paramref name="due"/>. Returns false, setting nothing, when the
    /// clock already reads <paramref name="due"/> or later: the wait has timed out.
    /// </summary>
    internal bool Add(TimerEntry entry, long due)
    {
        Monitor.Enter(_sync);
        try
        {
            // The clock is read under the lock: a clock that moved past the deadline before this either
            // expires the list after this (and finds the entry) or is seen here.
            if (_clock.NowNanoseconds >= due)
            {
                return false;
            }

            entry.Due = due;
            TimerEntry? before = null;
            TimerEntry? after = _first;
            while (after != null && after.Due <= due)
            {
                before = after;
                after = after.Next;
            }

            entry.Previous = before;
            entry.Next = after;
            if (before == null)
            {
                _first = entry;
            }
            else
            {
                before.Next = entry;
            }

            if (after != null)
            {
                after.Previous = entry;
            }

            entry.Linked = true;
            _count++;
            return true;
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    /// <summary>Takes <paramref name="entry"/> off the list if it is still on it. After this returns, it cannot fire.</summary>
    internal void Remove(TimerEntry entry)
    {
        Monitor.Enter(_sync);
        try
        {
            if (entry.Linked)
            {
                Unlink(entry);
            }
        }
        finally
        {
            Monitor.Exit(_sync);
        }
    }

    private void Unlink(TimerEntry entry)
    {
        if (entry.Previous == null)
        {
            _first = entry.Next;
        }
        else
        {
            entry.Previous.Next = entry.Next;
        }

        if (entry.Next != null)
        {
            entry.Next.Previous = entry.Previous;
        }

        entry.Next = null;
        entry.Previous = null;
        entry.Linked = false;
        _count--;
    }
}

/// <summary>One task's place in a <see cref="TimerList"/>, reserved with its waiter. Links change only under the list's lock.</summary>
internal sealed class TimerEntry
{
    internal TimerEntry(Waiter owner)
    {
        Owner = owner;
    }

    internal readonly Waiter Owner;
    internal long Due;
    internal TimerEntry? Next;
    internal TimerEntry? Previous;
    internal bool Linked;
}
