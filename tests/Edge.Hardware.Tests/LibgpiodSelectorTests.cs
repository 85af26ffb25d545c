using System.Collections.Generic;
using Edge.Hardware.Boards;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Hardware.Tests;

[TestClass]
public sealed class LibgpiodSelectorTests
{
    private static LibgpiodSelector.Api Detect(params string[] present)
    {
        var libraries = new HashSet<string>(present);
        return LibgpiodSelector.Detect(libraries.Contains);
    }

    [TestMethod]
    public void Detect_Libgpiod2x_PicksTheV2Driver() =>
        Assert.AreEqual(LibgpiodSelector.Api.V2, Detect("libgpiod.so.3"));

    [TestMethod]
    public void Detect_Libgpiod1x_PicksTheV1Driver() =>
        Assert.AreEqual(LibgpiodSelector.Api.V1, Detect("libgpiod.so.2"));

    [TestMethod]
    public void Detect_BothInstalled_PrefersV2() =>
        Assert.AreEqual(LibgpiodSelector.Api.V2, Detect("libgpiod.so.2", "libgpiod.so.3"));

    [TestMethod]
    public void Detect_Neither_ReportsMissing() =>
        Assert.AreEqual(LibgpiodSelector.Api.Missing, Detect());
}
