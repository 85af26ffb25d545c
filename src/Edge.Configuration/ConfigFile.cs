using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Edge.Configuration;

/// <summary>
/// Reads configuration files the one way every Edge file is read: System.Text.Json source-generated contracts,
/// strict (unknown properties and duplicate keys refused, names case-sensitive as the schemas spell them, enums by
/// name, required properties required, no nulls where a value is expected), comments and trailing commas allowed.
/// Every failure becomes one <see cref="ConfigurationException"/> naming the file, the entry and the problem.
/// </summary>
public static class ConfigFile
{
    /// <summary>The largest configuration file read: 4 MiB.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The options every configuration contract is generated with. Pass a fresh instance to a generated
    /// <see cref="JsonSerializerContext"/>'s constructor.
    /// </summary>
    /// <returns>New options.</returns>
    public static JsonSerializerOptions CreateOptions() => new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        AllowOutOfOrderMetadataProperties = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        NumberHandling = JsonNumberHandling.Strict,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 32,
    };

    /// <summary>Reads a configuration file's text.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The text.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty (the caller names the option).</exception>
    /// <exception cref="ConfigurationException">The file is missing, a directory, unreadable or too large.</exception>
    public static string ReadText(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new ConfigurationException(path, "(file)", "is a directory; expected a JSON file.");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
            var bytes = new byte[MaxBytes + 1];
            int total = 0;
            int read;
            while (total < bytes.Length && (read = stream.Read(bytes, total, bytes.Length - total)) > 0)
            {
                total += read;
            }

            if (total > MaxBytes)
            {
                throw new ConfigurationException(path, "(file)", "is larger than " + (MaxBytes / 1024 / 1024) + " MiB; a configuration file is small JSON text.");
            }

            return new UTF8Encoding(false, false).GetString(bytes, 0, total).TrimStart('\uFEFF');
        }
        catch (FileNotFoundException ex)
        {
            throw new ConfigurationException(path, "(file)", "does not exist.", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new ConfigurationException(path, "(file)", "does not exist (no such folder).", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ConfigurationException(path, "(file)", "cannot be read: permission denied.", ex);
        }
        catch (IOException ex)
        {
            throw new ConfigurationException(path, "(file)", "cannot be read: " + ex.Message, ex);
        }
    }

    /// <summary>Reads and binds a configuration file.</summary>
    /// <typeparam name="T">The file's contract.</typeparam>
    /// <param name="path">The file.</param>
    /// <param name="contract">The generated contract of <typeparamref name="T"/>.</param>
    /// <returns>The bound value; only semantic checks remain for the caller.</returns>
    /// <exception cref="ConfigurationException">The file cannot be read or does not fit the contract.</exception>
    public static T Load<T>(string path, JsonTypeInfo<T> contract)
        where T : class => Bind(ReadText(path), path, contract);

    /// <summary>Binds configuration JSON text.</summary>
    /// <typeparam name="T">The file's contract.</typeparam>
    /// <param name="json">The text.</param>
    /// <param name="file">The name used in messages.</param>
    /// <param name="contract">The generated contract of <typeparamref name="T"/>.</param>
    /// <returns>The bound value.</returns>
    /// <exception cref="ConfigurationException">The text does not fit the contract.</exception>
    public static T Bind<T>(string json, string file, JsonTypeInfo<T> contract)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(contract);
        T? value;
        try
        {
            value = JsonSerializer.Deserialize(json, contract);
        }
        catch (Exception ex) when (ex is JsonException || ex is NotSupportedException)
        {
            throw JsonErrorTranslator.Translate(ex, json, file, contract);
        }

        return value ?? throw new ConfigurationException(file, "(root)", "must be " + JsonErrorTranslator.Expected(contract) + "; got null.");
    }
}
