using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Configuration.Tests;

/// <summary>The wording of the semantic checks, the same for every file kind.</summary>
[TestClass]
public sealed class ConfigCheckTests
{
    private readonly ConfigCheck _check = new ConfigCheck("f.json");

    [TestMethod]
    public void WholeNumber_OutOfRange_NamesTheRangeAndUnit() =>
        Assert.AreEqual(
            "f.json: a.b: must be a whole number from 1 to 9 ms; got 10.",
            Assert.ThrowsExactly<ConfigurationException>(() => _check.WholeNumber(10, "a.b", 1, 9, "ms")).Message);

    [TestMethod]
    public void Number_NaN_IsRefused() =>
        Assert.AreEqual(
            "f.json: x: must be a number from 0 to 1; got NaN.",
            Assert.ThrowsExactly<ConfigurationException>(() => _check.Number(double.NaN, "x", 0, 1)).Message);

    [TestMethod]
    public void NumberAbove_AtTheBound_IsRefused() =>
        Assert.AreEqual(
            "f.json: x: must be a number greater than 0 and at most 5; got 0.",
            Assert.ThrowsExactly<ConfigurationException>(() => _check.NumberAbove(0, "x", 0, 5)).Message);

    [TestMethod]
    public void Name_TooLong_SaysHowLong() =>
        Assert.AreEqual(
            "f.json: n: \"abcd\" has 4 characters; at most 3 are allowed.",
            Assert.ThrowsExactly<ConfigurationException>(() => _check.Name("abcd", "n", 3)).Message);

    [TestMethod]
    public void Checks_InRange_ReturnTheValue()
    {
        Assert.AreEqual(5L, _check.WholeNumber(5, "a", 1, 9));
        Assert.AreEqual(0.5, _check.Number(0.5, "a", 0, 1));
        Assert.AreEqual("ok", _check.Name("ok", "a", 3));
    }
}
