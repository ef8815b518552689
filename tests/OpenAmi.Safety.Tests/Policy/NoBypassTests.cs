using System.Reflection;
using OpenAmi.Safety.Policy;
using OpenAmi.Safety.Ports;
using OpenAmi.Safety.Supervision;

namespace OpenAmi.Safety.Tests.Policy;

/// <summary>Structural proof that nothing outside Safety can close a line except through IReenergiseGate.Request.</summary>
public class NoBypassTests
{
    private static readonly Assembly Safety = typeof(SafetySupervisor).Assembly;

    [Fact]
    public void OnlyTheLinePortsConstructorAcceptsTheLineSwitch()
    {
        var users = Safety.GetExportedTypes()
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => Mentions(m, typeof(ILineSwitch)))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToArray();
        Assert.Equal(["LinePorts..ctor"], users);
    }

    [Fact]
    public void TheSupervisorsPublicSurfaceIsExactlyTheReviewedOne()
    {
        // Adding a public member here (e.g. a "force on") must fail this test and go through safety review.
        var members = typeof(SafetySupervisor)
            .GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Select(m => m.Name).Order(StringComparer.Ordinal).ToArray();
        // RequestSelfTest (reviewed): it only brings the daily self-test forward; a line comes back solely through the
        // probe that follows a passed test of a line that was on, exactly as after the daily one.
        Assert.Equal([".ctor", "Deenergise", "LineCount", "Poll", "PowerUp", "Request", "RequestSelfTest", "StateOf", "get_LineCount"], members);
        Assert.False(typeof(LineGuard).IsPublic);
        Assert.True(typeof(IReenergiseGate).IsAssignableFrom(typeof(SafetySupervisor)));
        Assert.Single(typeof(IReenergiseGate).GetMethods());
    }

    private static bool Mentions(MemberInfo member, Type type) => member switch
    {
        MethodBase method => method.GetParameters().Any(p => p.ParameterType == type) || (method is MethodInfo mi && mi.ReturnType == type),
        PropertyInfo property => property.PropertyType == type,
        FieldInfo field => field.FieldType == type,
        _ => false,
    };
}
