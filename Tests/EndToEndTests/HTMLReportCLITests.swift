import Foundation
import Testing

/// `--format html` through the built executable: `demo` prints one self-contained page with the
/// scenario's failures and fixes, nothing personal, and an unknown format names html among the
/// formats.
@Suite(.serialized) struct HTMLReportCLITests {
  @Test func demoPrintsOneSelfContainedPage() async throws {
    let run = try await ToolProcess.run(["demo", "--format", "html"])
    #expect(run.exitCode == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(run.stdout.hasSuffix("</html>\n"))
    #expect(
      run.stdout.contains(
        "<span class=\"mark\">✗ fail</span> "
          + "<code class=\"id\">people.identification.view</code>"))
    #expect(run.stdout.contains("<span class=\"label\">Fix:</span> Step 3.10.5: "))
    for banned in ["<script", "<link", "src=", "href=", "\u{1B}["] {
      #expect(!run.stdout.contains(banned), "\(banned)")
    }
    FixtureLeakScanner.shared.check(run.stdout, source: "demo --format html")
  }

  @Test func anUnknownFormatNamesHTML() async throws {
    let run = try await ToolProcess.run(["demo", "--format", "htm"])
    #expect(run.exitCode == 2)
    #expect(run.stderr.contains("unknown format 'htm'"))
    #expect(run.stderr.contains("markdown, html"))
    #expect(run.stderr.contains("did you mean html?"))
  }
}
