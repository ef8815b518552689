using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace OpenAmi.DeviceGate;

/// <summary>What the gate learnt about one device assembly: its budgets and every finding.</summary>
public sealed record AssemblyReport(string Assembly, int StringTableBytes, int EstimatedPeBytes, IReadOnlyList<Finding> Findings);

/// <summary>
/// Reads an assembly's metadata and IL. The device-mode compile already rejects APIs the device lacks; this catches
/// what compiles anyway: generics, a string table the `.pe` format cannot address, the nanoCLR try-block hazard, and
/// references that differ from the assembly's `.nfproj`.
/// </summary>
public static class AssemblyScanner
{
    private const string NoGenerics = "nanoFramework 1.x has no generics";

    public static AssemblyReport Scan(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var assembly = Path.GetFileName(path);
        var names = new SignatureNames(reader);
        var findings = new List<Finding>();

        findings.AddRange(Generics(reader, names, assembly));
        findings.AddRange(TryBlockHazard.Scan(pe, reader, names, assembly));

        var strings = StringTable.Bytes(reader);
        if (strings > StringTable.BudgetBytes)
        {
            findings.Add(new Finding(assembly, "NF005", $"string table of {strings:N0} B",
                $"over the budget of {StringTable.BudgetBytes:N0} B; a 1.x .pe addresses at most {StringTable.HardLimitBytes:N0} B of strings — split the assembly"));
        }

        var project = NanoProject.FindFor(path);
        if (project is not null)
        {
            findings.AddRange(ReferenceMismatches(reader, project, assembly));
        }

        return new AssemblyReport(assembly, strings, PeSizeEstimate.Bytes(pe, reader, strings), findings);
    }

    private static IEnumerable<Finding> Generics(MetadataReader reader, SignatureNames names, string assembly)
    {
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            var typeName = names.Of(handle);
            if (type.GetGenericParameters().Count > 0)
            {
                yield return new Finding(assembly, "NF001", $"generic type definition '{typeName}'", NoGenerics);
            }

            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (method.GetGenericParameters().Count > 0)
                {
                    yield return new Finding(assembly, "NF002",
                        $"generic method definition '{typeName}.{reader.GetString(method.Name)}'", NoGenerics);
                }
            }
        }

        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            var spec = reader.GetTypeSpecification(MetadataTokens.TypeSpecificationHandle(row));
            var decoded = spec.DecodeSignature(names, genericContext: null);
            if (decoded.IsGeneric)
            {
                yield return new Finding(assembly, "NF003", $"generic type instantiation '{decoded.Name}'", NoGenerics);
            }
        }

        for (var row = 1; row <= reader.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var spec = reader.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            yield return new Finding(assembly, "NF004",
                $"generic method instantiation '{names.OfMethod(spec.Method)}'", NoGenerics);
        }
    }

    /// <summary>
    /// The compiler drops references an assembly never uses, so its assembly references must be exactly what its
    /// `.nfproj` names: an unused package costs the device flash and a checksum to match for nothing. An application
    /// may name packages it does not use itself (see <see cref="NanoProject.IsApplication"/>).
    /// </summary>
    private static IEnumerable<Finding> ReferenceMismatches(MetadataReader reader, NanoProject project, string assembly)
    {
        var used = reader.AssemblyReferences
            .Select(handle => reader.GetString(reader.GetAssemblyReference(handle).Name))
            .ToHashSet(StringComparer.Ordinal);
        var declared = project.Assemblies.Concat(project.Projects).ToHashSet(StringComparer.Ordinal);
        IEnumerable<string> mustBeUsed = project.IsApplication ? project.Projects : declared;
        var nfproj = Path.GetFileName(project.Path);

        foreach (var name in mustBeUsed.Except(used).Order(StringComparer.Ordinal))
        {
            yield return new Finding(assembly, "NF007", $"{nfproj} references '{name}'",
                "the assembly never uses it; remove it from the .nfproj and packages.config");
        }

        foreach (var name in used.Except(declared).Order(StringComparer.Ordinal))
        {
            yield return new Finding(assembly, "NF007", $"assembly reference '{name}'",
                $"{nfproj} does not reference it, so the nanoFramework build would not resolve it");
        }
    }
}
