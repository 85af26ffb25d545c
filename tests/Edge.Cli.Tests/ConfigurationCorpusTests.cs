using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Edge.Hosting;
using Json.Schema;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Cli.Tests;

/// <summary>
/// Bad input, through the real <c>edge</c> process: every bad file of Corpus/ and every bad command line of
/// Corpus/cases.json ends with its exact one-line message and exit code, nothing on standard output (board profiles,
/// pipelines, scenarios and settings files, the last through <c>--config</c>). The published
/// JSON Schemas agree with the loader: every shipped file is valid, and each bad file is invalid to the schema
/// unless the case says its fault is one a schema cannot express (a name that is not declared, a loop, a pin the
/// board lacks).
/// </summary>
[TestClass]
public sealed class ConfigurationCorpusTests
{
    private static readonly string s_corpus = Path.Combine(AppContext.BaseDirectory, "Corpus");
    private static readonly string s_hardware = HardwareLocator.Find()!;
    private static readonly Dictionary<string, JsonSchema> s_schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);

    public static IEnumerable<object[]> BadFiles()
    {
        using JsonDocument cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_corpus, "cases.json")));
        foreach (JsonElement c in cases.RootElement.GetProperty("files").EnumerateArray())
        {
            yield return new object[] { c.GetProperty("file").GetString()!, c.GetProperty("schemaValid").GetBoolean(), c.GetProperty("error").GetString()! };
        }
    }

    public static IEnumerable<object[]> BadCommandLines()
    {
        using JsonDocument cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(s_corpus, "cases.json")));
        foreach (JsonElement c in cases.RootElement.GetProperty("commandLines").EnumerateArray())
        {
            var args = new List<string>();
            foreach (JsonElement a in c.GetProperty("args").EnumerateArray())
            {
                args.Add(a.GetString()!);
            }

            yield return new object[] { string.Join(' ', args), args.ToArray(), c.GetProperty("exitCode").GetInt32(), c.GetProperty("error").GetString()! };
        }
    }

    public static IEnumerable<object[]> ShippedFiles()
    {
        foreach (string folder in new[] { "boards", "pipelines", "scenarios", "settings" })
        {
            foreach (string file in Directory.GetFiles(Path.Combine(s_hardware, folder), "*.json"))
            {
                yield return new object[] { folder + "/" + Path.GetFileName(file) };
            }
        }
    }

    [TestMethod]
    public void Corpus_Size_AtLeastSixtyFilesAndTwentyCommandLines()
    {
        Assert.IsGreaterThanOrEqualTo(60, new List<object[]>(BadFiles()).Count);
        Assert.IsGreaterThanOrEqualTo(20, new List<object[]>(BadCommandLines()).Count);
    }

    [TestMethod]
    [DynamicData(nameof(BadFiles))]
    public void Run_BadFile_ExitsTwoWithItsOneLineMessage(string file, bool schemaValid, string expected)
    {
        string path = Path.Combine(s_corpus, file);
        string option = file.Substring(0, file.IndexOf('/')) switch
        {
            "pipelines" => "--pipeline",
            "scenarios" => "--scenario",
            "settings" => "--config",
            _ => "--profile",
        };

        CliResult result = EdgeProcess.Run("run", option, path, "--duration", "1s");

        Assert.AreEqual(2, result.ExitCode, result.Error);
        Assert.AreEqual(Expand(expected) + "\n", result.Error);
        Assert.AreEqual(string.Empty, result.Output, "nothing may start before the input is checked");
    }

    [TestMethod]
    [DynamicData(nameof(BadFiles))]
    public void Schema_BadFile_AgreesWithTheLoader(string file, bool schemaValid, string expected)
    {
        string kind = file.Substring(0, file.IndexOf('/'));

        bool valid = IsValid(kind, File.ReadAllText(Path.Combine(s_corpus, file)), out string why);

        Assert.AreEqual(schemaValid, valid, file + (valid ? " passes the schema, yet the loader says: " + expected : " fails the schema: " + why));
    }

    [TestMethod]
    [DynamicData(nameof(BadCommandLines))]
    public void Run_BadCommandLine_ExitsWithItsOneLineMessage(string name, string[] args, int exitCode, string expected)
    {
        string[] expanded = Array.ConvertAll(args, Expand);

        CliResult result = EdgeProcess.Run(expanded);

        Assert.AreEqual(exitCode, result.ExitCode, name + ": " + result.Error);
        Assert.AreEqual(Expand(expected) + "\n", result.Error, name);
        Assert.AreEqual(string.Empty, result.Output, name);
    }

    [TestMethod]
    [DynamicData(nameof(ShippedFiles))]
    public void Schema_ShippedFile_IsValidAndPointsAtItsSchema(string file)
    {
        string kind = file.Substring(0, file.IndexOf('/'));
        string text = File.ReadAllText(Path.Combine(s_hardware, file));

        Assert.IsTrue(IsValid(kind, text, out string why), file + ": " + why);
        using JsonDocument doc = JsonDocument.Parse(text);
        Assert.AreEqual("../schemas/" + SchemaName(kind), doc.RootElement.GetProperty("$schema").GetString());
    }

    private static string Expand(string text) => text.Replace("{corpus}", s_corpus, StringComparison.Ordinal).Replace("{hardware}", s_hardware, StringComparison.Ordinal);

    private static string SchemaName(string kind) => kind switch
    {
        "boards" => "board.schema.json",
        "pipelines" => "pipeline.schema.json",
        "settings" => "settings.schema.json",
        _ => "scenario.schema.json",
    };

    /// <summary>
    /// What a schema-aware editor would say: the text must be JSON (comments allowed, as the loader allows them; a key
    /// given twice refused, as the loader refuses it) and must validate against the published schema.
    /// </summary>
    private static bool IsValid(string kind, string text, out string why)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowDuplicateProperties = false });
        }
        catch (JsonException ex)
        {
            why = "not JSON: " + ex.Message;
            return false;
        }

        using (doc)
        {
            JsonSchema schema;
            lock (s_schemas)
            {
                if (!s_schemas.TryGetValue(kind, out schema!))
                {
                    schema = JsonSchema.FromFile(Path.Combine(s_hardware, "schemas", SchemaName(kind)));
                    s_schemas[kind] = schema;
                }
            }

            EvaluationResults results = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            why = results.IsValid ? string.Empty : Describe(results);
            return results.IsValid;
        }
    }

    private static string Describe(EvaluationResults results)
    {
        var lines = new List<string>();
        foreach (EvaluationResults d in results.Details ?? new List<EvaluationResults>())
        {
            if (d.Errors != null)
            {
                foreach (KeyValuePair<string, string> e in d.Errors)
                {
                    lines.Add(d.InstanceLocation + ": " + e.Value);
                }
            }
        }

        return string.Join("; ", lines);
    }
}
