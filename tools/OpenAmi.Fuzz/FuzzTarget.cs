namespace OpenAmi.Fuzz;

/// <summary>
/// One parser under fuzz: the inputs it starts from (vectors the unit tests use), how it is driven with one input,
/// which exceptions are its own typed refusals, and how much it may allocate for an input of n bytes
/// (<see cref="BytesPerInputByte"/> · n + <see cref="FixedBytes"/>).
/// </summary>
public abstract class FuzzTarget
{
    public abstract string Name { get; }

    public abstract byte[][] Seeds { get; }

    public virtual int BytesPerInputByte => 64;

    /// <summary>Fixed allowance: the result object, a typed exception and its message, per-call buffers.</summary>
    public virtual int FixedBytes => 16 * 1024;

    /// <summary>The longest input the mutator builds for this target.</summary>
    public virtual int MaxInputBytes => 4096;

    public abstract void Run(byte[] input);

    /// <summary>True for the refusals this parser documents; anything else is a defect.</summary>
    public abstract bool IsTyped(Exception error);

    public long Budget(int inputLength) => ((long)BytesPerInputByte * inputLength) + FixedBytes;
}
