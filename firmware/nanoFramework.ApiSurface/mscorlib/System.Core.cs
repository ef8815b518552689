// Checked against nanoframework/CoreLibrary nanoFramework.CoreLibrary/System/{Object,ValueType,Enum,Type,...}.cs
#pragma warning disable CS0108, CS0114
namespace System
{
    public class Object
    {
        public Object() { }
        public virtual bool Equals(object obj) => throw null;
        public static bool Equals(object objA, object objB) => throw null;
        public static bool ReferenceEquals(object objA, object objB) => throw null;
        public virtual int GetHashCode() => throw null;
        public Type GetType() => throw null;
        protected object MemberwiseClone() => throw null;
        public virtual string ToString() => throw null;
        ~Object() { }
    }

    public abstract class ValueType
    {
        public override bool Equals(object obj) => throw null;
        public override int GetHashCode() => throw null;
        public override string ToString() => throw null;
    }

    public abstract class Enum : ValueType
    {
        public override string ToString() => throw null;
        public bool HasFlag(Enum flag) => throw null;
    }

    public struct Void { }

    public abstract class Type : System.Reflection.MemberInfo
    {
        public abstract string FullName { get; }
        public static Type GetTypeFromHandle(RuntimeTypeHandle handle) => throw null;
        public override string Name => throw null;
    }

    public struct RuntimeTypeHandle { }
    public struct RuntimeFieldHandle { }
    public struct RuntimeMethodHandle { }

    public struct IntPtr
    {
        public static readonly IntPtr Zero;
    }

    public struct UIntPtr { }

    public abstract class Delegate
    {
        public static Delegate Combine(Delegate a, Delegate b) => throw null;
        public static Delegate Remove(Delegate source, Delegate value) => throw null;
        public static bool operator ==(Delegate d1, Delegate d2) => throw null;
        public static bool operator !=(Delegate d1, Delegate d2) => throw null;
        public override bool Equals(object obj) => throw null;
        public override int GetHashCode() => throw null;
    }

    public abstract class MulticastDelegate : Delegate
    {
        public static bool operator ==(MulticastDelegate d1, MulticastDelegate d2) => throw null;
        public static bool operator !=(MulticastDelegate d1, MulticastDelegate d2) => throw null;
        public override bool Equals(object obj) => throw null;
        public override int GetHashCode() => throw null;
    }

    public interface IDisposable { void Dispose(); }
    public interface IComparable { int CompareTo(object obj); }
    public interface ICloneable { object Clone(); }
    public interface IFormatProvider { object GetFormat(Type formatType); }
    public interface IFormattable { string ToString(string format, IFormatProvider formatProvider); }
    public interface IAsyncResult { }

    public delegate void AsyncCallback(IAsyncResult ar);
    public delegate void EventHandler(object sender, EventArgs e);

    public class EventArgs
    {
        public static readonly EventArgs Empty;
        public EventArgs() { }
    }

    public abstract class MarshalByRefObject { protected MarshalByRefObject() { } }

    public static class GC
    {
        public static void SuppressFinalize(object obj) => throw null;
        public static void ReRegisterForFinalize(object obj) => throw null;
        public static void WaitForPendingFinalizers() => throw null;
    }

    // Only TickCount64 exists (nanoframework/Home#943, nf-interpreter#2244); there is no 32-bit TickCount.
    public static class Environment
    {
        public static long TickCount64 => throw null;
    }
}

namespace System.Reflection
{
    public abstract class MemberInfo
    {
        public abstract string Name { get; }
    }
}

namespace System.Reflection
{
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface)]
    public sealed class DefaultMemberAttribute : Attribute
    {
        public DefaultMemberAttribute(string memberName) { }
        public string MemberName => throw null;
    }
}
