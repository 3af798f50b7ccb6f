using System.Reflection;
using System.Reflection.Emit;

namespace KalshiArb.Tests.Architecture;

/// <summary>
/// The namespace dependency graph of a compiled assembly: an edge A -> B for every place a type of A names a type
/// of B, in its signatures (base type, interfaces, fields, properties, parameters, returns, generic arguments) or
/// in its method bodies (every type, field and method token of the IL). Read from the compiled code, so a
/// dependency hidden behind `var` or a fully qualified name is still seen.
/// </summary>
internal sealed class NamespaceGraph
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
        | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => op.Value);

    private readonly Assembly _assembly;
    private readonly string _root;

    /// <summary>Namespace -> namespaces it uses, each with one example "Type -> Type" as evidence.</summary>
    public Dictionary<string, Dictionary<string, string>> Edges { get; } = new(StringComparer.Ordinal);

    public NamespaceGraph(Assembly assembly, string rootNamespace)
    {
        _assembly = assembly;
        _root = rootNamespace;
        foreach (Type type in assembly.GetTypes())
        {
            if (Owns(type))
            {
                AddType(type);
            }
        }
    }

    /// <summary>Every group of namespaces that depend on each other in a circle.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles() =>
        StronglyConnected.Cycles(Edges.ToDictionary(e => e.Key, e => (IEnumerable<string>)e.Value.Keys, StringComparer.Ordinal));

    /// <summary>The edges inside one cycle, with their evidence, for a failure message a reader can act on.</summary>
    public IEnumerable<string> Describe(IReadOnlyList<string> cycle) =>
        from source in cycle
        from edge in Edges.TryGetValue(source, out var targets) ? targets : Enumerable.Empty<KeyValuePair<string, string>>()
        where cycle.Contains(edge.Key)
        select $"{source} -> {edge.Key} (e.g. {edge.Value})";

    private bool Owns(Type type) => type.Assembly == _assembly && type.Namespace is { } ns
        && (ns == _root || ns.StartsWith(_root + ".", StringComparison.Ordinal));

    private void AddType(Type type)
    {
        AddUse(type, type.BaseType);
        foreach (Type implemented in type.GetInterfaces())
        {
            AddUse(type, implemented);
        }
        foreach (FieldInfo field in type.GetFields(Everything))
        {
            AddUse(type, field.FieldType);
        }
        foreach (PropertyInfo property in type.GetProperties(Everything))
        {
            AddUse(type, property.PropertyType);
        }
        foreach (MethodBase method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                AddUse(type, info.ReturnType);
            }
            foreach (ParameterInfo parameter in method.GetParameters())
            {
                AddUse(type, parameter.ParameterType);
            }
            AddBody(type, method);
        }
    }

    private void AddBody(Type owner, MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (InvalidOperationException)
        {
            return;
        }
        if (il is null)
        {
            return;
        }
        Type[] typeArgs = owner.IsGenericType ? owner.GetGenericArguments() : [];
        Type[] methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : [];
        int at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            OpCode op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                case OperandType.InlineType:
                    AddToken(owner, method.Module, BitConverter.ToInt32(il, at), typeArgs, methodArgs);
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    at += 8;
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    private void AddToken(Type owner, Module module, int token, Type[] typeArgs, Type[] methodArgs)
    {
        MemberInfo? member;
        try
        {
            member = module.ResolveMember(token, typeArgs, methodArgs);
        }
        catch (ArgumentException)
        {
            return;
        }
        switch (member)
        {
            case Type used:
                AddUse(owner, used);
                break;
            case MethodBase called:
                AddUse(owner, called.DeclaringType);
                if (called.IsGenericMethod && !called.IsGenericMethodDefinition)
                {
                    foreach (Type argument in called.GetGenericArguments())
                    {
                        AddUse(owner, argument);
                    }
                }
                break;
            case FieldInfo field:
                AddUse(owner, field.DeclaringType);
                break;
        }
    }

    private void AddUse(Type owner, Type? used)
    {
        if (used is null)
        {
            return;
        }
        if (used.HasElementType)
        {
            AddUse(owner, used.GetElementType());
            return;
        }
        if (used.IsGenericType && !used.IsGenericTypeDefinition)
        {
            foreach (Type argument in used.GetGenericArguments())
            {
                AddUse(owner, argument);
            }
            used = used.GetGenericTypeDefinition();
        }
        if (used.IsGenericParameter || !Owns(used) || used.Namespace == owner.Namespace)
        {
            return;
        }
        if (!Edges.TryGetValue(owner.Namespace!, out var targets))
        {
            Edges[owner.Namespace!] = targets = new Dictionary<string, string>(StringComparer.Ordinal);
        }
        targets.TryAdd(used.Namespace!, $"{Name(owner)} -> {Name(used)}");
    }

    private static string Name(Type type) => type.DeclaringType is { } outer && type.IsNested ? Name(outer) : type.Name;
}
