using System;
using System.Collections.Generic;

namespace Edge.Cli.Top;

/// <summary>A consistent copy of the dashboard's rows for drawing.</summary>
/// <param name="Mailboxes">The mailboxes, by pipeline and name.</param>
/// <param name="Pins">The pins, by pipeline and number.</param>
/// <param name="Collections">How many collections the process has published.</param>
/// <param name="LastCollection">When the last one arrived (UTC), or null.</param>
internal sealed record DashboardSnapshot(IReadOnlyList<MailboxRow> Mailboxes, IReadOnlyList<PinRow> Pins, int Collections, DateTime? LastCollection);
