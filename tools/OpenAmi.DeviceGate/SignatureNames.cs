using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace OpenAmi.DeviceGate;

/// <summary>A decoded type: its readable name, and whether a generic instantiation appears anywhere in it.</summary>
public readonly record struct DecodedType(string Name, bool IsGeneric);

/// <summary>Turns metadata handles and signature blobs into readable C#-like names for the gate's messages.</summary>
internal sealed class SignatureNames(MetadataReader reader) : ISignatureTypeProvider<DecodedType, object?>
{
    public string Of(TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        if (type.IsNested)
        {
            return $"{Of(type.GetDeclaringType())}.{name}";
        }

        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : $"{ns}.{name}";
    }

    public string OfMethod(EntityHandle method) => method.Kind switch
    {
        HandleKind.MethodDefinition => OfMethodDefinition((MethodDefinitionHandle)method),
        HandleKind.MemberReference => OfMemberReference((MemberReferenceHandle)method),
        _ => method.Kind.ToString(),
    };

    private string OfMethodDefinition(MethodDefinitionHandle handle)
    {
        var method = reader.GetMethodDefinition(handle);
        return $"{Of(method.GetDeclaringType())}.{reader.GetString(method.Name)}";
    }

    private string OfMemberReference(MemberReferenceHandle handle)
    {
        var member = reader.GetMemberReference(handle);
        var parent = member.Parent.Kind switch
        {
            HandleKind.TypeReference => GetTypeFromReference(reader, (TypeReferenceHandle)member.Parent, 0).Name,
            HandleKind.TypeDefinition => Of((TypeDefinitionHandle)member.Parent),
            HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)member.Parent)
                .DecodeSignature(this, null).Name,
            _ => "?",
        };
        return $"{parent}.{reader.GetString(member.Name)}";
    }

    public DecodedType GetPrimitiveType(PrimitiveTypeCode typeCode) => new(typeCode.ToString(), false);

    public DecodedType GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) =>
        new(Of(handle), false);

    public DecodedType GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var type = r.GetTypeReference(handle);
        var ns = r.GetString(type.Namespace);
        var name = r.GetString(type.Name);
        return new(ns.Length == 0 ? name : $"{ns}.{name}", false);
    }

    public DecodedType GetTypeFromSpecification(MetadataReader r, object? genericContext, TypeSpecificationHandle handle,
        byte rawTypeKind) => r.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public DecodedType GetGenericInstantiation(DecodedType genericType, ImmutableArray<DecodedType> typeArguments) =>
        new($"{genericType.Name}<{string.Join(", ", typeArguments.Select(t => t.Name))}>", true);

    public DecodedType GetSZArrayType(DecodedType elementType) => elementType with { Name = elementType.Name + "[]" };

    public DecodedType GetArrayType(DecodedType elementType, ArrayShape shape) =>
        new($"{elementType.Name}[{new string(',', shape.Rank - 1)}]", true);

    public DecodedType GetByReferenceType(DecodedType elementType) => elementType with { Name = "ref " + elementType.Name };

    public DecodedType GetPointerType(DecodedType elementType) => elementType with { Name = elementType.Name + "*" };

    public DecodedType GetPinnedType(DecodedType elementType) => elementType;

    public DecodedType GetGenericTypeParameter(object? genericContext, int index) => new($"!{index}", true);

    public DecodedType GetGenericMethodParameter(object? genericContext, int index) => new($"!!{index}", true);

    public DecodedType GetFunctionPointerType(MethodSignature<DecodedType> signature) => new("delegate*", false);

    public DecodedType GetModifiedType(DecodedType modifier, DecodedType unmodifiedType, bool isRequired) => unmodifiedType;
}
