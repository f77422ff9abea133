using System.Diagnostics;
using System.Text;

namespace CleanDashboard.WebApi.IntegrationTests.Cli;

/// <summary>
/// The built application (src/WebApi/bin/&lt;configuration&gt;/net10.0/CleanDashboard.WebApi.dll) run with <c>dotnet</c> as a child
/// process, as a person runs it: its exit code and what it printed on each stream.
/// </summary>
public sealed class WebApiProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly List<string> _outputLines = [];
    private TaskCompletionSource _outputChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _outputEnded;

    private WebApiProcess(Process process)
    {
        _process = process;
    }

    public static string ApplicationDirectory { get; } = FindApplicationDirectory();

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Starts the application with these arguments and environment variables (settings as <c>Section__Key</c>).</summary>
    public static WebApiProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            WorkingDirectory = ApplicationDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(ApplicationDirectory, "CleanDashboard.WebApi.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var running = new WebApiProcess(process);
        process.OutputDataReceived += (_, e) => running.Append(running._output, e.Data, running._outputLines);
        process.ErrorDataReceived += (_, e) => running.Append(running._error, e.Data, null);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Runs the application to its end and returns its exit code; fails the test when it is still running after a minute.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        await using var process = Start(environment, arguments);
        var exitCode = await process.WaitForExitAsync();
        return (exitCode, process.Output, process.Error);
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(ExitTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The application was still running after {ExitTimeout.TotalSeconds:0} s. Output so far:\n{Output}\n{Error}");
        }

        // The asynchronous readers finish with the streams; this waits for them.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>The first line printed after the line that contains <paramref name="marker"/>, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<string> LineAfterAsync(string marker, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_output)
            {
                var index = _outputLines.FindIndex(l => l.Contains(marker, StringComparison.Ordinal));
                if (index >= 0 && index + 1 < _outputLines.Count)
                {
                    return _outputLines[index + 1];
                }

                if (_outputEnded)
                {
                    break;
                }

                changed = _outputChanged.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"No line after '{marker}' within {timeout.TotalSeconds:0} s. Output:\n{Output}\n{Error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>Keeps a line (null: the stream ended); a line or the end of standard output wakes <see cref="LineAfterAsync"/>.</summary>
    private void Append(StringBuilder target, string? line, List<string>? lines)
    {
        lock (target)
        {
            if (line is not null)
            {
                target.AppendLine(line);
                lines?.Add(line);
            }

            if (lines is not null)
            {
                _outputEnded |= line is null;
                _outputChanged.TrySetResult();
                _outputChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private static string FindApplicationDirectory()
    {
        // tests/WebApi.IntegrationTests/bin/<configuration>/net10.0/ → src/WebApi/bin/<configuration>/net10.0/
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CleanDashboard.sln")))
        {
            root = root.Parent;
        }

        var directory = Path.Combine(root?.FullName ?? throw new DirectoryNotFoundException("CleanDashboard.sln not found above " + AppContext.BaseDirectory), "src", "WebApi", "bin", configuration, framework);
        return File.Exists(Path.Combine(directory, "CleanDashboard.WebApi.dll"))
            ? directory
            : throw new FileNotFoundException("Build src/WebApi first: the application is not at " + directory);
    }
}
