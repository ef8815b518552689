namespace OpenAmi.Cellular.Mqtt
{
    /// <summary>What kind of broker host the modem is given: a DNS name gets TLS Server Name Indication, an address does not.</summary>
    public static class BrokerHost
    {
        /// <summary>
        /// True for an IPv4 address in dotted digits or an IPv6 address (any colon, bracketed or not): the forms RFC 6066
        /// section 3 excludes from server_name. Empty or null is not a literal (and not a usable host either).
        /// </summary>
        public static bool IsIpLiteral(string host)
        {
            if (host == null || host.Length == 0)
            {
                return false;
            }

            bool dotted = true;
            for (int i = 0; i < host.Length; i++)
            {
                char c = host[i];
                if (c == ':')
                {
                    return true;
                }

                if (c != '.' && (c < '0' || c > '9'))
                {
                    dotted = false;
                }
            }

            return dotted;
        }
    }
}
