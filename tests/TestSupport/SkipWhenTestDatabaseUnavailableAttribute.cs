using System.Reflection;
using Xunit.v3;

namespace CleanDashboard.TestSupport;

/// <summary>
/// Put on a test assembly: when the run targets PostgreSQL and the server cannot be reached, every test is reported
/// as skipped with the reason. A class fixture cannot skip its tests itself (xunit reports that as a failure), so the
/// fixture starts nothing and this attribute skips each test before it runs.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class SkipWhenTestDatabaseUnavailableAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest, IXunitTest test) => TestDatabaseTarget.SkipIfServerUnavailable();
}
