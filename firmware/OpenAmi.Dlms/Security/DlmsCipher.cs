using System;
using OpenAmi.Dlms.Apdu;

namespace OpenAmi.Dlms.Security
{
    /// <summary>
    /// Security suite 0 (AES-GCM-128) protection of xDLMS APDUs (Green Book §9.2.7): IV = sender system
    /// title ‖ invocation counter; AAD = SC ‖ AK (‖ plaintext when authentication only); 12-byte tag.
    /// One instance holds scratch buffers sized for the largest APDU, so protecting allocates nothing.
    /// </summary>
    public sealed class DlmsCipher
    {
        private readonly AesGcm _gcm;
        private readonly byte[] _iv = new byte[12];
        private readonly byte[] _aad;
        private readonly byte[] _tag = new byte[16];

        public DlmsCipher(IAesBlockCipher aes, int maxApdu)
        {
            _gcm = new AesGcm(aes);
            _aad = new byte[17 + maxApdu];
        }

        public AesGcm Gcm => _gcm;

        /// <summary>
        /// Writes a protected APDU (service-specific when <paramref name="systemTitleInApdu"/> is false,
        /// general-glo/ded-ciphering when true) and returns its length.
        /// </summary>
        public int Protect(byte cipheredTag, byte securityControl, uint invocationCounter, byte[] systemTitle,
            byte[] encryptionKey, byte[] authenticationKey, byte[] plain, int plainOffset, int plainCount,
            byte[] output, int outputOffset, int outputLimit)
        {
            CheckSuite(securityControl);
            bool auth = SecurityControl.IsAuthenticated(securityControl);
            bool enc = SecurityControl.IsEncrypted(securityControl);
            int payload = plainCount + (auth ? SecurityControl.TagLength : 0);
            bool general = cipheredTag == ApduTag.GeneralGloCiphering || cipheredTag == ApduTag.GeneralDedCiphering;
            var w = new Axdr.AxdrWriter(output, outputOffset, outputLimit);
            w.WriteByte(cipheredTag);
            if (general)
            {
                w.WriteOctetString(systemTitle);
            }

            w.WriteLength(5 + payload);
            w.WriteByte(securityControl);
            w.WriteUInt32(invocationCounter);
            int body = w.Position;
            if (outputLimit - body < payload)
            {
                throw new DlmsException(DlmsErrorCode.BufferTooSmall, "output buffer too small for the ciphered APDU");
            }

            SetIv(systemTitle, invocationCounter);
            int aadCount = BuildAad(securityControl, authenticationKey, auth && !enc ? plain : null, plainOffset, plainCount);
            if (enc)
            {
                _gcm.Encrypt(encryptionKey, _iv, 0, _aad, 0, aadCount, plain, plainOffset, plainCount, output, body,
                    output, body + plainCount, auth ? SecurityControl.TagLength : 0);
            }
            else
            {
                Array.Copy(plain, plainOffset, output, body, plainCount);
                _gcm.Encrypt(encryptionKey, _iv, 0, _aad, 0, aadCount, plain, 0, 0, output, body,
                    output, body + plainCount, SecurityControl.TagLength);
            }

            return body + payload - outputOffset;
        }

        /// <summary>
        /// Recovers the plain APDU of <paramref name="apdu"/> into output and returns its length;
        /// <paramref name="tagValid"/> tells whether authentication succeeded (always true without authentication).
        /// </summary>
        public int Unprotect(CipheredApdu apdu, byte[] systemTitle, byte[] encryptionKey, byte[] authenticationKey,
            byte[] output, int outputOffset, out bool tagValid)
        {
            byte sc = apdu.SecurityControl;
            CheckSuite(sc);
            bool auth = SecurityControl.IsAuthenticated(sc);
            bool enc = SecurityControl.IsEncrypted(sc);
            if (!auth && !enc)
            {
                throw new DlmsException(DlmsErrorCode.DecipheringFailed, "security control 0x" + sc.ToString("X2") + " protects nothing");
            }

            byte[] title = apdu.SystemTitle ?? systemTitle;
            if (title == null || title.Length != 8)
            {
                throw new DlmsException(DlmsErrorCode.DecipheringFailed, "an 8-byte sender system title is needed to decipher");
            }

            int plainCount = apdu.Payload.Length - (auth ? SecurityControl.TagLength : 0);
            if (plainCount < 0)
            {
                throw new DlmsException(DlmsErrorCode.Malformed, "ciphered APDU shorter than its tag");
            }

            if (output.Length - outputOffset < plainCount)
            {
                throw new DlmsException(DlmsErrorCode.BufferTooSmall, "output buffer too small for the deciphered APDU");
            }

            SetIv(title, apdu.InvocationCounter);
            int aadCount = BuildAad(sc, authenticationKey, auth && !enc ? apdu.Payload : null, 0, plainCount);
            if (enc)
            {
                bool ok = _gcm.Decrypt(encryptionKey, _iv, 0, _aad, 0, aadCount, apdu.Payload, 0, plainCount, output, outputOffset,
                    apdu.Payload, plainCount, auth ? SecurityControl.TagLength : 0);
                tagValid = !auth || ok;
            }
            else
            {
                Array.Copy(apdu.Payload, 0, output, outputOffset, plainCount);
                tagValid = _gcm.Decrypt(encryptionKey, _iv, 0, _aad, 0, aadCount, apdu.Payload, 0, 0, output, outputOffset,
                    apdu.Payload, plainCount, SecurityControl.TagLength);
            }

            return plainCount;
        }

        /// <summary>
        /// HLS mechanism 5 (Green Book §9.2.7.4, Table 43): f(challenge) = SC ‖ IC ‖ GMAC(SC ‖ AK ‖ challenge),
        /// IV = own system title ‖ IC, SC = 0x10. Writes 17 bytes at output[outputOffset].
        /// </summary>
        public void HlsGmac(byte[] systemTitle, uint invocationCounter, byte[] encryptionKey, byte[] authenticationKey,
            byte[] challenge, byte[] output, int outputOffset)
        {
            SetIv(systemTitle, invocationCounter);
            int aadCount = BuildAad(SecurityControl.Authenticated, authenticationKey, challenge, 0, challenge.Length);
            output[outputOffset] = SecurityControl.Authenticated;
            output[outputOffset + 1] = (byte)(invocationCounter >> 24);
            output[outputOffset + 2] = (byte)(invocationCounter >> 16);
            output[outputOffset + 3] = (byte)(invocationCounter >> 8);
            output[outputOffset + 4] = (byte)invocationCounter;
            _gcm.Encrypt(encryptionKey, _iv, 0, _aad, 0, aadCount, challenge, 0, 0, output, outputOffset + 5,
                output, outputOffset + 5, SecurityControl.TagLength);
        }

        /// <summary>Checks a peer's f(challenge) (17 bytes: SC, IC, 12-byte GMAC) against our challenge.</summary>
        public bool VerifyHlsGmac(byte[] peerSystemTitle, byte[] encryptionKey, byte[] authenticationKey, byte[] challenge, byte[] response)
        {
            if (response == null || response.Length != 5 + SecurityControl.TagLength || response[0] != SecurityControl.Authenticated)
            {
                return false;
            }

            uint ic = ((uint)response[1] << 24) | ((uint)response[2] << 16) | ((uint)response[3] << 8) | response[4];
            SetIv(peerSystemTitle, ic);
            int aadCount = BuildAad(SecurityControl.Authenticated, authenticationKey, challenge, 0, challenge.Length);
            return _gcm.Decrypt(encryptionKey, _iv, 0, _aad, 0, aadCount, response, 0, 0, _tag, 0,
                response, 5, SecurityControl.TagLength);
        }

        private static void CheckSuite(byte sc)
        {
            if (SecurityControl.Suite(sc) != 0 || (sc & SecurityControl.Compressed) != 0)
            {
                throw new DlmsException(DlmsErrorCode.NotSupported, "only security suite 0 without compression is supported");
            }
        }

        private void SetIv(byte[] systemTitle, uint invocationCounter)
        {
            if (systemTitle == null || systemTitle.Length != 8)
            {
                throw new DlmsException(DlmsErrorCode.InvalidArgument, "a system title is 8 bytes");
            }

            Array.Copy(systemTitle, _iv, 8);
            _iv[8] = (byte)(invocationCounter >> 24);
            _iv[9] = (byte)(invocationCounter >> 16);
            _iv[10] = (byte)(invocationCounter >> 8);
            _iv[11] = (byte)invocationCounter;
        }

        private int BuildAad(byte sc, byte[] authenticationKey, byte[] extra, int extraOffset, int extraCount)
        {
            _aad[0] = sc;
            int n = 1;
            if (SecurityControl.IsAuthenticated(sc))
            {
                if (authenticationKey == null || authenticationKey.Length != 16)
                {
                    throw new DlmsException(DlmsErrorCode.InvalidArgument, "an authentication key of 16 bytes is needed");
                }

                Array.Copy(authenticationKey, 0, _aad, 1, 16);
                n = 17;
            }

            if (extra != null)
            {
                if (n + extraCount > _aad.Length)
                {
                    throw new DlmsException(DlmsErrorCode.LimitExceeded, "APDU larger than the cipher's buffer");
                }

                Array.Copy(extra, extraOffset, _aad, n, extraCount);
                n += extraCount;
            }

            return n;
        }
    }
}
