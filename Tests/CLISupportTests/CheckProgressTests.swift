import CLISupport
import HibobAPI
import Synchronization
import Testing

@Suite struct CheckProgressTests {
  /// A value behind a lock, shared by reference with the closures under test.
  final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    var value: Value { mutex.withLock { $0 } }
    func update(_ change: @Sendable (inout Value) -> Void) { mutex.withLock { change(&$0) } }
  }

  final class Fixture: Sendable {
    let clock = Shared(100.0)
    let written = Shared<[String]>([])
    let progress: CheckProgress

    init() {
      let clock = self.clock
      let written = self.written
      progress = CheckProgress(
        quietSeconds: 1, now: { clock.value },
        write: { text in written.update { $0.append(text) } })
    }

    func advance(_ seconds: Double) { clock.update { $0 += seconds } }
    var output: [String] { written.value }
  }

  @Test func onlyATerminalGetsProgress() {
    #expect(CheckProgress.shouldShow(stderrIsTerminal: true))
    #expect(!CheckProgress.shouldShow(stderrIsTerminal: false))
  }

  @Test func aQuickRunShowsNothing() {
    let f = Fixture()
    let token = f.progress.began(method: "GET", path: "/v1/company/people/fields")
    f.advance(0.5)
    f.progress.tick()
    f.progress.ended(token)
    f.progress.finish()
    #expect(f.output.isEmpty)
  }

  @Test func theLineNamesTheOldestOpenProbeAndItsSeconds() {
    let f = Fixture()
    let search = f.progress.began(method: "POST", path: "/v1/people/search")
    f.advance(2)
    let list = f.progress.began(method: "GET", path: "/v1/company/named-lists/syncToRemote")
    f.advance(10.4)
    #expect(
      f.progress.line()
        == "check: 12 s · waiting for the people search, 12 s and 1 more")
    f.progress.ended(search)
    #expect(f.progress.line() == "check: 12 s · waiting for the Sync to Remote list, 10 s")
    f.progress.ended(list)
    #expect(f.progress.line() == "check: 12 s · evaluating")
  }

  @Test func aRateLimitWaitShowsHowLongIsLeft() {
    let f = Fixture()
    f.advance(5)
    f.progress.waiting(
      RetryWait(
        method: "POST", path: "/people/search", reason: .rateLimited, nextAttempt: 2,
        seconds: 30))
    f.advance(10)
    #expect(
      f.progress.line() == "check: 15 s · rate-limited (429): retrying the people search in 20 s")
    f.advance(25)
    #expect(f.progress.line() == "check: 40 s · evaluating")
  }

  @Test func ticksRedrawInPlaceAndFinishClears() {
    let f = Fixture()
    let token = f.progress.began(method: "GET", path: "/v1/bulk/people/employment")
    f.advance(3)
    f.progress.tick()
    f.progress.ended(token)
    f.progress.tick()
    f.progress.finish()
    f.progress.tick()
    let out = f.output
    let first = "check: 3 s · waiting for the employment history, 3 s"
    let second = "check: 3 s · evaluating"
    #expect(out.count == 3)
    #expect(out[0] == "\r" + first)
    // The shorter line covers the rest of the longer one with spaces.
    #expect(out[1] == "\r" + second + String(repeating: " ", count: first.count - second.count))
    #expect(out[2] == "\r" + String(repeating: " ", count: second.count) + "\r")
    #expect(!out.joined().contains("\u{1B}"))
  }

  @Test func aLineNeverOutgrowsTheTerminal() {
    let written = Shared<[String]>([])
    let clock = Shared(0.0)
    let progress = CheckProgress(
      quietSeconds: 0, columns: 20, now: { clock.value },
      write: { text in written.update { $0.append(text) } })
    _ = progress.began(method: "POST", path: "/v1/people/search")
    clock.update { $0 += 3 }
    progress.tick()
    // 19 characters: the cursor never reaches the last column.
    #expect(written.value == ["\rcheck: 3 s · waitin"])
  }

  @Test func probesAreNamedAsTheReportNamesThem() {
    #expect(
      CheckProgress.label(method: "GET", path: "/v1/company/people/fields") == "the field metadata")
    #expect(
      CheckProgress.label(method: "PUT", path: "/v1/company/people/fields/work.custom.x")
        == "the field settings write probe")
    #expect(
      CheckProgress.label(method: "PUT", path: "/v1/company/named-lists/syncToRemote/5")
        == "the list write probe")
    #expect(CheckProgress.label(method: "GET", path: "/v1/other") == "GET /v1/other")
  }
}
