using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Emulator.Tests.Gpio;

/// <summary>The edge-delivery contract on a virtual clock.</summary>
[TestClass]
public sealed class VirtualTimeEdgeDeliveryTests : EdgeDeliveryTestBase
{
    protected override EmulatedBoard CreateBoard() => EmulatedBoard.Create(null, virtualTime: true);
}
