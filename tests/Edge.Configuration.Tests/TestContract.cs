using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace Edge.Configuration.Tests;

[ConfigNoun("test file")]
public sealed class TestFile
{
    public required string Name { get; init; }

    public int Count { get; set; } = 3;

    [JsonConverter(typeof(StrictEnumConverter<TestColour>))]
    public TestColour Colour { get; set; } = TestColour.DeepRed;

    public I2cAddress? Address { get; init; }

    public List<TestShape> Shapes { get; set; } = new List<TestShape>();
}

public enum TestColour
{
    DeepRed,
    Green,
}

[ConfigNoun("shape")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TestCircle), "circle")]
[JsonDerivedType(typeof(TestSquare), "square")]
public abstract class TestShape
{
    public string? Label { get; init; }
}

public sealed class TestCircle : TestShape
{
    public required double Radius { get; init; }
}

public sealed class TestSquare : TestShape
{
    public required double Side { get; init; }
}

[JsonSerializable(typeof(TestFile))]
public sealed partial class TestJsonContext : JsonSerializerContext
{
    public static TestJsonContext Strict { get; } = new TestJsonContext(ConfigFile.CreateOptions());
}
