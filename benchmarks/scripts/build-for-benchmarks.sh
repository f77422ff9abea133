# Sourced by the benchmark scripts (from the repository root): builds the app and the benchmark tool in Release, sets
# $bench (the tool's command) and $bin (the app's output directory), and prints the machine and its load.
dotnet build benchmarks/CleanDashboard.Benchmarks -c Release -nologo -v quiet >/dev/null
dotnet build src/WebApi -c Release -nologo -v quiet -p:SkipWebUI=true >/dev/null
bench="dotnet $(pwd)/benchmarks/CleanDashboard.Benchmarks/bin/Release/net10.0/CleanDashboard.Benchmarks.dll"
bin="$(pwd)/src/WebApi/bin/Release/net10.0"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
