namespace Samples
{
    public enum Quality { Good, Suspect }

    public static class EnumToString
    {
        public static string Name(Quality q) => q.ToString();
    }
}
