namespace Edge.Benchmarks;

/// <summary>Contender names shared by the scenarios.</summary>
internal static class Names
{
    public static string Of(EdgeForm form) => form switch
    {
        EdgeForm.Bytes => "Edge",
        EdgeForm.Typed => "Edge Send<T>",
        _ => "Edge Send<T> stamp passed",
    };
}
