using System.Collections.Generic;

namespace Samples
{
    public static class ListOfInt
    {
        public static int Count()
        {
            var list = new List<int> { 1, 2, 3 };
            return list.Count;
        }
    }
}
