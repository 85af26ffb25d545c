using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests.Gpio;

/// <summary>The edge-delivery contract on the real-time clock (each run takes the scripted milliseconds).</summary>
[TestClass]
public sealed class RealTimeEdgeDeliveryTests : EdgeDeliveryTestBase
{
    protected override EmulatedBoard CreateBoard() => EmulatedBoard.Create(null, virtualTime: false);
}
