using System;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Edge.Ipc.Tests;

/// <summary>
/// Opens the core as compiled against nanoFramework's mscorlib and checks that it fits a microcontroller:
/// no generic types or methods, no reference to any assembly but mscorlib.
/// </summary>
[TestClass]
public sealed class NanoAssemblyTests
{
    public TestContext TestContext { get; set; } = null!;

    private static string NanoAssemblyPath()
    {
        // tests/Edge.Ipc.Tests/bin/<Configuration>/net10.0/ -> src/Edge.Ipc.Nano/bin/<Configuration>/net10.0/
        string here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        string framework = Path.GetFileName(here);
        string configuration = Path.GetFileName(Path.GetDirectoryName(here)!);
        string root = Path.GetFullPath(Path.Combine(here, "..", "..", "..", "..", ".."));
        string path = Path.Combine(root, "src", "Edge.Ipc.Nano", "bin", configuration, framework, "Edge.Ipc.Nano.dll");
        Assert.IsTrue(File.Exists(path), $"The nano build is missing at {path}; build Edge.sln first.");
        return path;
    }

    [TestMethod]
    public void NanoAssembly_DefinesNoGenericsAndReferencesOnlyMscorlib()
    {
        using FileStream stream = File.OpenRead(NanoAssemblyPath());
        using var pe = new PEReader(stream);
        MetadataReader md = pe.GetMetadataReader();

        foreach (AssemblyReferenceHandle handle in md.AssemblyReferences)
        {
            Assert.AreEqual("mscorlib", md.GetString(md.GetAssemblyReference(handle).Name));
        }

        foreach (TypeDefinitionHandle handle in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            Assert.AreEqual(0, type.GetGenericParameters().Count, $"Generic type {md.GetString(type.Name)}");
            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                MethodDefinition method = md.GetMethodDefinition(methodHandle);
                Assert.AreEqual(0, method.GetGenericParameters().Count, $"Generic method {md.GetString(type.Name)}.{md.GetString(method.Name)}");
            }
        }

        Assert.AreEqual(0, md.GetTableRowCount(TableIndex.MethodSpec), "The core instantiates a generic method.");
        Assert.AreEqual(0, md.GetTableRowCount(TableIndex.GenericParam), "The core declares a generic parameter.");
    }

    [TestMethod]
    public void NanoAssembly_ContainsTheCoreTypes()
    {
        using FileStream stream = File.OpenRead(NanoAssemblyPath());
        using var pe = new PEReader(stream);
        MetadataReader md = pe.GetMetadataReader();
        int ilBytes = 0;
        bool hasBuffer = false;
        foreach (TypeDefinitionHandle handle in md.TypeDefinitions)
        {
            TypeDefinition type = md.GetTypeDefinition(handle);
            hasBuffer |= md.GetString(type.Name) == "BoundedBuffer";
            foreach (MethodDefinitionHandle methodHandle in type.GetMethods())
            {
                int rva = md.GetMethodDefinition(methodHandle).RelativeVirtualAddress;
                if (rva != 0)
                {
                    ilBytes += pe.GetMethodBody(rva).Size;
                }
            }
        }

        Assert.IsTrue(hasBuffer);
        TestContext.WriteLine($"Edge.Ipc.Nano: {new FileInfo(NanoAssemblyPath()).Length} bytes on disk, {ilBytes} bytes of IL.");
    }
}
