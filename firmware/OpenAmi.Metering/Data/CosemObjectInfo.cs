namespace OpenAmi.Metering.Data
{
    /// <summary>One entry of an association's object list (class 15, attribute 2): what the meter exposes.</summary>
    public sealed class CosemObjectInfo
    {
        public CosemObjectInfo(int classId, int version, byte[] logicalName)
        {
            ClassId = classId;
            Version = version;
            LogicalName = logicalName;
        }

        public int ClassId { get; }

        public int Version { get; }

        public byte[] LogicalName { get; }
    }
}
