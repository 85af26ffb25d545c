using System;

namespace Edge.Ipc;

/// <summary>
/// The heap-grown part of an unbounded buffer: a deque of messages kept in fixed-size segments, each a small
/// ring of slots. It holds only messages newer than everything in the buffer's reserved ring, and is used
/// only while that ring is full. Not thread-safe: the owning buffer's lock protects it.
/// </summary>
internal sealed class SpillQueue
{
    private readonly int _segmentCapacity;
    private readonly int _slotSize;
    private Segment? _first;
    private Segment? _last;

    internal SpillQueue(int segmentCapacity, int slotSize)
    {
        _segmentCapacity = segmentCapacity;
        _slotSize = slotSize;
    }

    internal int Count { get; private set; }

    internal int Segments { get; private set; }

    /// <summary>A free slot at the back (PushBack) or front (PushFront); false when a new segment cannot be had.</summary>
    internal bool TryReserve(bool front, out SlotStorage storage, out int slot)
    {
        Segment? segment = front ? _first : _last;
        if (segment == null || segment.Count == _segmentCapacity)
        {
            try
            {
                segment = new Segment(new SlotStorage(_segmentCapacity, _slotSize));
            }
            catch (OutOfMemoryException)
            {
                storage = null!;
                slot = -1;
                return false;
            }

            Link(segment, front);
        }

        storage = segment.Storage;
        if (front)
        {
            segment.Head = segment.Head == 0 ? _segmentCapacity - 1 : segment.Head - 1;
            slot = segment.Head;
        }
        else
        {
            slot = (segment.Head + segment.Count) % _segmentCapacity;
        }

        segment.Count++;
        Count++;
        return true;
    }

    /// <summary>The oldest message's slot; the caller copies it out, then calls <see cref="DropFront"/>.</summary>
    internal SlotStorage Front(out int slot)
    {
        slot = _first!.Head;
        return _first.Storage;
    }

    internal void DropFront()
    {
        Segment first = _first!;
        first.Head = first.Head + 1 == _segmentCapacity ? 0 : first.Head + 1;
        first.Count--;
        Count--;
        if (first.Count == 0)
        {
            _first = first.Next;
            if (_first == null)
            {
                _last = null;
            }
            else
            {
                _first.Previous = null;
            }

            Segments--;
        }
    }

    /// <summary>Adds one to every spilled message's sequence number: an urgent message went ahead of them (see SlotRing.Renumber).</summary>
    internal void MoveNumbersUp()
    {
        for (Segment? segment = _first; segment != null; segment = segment.Next)
        {
            int[] meta = segment.Storage.Meta;
            for (int i = 0; i < segment.Count; i++)
            {
                int word = (((segment.Head + i) % _segmentCapacity) * SlotStorage.Stride) + SlotStorage.SequenceWord;
                meta[word] = meta[word] + 1;
            }
        }
    }

    internal void Clear()
    {
        _first = null;
        _last = null;
        Count = 0;
        Segments = 0;
    }

    private void Link(Segment segment, bool front)
    {
        if (_first == null)
        {
            _first = segment;
            _last = segment;
        }
        else if (front)
        {
            segment.Next = _first;
            _first.Previous = segment;
            _first = segment;
        }
        else
        {
            segment.Previous = _last;
            _last!.Next = segment;
            _last = segment;
        }

        Segments++;
    }

    private sealed class Segment
    {
        internal Segment(SlotStorage storage)
        {
            Storage = storage;
        }

        internal readonly SlotStorage Storage;
        internal int Head;
        internal int Count;
        internal Segment? Next;
        internal Segment? Previous;
    }
}
