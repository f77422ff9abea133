namespace CleanDashboard.Application.Threats.Detection.Detectors;

/// <summary><c>ThreatDetection:Scanner</c>: bursts of 404s on paths that only vulnerability scanners ask for.</summary>
public sealed class ScannerDetectorOptions : DetectorOptions, IOptionsSection
{
    internal static readonly string[] DefaultPaths =
    [
        "/.env", "/.git", "/.svn", "/.hg", "/.aws", "/.ssh", "/.htaccess", "/.htpasswd", "/.ds_store", "/wp-admin", "/wp-login",
        "/wp-content", "/wp-includes", "/xmlrpc.php", "/phpmyadmin", "/pma/", "/myadmin", "/vendor/phpunit", "/cgi-bin/",
        "/server-status", "/actuator", "/boaform", "/hnap1", "/web.config", "/etc/passwd", "/config.json", "/dump.sql", ".php",
    ];

    public ScannerDetectorOptions()
    {
        Threshold = 5;
        WindowSeconds = 60;
    }

    public static string Section => "ThreatDetection:Scanner";

    /// <summary>Path fragments typical of scanners (replace the built-in list when set).</summary>
    public List<string> Paths { get; set; } = [];
}
