using System;
using OpenAmi.Dlms.Security;

namespace OpenAmi.Firmware.Esp32.Adapters.Crypto
{
    /// <summary>
    /// HLS challenges and other unpredictable bytes from the ESP32's hardware RNG. nanoFramework's System.Random is not a
    /// software generator on this target: its native methods call esp_random() for every byte and ignore any seed
    /// (nanoframework/nf-interpreter targets/ESP32/_nanoCLR/targetRandom.cpp). The RNG mixes physical noise in only while
    /// the radio is on (ESP-IDF "Random Number Generation", docs.espressif.com .../api-reference/system/random.html);
    /// Program starts Wi-Fi before any meter session, and docs/bench-testing.md checks it. NextBytes fills a whole array,
    /// so a count other than the last one costs one scratch array (HLS uses one fixed challenge length).
    /// </summary>
    public sealed class HardwareRandom : IRandomSource
    {
        private readonly Random _rng = new Random();
        private readonly object _sync = new object();
        private byte[] _scratch = new byte[0];

        public void NextBytes(byte[] buffer, int offset, int count)
        {
            if (buffer == null || offset < 0 || count < 0 || offset + count > buffer.Length)
            {
                throw new ArgumentOutOfRangeException("count", "outside the buffer");
            }

            lock (_sync)
            {
                if (offset == 0 && count == buffer.Length)
                {
                    _rng.NextBytes(buffer);
                    return;
                }

                if (_scratch.Length != count)
                {
                    _scratch = new byte[count];
                }

                _rng.NextBytes(_scratch);
                Array.Copy(_scratch, 0, buffer, offset, count);
                Array.Clear(_scratch, 0, count);
            }
        }
    }
}
