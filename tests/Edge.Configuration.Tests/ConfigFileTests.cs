using System;
using System.IO;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Configuration.Tests;

/// <summary>The one strict way files are bound, and the messages it gives for each kind of mistake.</summary>
[TestClass]
public sealed class ConfigFileTests
{
    private static TestFile Bind(string json) => ConfigFile.Bind(json, "t.json", TestJsonContext.Strict.TestFile);

    private static string Fail(string json) => Assert.ThrowsExactly<ConfigurationException>(() => Bind(json)).Message;

    [TestMethod]
    public void Bind_Valid_KeepsDefaultsOfMissingProperties()
    {
        TestFile f = Bind("""{ "name": "a", /* comments are allowed */ "shapes": [ { "kind": "circle", "radius": 2 } ], }""");

        Assert.AreEqual(3, f.Count);
        Assert.AreEqual(TestColour.DeepRed, f.Colour);
        Assert.IsInstanceOfType<TestCircle>(f.Shapes[0]);
    }

    [TestMethod]
    [DataRow("""{ "name": "a", "colour": "green", "address": "0x77" }""", "green, 0x77")]
    [DataRow("""{ "name": "a", "address": 118 }""", "deepRed, 0x76")]
    public void Bind_EnumsByNameAndAddresses_AreRead(string json, string expected)
    {
        TestFile f = Bind(json);

        Assert.AreEqual(expected, (f.Colour == TestColour.Green ? "green" : "deepRed") + ", " + f.Address);
    }

    [TestMethod]
    [DataRow("""{ "name": "a", "colour": "Green" }""", "t.json: colour: must be one of deepRed, green; got \"Green\".")]
    [DataRow("""{ "name": "a", "colour": 1 }""", "t.json: colour: must be one of deepRed, green; got 1.")]
    [DataRow("""{ "name": "a", "Name": "b" }""", "t.json: Name: is not a property of a test file, which takes: name, count, colour, address, shapes.")]
    [DataRow("""{ "name": "a", "count": 1, "count": 2 }""", "t.json: count: appears more than once; each property may be given once.")]
    [DataRow("""{ "count": 1 }""", "t.json: name: is required but missing.")]
    [DataRow("""{ "name": null }""", "t.json: name: must be a string; got null.")]
    [DataRow("""{ "name": "a", "count": 1.5 }""", "t.json: count: must be a whole number; got 1.5.")]
    [DataRow("""{ "name": "a", "count": "1" }""", "t.json: count: must be a whole number; got \"1\".")]
    [DataRow("""{ "name": "a", "shapes": {} }""", "t.json: shapes: must be an array; got an object.")]
    [DataRow("""{ "name": "a", "shapes": [ { "radius": 1 } ] }""", "t.json: shapes[0].kind: is required but missing; it must be one of circle, square.")]
    [DataRow("""{ "name": "a", "shapes": [ { "kind": "oval" } ] }""", "t.json: shapes[0].kind: must be one of circle, square; got \"oval\".")]
    [DataRow("""{ "name": "a", "shapes": [ { "side": 1, "kind": "square", "radius": 1 } ] }""", "t.json: shapes[0].radius: is not a property of a square shape, which takes: kind, label, side.")]
    [DataRow("""{ "name": "a", "shapes": [ { "kind": "circle" } ] }""", "t.json: shapes[0].radius: is required but missing.")]
    [DataRow("""{ "name": "a", "address": "0x7" }""", "t.json: address: must be a 7-bit I2C address, as a number (118) or \"0x\" and two hex digits (\"0x76\"); got \"0x7\".")]
    [DataRow("""{ "name": "a", "address": 128 }""", "t.json: address: must be a 7-bit I2C address, as a number (118) or \"0x\" and two hex digits (\"0x76\"); got 128.")]
    [DataRow("""[ ]""", "t.json: (root): must be a JSON object; got an array.")]
    [DataRow("""null""", "t.json: (root): must be a JSON object; got null.")]
    [DataRow("   ", "t.json: (json): is empty; expected a JSON object.")]
    [DataRow("{ \"name\": \"a\",\n  \"count\" 2 }", "t.json: (json): is not valid JSON at line 2, byte 11: '2' is invalid after a property name. Expected a ':'.")]
    public void Bind_Mistake_NamesEntryAndProblemInOneLine(string json, string expected)
    {
        Assert.AreEqual(expected, Fail(json));
    }

    [TestMethod]
    public void ReadText_Directory_IsRefusedNamingIt()
    {
        string dir = Path.GetTempPath();

        var ex = Assert.ThrowsExactly<ConfigurationException>(() => ConfigFile.ReadText(dir));

        Assert.AreEqual(dir + ": (file): is a directory; expected a JSON file.", ex.Message);
    }

    [TestMethod]
    public void ReadText_Missing_SaysSo()
    {
        string path = Path.Combine(Path.GetTempPath(), "edge-missing-" + Guid.NewGuid().ToString("N") + ".json");

        Assert.AreEqual(path + ": (file): does not exist.", Assert.ThrowsExactly<ConfigurationException>(() => ConfigFile.ReadText(path)).Message);
    }

    [TestMethod]
    public void ReadText_EndlessDevice_StopsAtTheLimit()
    {
        // Steps: read /dev/zero, which never ends. Expected: refused at the size limit instead of reading forever.
        if (!File.Exists("/dev/zero"))
        {
            Assert.Inconclusive("No /dev/zero on this system.");
        }

        var ex = Assert.ThrowsExactly<ConfigurationException>(() => ConfigFile.ReadText("/dev/zero"));

        Assert.AreEqual("/dev/zero: (file): is larger than 4 MiB; a configuration file is small JSON text.", ex.Message);
    }

    [TestMethod]
    public void ReadText_EmptyPath_IsMisuse()
    {
        Assert.ThrowsExactly<ArgumentException>(() => ConfigFile.ReadText(string.Empty));
    }
}
