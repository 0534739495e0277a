module AgentTokens.Tests.Program

open System
open System.Text
open Expecto
open Expecto.Impl

/// Writes the plain closing line CI counts, straight to stdout: Expecto wraps Console.Out.
let private writeClosingLine (summary: TestRunSummary) =
    let failed = summary.failed.Length + summary.errored.Length
    // A leading newline keeps the line clear of the escape code Expecto leaves at the start of its last line.
    let line = sprintf "\n%d passed, %d failed, %d skipped\n" summary.passed.Length failed summary.ignored.Length
    use out = Console.OpenStandardOutput()
    let bytes = Encoding.UTF8.GetBytes line
    out.Write(bytes, 0, bytes.Length)
    out.Flush()

/// The fast part (`./build.sh test-fast`): unit and property tests, and loopback tests against sandboxes in this
/// process. It starts no other program and needs nothing installed.
let fast =
    testList "fast" [
        ModelJsonTests.tests
        RequestBuilderTests.tests
        ContractTests.tests
        SandboxBehaviourTests.tests
        SandboxDataTests.tests
        SortingTests.tests
        ListingStepTests.tests
        PagerTests.tests
        RateLimiterTests.tests
        FaultTests.tests
        FSharpTypesTests.tests
        AnalysisTests.tests
        PolicyTests.tests
        SnapshotTests.tests
        FSharpIntegrationTests.tests
        FSharpSurfaceTests.tests
        CommandLineTests.tests
        ReadmeTests.tests
        ChartTests.tests
        RetryTests.tests
        PagingMutationTests.tests
        TransportTests.tests
        DependencyInjectionTests.tests
    ]

/// What runs other programs as users do: the tool as a process (managed and native), the packages, the notebooks in
/// Jupyter's kernel, the site and the report in Chromium, dotnet fsi, and the scale check.
let processes =
    testList "processes" [
        ScaleTests.tests
        BrowserTests.tests
        NotebookTests.tests
        SiteTests.tests
        PackageTests.tests
        SecretDisplayTests.tests
        CliTests.tests
        NativeToolTests.tests
        HostileServerTests.tests
        SafeCommandTests.tests
        EdgeTests.tests
        OrganizationCliTests.tests
        SandboxProcessTests.tests
    ]

let allTests = testList "AgentTokens" [ fast; processes ]

[<EntryPoint>]
let main argv =
    let config = [ CLIArguments.Append_Summary_Handler(SummaryHandler writeClosingLine) ]
    runTestsWithCLIArgs config argv allTests
