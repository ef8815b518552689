namespace Samples
{
    public static class GenericMethod
    {
        public static T First<T>(T[] items) => items[0];

        public static int FirstInt(int[] items) => First(items);
    }
}
