using System.IO.Compression;
using System.Text;

namespace CleanDashboard.Application.Capture;

/// <summary>Captured text is stored as Brotli-compressed UTF-8 (decision 104): quality 2, window 22 — chosen by measurement (decision 119).</summary>
public static class CaptureCompression
{
    private const int Quality = 2;
    private const int Window = 22;

    public static byte[] Compress(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(utf8.Length)];
        if (!BrotliEncoder.TryCompress(utf8, output, out var written, Quality, Window))
        {
            throw new InvalidOperationException("Brotli could not compress the captured text.");
        }

        return output[..written];
    }

    public static string Decompress(byte[] compressed)
    {
        using var input = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
