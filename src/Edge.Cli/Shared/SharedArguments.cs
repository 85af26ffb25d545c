using System.CommandLine;
using Edge.Pipelines.Shared;

namespace Edge.Cli.Shared;

/// <summary>The <c>NAME</c> argument of <c>edge tap</c> and <c>edge send</c>: a shared mailbox's name, checked as a pipeline's would be.</summary>
internal static class SharedArguments
{
    /// <summary>Makes the argument.</summary>
    public static Argument<string> Name(string description)
    {
        var name = new Argument<string>("NAME") { Description = description };
        name.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && SharedMailboxName.Problem(result.Tokens[0].Value) is string problem)
            {
                result.AddError(problem);
            }
        });
        return name;
    }
}
