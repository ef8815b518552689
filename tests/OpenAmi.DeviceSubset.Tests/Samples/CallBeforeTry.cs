using System;

namespace Samples
{
    // The nanoCLR try-block hazard: Load() is the last IL instruction before the try, so on the interpreter an
    // exception thrown by Load() would be handled by this try's catch, which C# says it must not see.
    public sealed class CallBeforeTry
    {
        private int _loads;

        public int LoadThenParse()
        {
            Load();
            try
            {
                return Parse();
            }
            catch (FormatException)
            {
                return -1;
            }
        }

        private void Load() => _loads++;

        private int Parse() => _loads;
    }
}
