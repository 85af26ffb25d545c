using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

[TestClass]
public sealed class CapacityOneSingleTests : BufferContractTests
{
    protected override int Capacity => 1;

    protected override int Producers => 1;

    protected override int Consumers => 1;
}

[TestClass]
public sealed class CapacityOneManyTests : BufferContractTests
{
    protected override int Capacity => 1;

    protected override int Producers => 4;

    protected override int Consumers => 4;
}

[TestClass]
public sealed class SmallSingleTests : BufferContractTests
{
    protected override int Capacity => 4;

    protected override int Producers => 1;

    protected override int Consumers => 1;
}

[TestClass]
public sealed class SmallManyTests : BufferContractTests
{
    protected override int Capacity => 4;

    protected override int Producers => 4;

    protected override int Consumers => 4;
}

[TestClass]
public sealed class LargeSingleTests : BufferContractTests
{
    protected override int Capacity => 1024;

    protected override int Producers => 1;

    protected override int Consumers => 1;
}

[TestClass]
public sealed class LargeManyTests : BufferContractTests
{
    protected override int Capacity => 1024;

    protected override int Producers => 4;

    protected override int Consumers => 4;
}
