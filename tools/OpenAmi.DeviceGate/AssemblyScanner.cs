using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace OpenAmi.DeviceGate;

/// <summary>
/// Reads an assembly's metadata tables. The device-mode compile already rejects APIs the surface lacks;
/// this catches what compiles anyway: our own generic types and methods, and any generic instantiation.
/// </summary>
public static class AssemblyScanner
{
    private const string NoGenerics = "nanoFramework 1.x has no generics";

    public static IReadOnlyList<Finding> Scan(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var assembly = Path.GetFileName(path);
        var names = new SignatureNames(reader);
        var findings = new List<Finding>();

        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            var typeName = names.Of(handle);
            if (type.GetGenericParameters().Count > 0)
            {
                findings.Add(new Finding(assembly, "NF001", $"generic type definition '{typeName}'", NoGenerics));
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (method.GetGenericParameters().Count > 0)
                {
                    findings.Add(new Finding(assembly, "NF002",
                        $"generic method definition '{typeName}.{reader.GetString(method.Name)}'", NoGenerics));
                }
            }
        }

        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            var spec = reader.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row));
            var decoded = spec.DecodeSignature(names, genericContext: null);
            if (decoded.IsGeneric)
            {
                findings.Add(new Finding(assembly, "NF003", $"generic type instantiation '{decoded.Name}'", NoGenerics));
            }
        }

        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var spec = reader.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            findings.Add(new Finding(assembly, "NF004",
                $"generic method instantiation '{names.OfMethod(spec.Method)}'", NoGenerics));
        }

        return findings;
    }
}
