namespace CleanDashboard.Application.Capture.Redaction;

/// <summary>The Luhn checksum every payment card number carries: tells a card number from any other run of digits.</summary>
public static class Luhn
{
    /// <summary>True when the digits of <paramref name="text"/> (separators ignored) are 13–19 long and pass the checksum.</summary>
    public static bool IsValid(string text)
    {
        var sum = 0;
        var count = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            var c = text[i];
            if (c is < '0' or > '9')
            {
                continue;
            }

            var digit = c - '0';
            if (count % 2 == 1)
            {
                digit *= 2;
                digit = digit > 9 ? digit - 9 : digit;
            }

            sum += digit;
            count++;
        }

        return count is >= 13 and <= 19 && sum % 10 == 0;
    }
}
