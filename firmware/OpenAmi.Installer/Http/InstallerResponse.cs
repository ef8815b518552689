using System.Text;

namespace OpenAmi.Installer.Http
{
    /// <summary>What the server adapter writes back: status code, content type and body bytes.</summary>
    public sealed class InstallerResponse
    {
        public const string JsonType = "application/json; charset=utf-8";

        public InstallerResponse(int status, string contentType, byte[] body)
        {
            Status = status;
            ContentType = contentType;
            Body = body;
        }

        public int Status { get; }

        public string ContentType { get; }

        public byte[] Body { get; }

        public string BodyText => Encoding.UTF8.GetString(Body, 0, Body.Length);
    }
}
