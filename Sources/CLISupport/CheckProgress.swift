import Foundation
import HibobAPI
import Synchronization

/// The line `check` keeps on stderr while it waits, when stderr is a terminal: which probe is
/// waiting and for how long, or which wait for a rate limit is running.
/// `check: 12 s · waiting for the people search (POST /people/search, 11 s) and 2 more`.
/// The clock and the writer are injected; ``tick()`` redraws the line (a `\r`, the line, spaces
/// over the rest of the last one), ``finish()`` clears it.
public final class CheckProgress: Sendable {
  private struct Request {
    var label: String
    var started: Double
  }

  private struct State {
    var next = 0
    var inFlight: [Int: Request] = [:]
    var wait: (text: String, until: Double)?
    var shown = 0
    var finished = false
  }

  private let state = Mutex(State())
  private let write: @Sendable (String) -> Void
  private let now: @Sendable () -> Double
  private let start: Double
  /// Nothing shows before the run is this old: a quick check stays silent.
  public let quietSeconds: Double
  /// The terminal's width: a longer line is cut short, so that `\r` still returns to its start.
  public let columns: Int?

  /// - Parameters:
  ///   - now: seconds on a monotonic clock.
  ///   - write: where the line goes (stderr).
  public init(
    quietSeconds: Double = 1, columns: Int? = nil,
    now: @escaping @Sendable () -> Double = CheckProgress.monotonic,
    write: @escaping @Sendable (String) -> Void
  ) {
    self.quietSeconds = quietSeconds
    self.columns = columns
    self.now = now
    self.write = write
    self.start = now()
  }

  /// Whether `check` shows progress: only when stderr is a terminal (never in a pipe, a file
  /// or CI logs).
  public static func shouldShow(stderrIsTerminal: Bool) -> Bool { stderrIsTerminal }

  /// Seconds since an arbitrary point, never going back.
  @Sendable public static func monotonic() -> Double {
    ProcessInfo.processInfo.systemUptime
  }

  /// A request went out; returns its token for ``ended(_:)``.
  public func began(method: String, path: String) -> Int {
    let at = now()
    return state.withLock { state in
      state.next += 1
      state.inFlight[state.next] = Request(
        label: Self.label(method: method, path: path), started: at)
      return state.next
    }
  }

  public func ended(_ token: Int) {
    state.withLock { _ = $0.inFlight.removeValue(forKey: token) }
  }

  /// The client is about to wait (the `RetryPolicy.onWait` hook).
  public func waiting(_ wait: RetryWait) {
    let at = now()
    let what = Self.label(method: wait.method, path: wait.path)
    let text: String
    switch wait.reason {
    case .rateLimited: text = "rate-limited (429): retrying \(what)"
    case .clientRateLimit: text = "at the 50-a-minute search limit: sending \(what)"
    case .serverError(let status): text = "answer \(status): retrying \(what)"
    case .noAnswer: text = "no answer: retrying \(what)"
    }
    state.withLock { $0.wait = (text, at + wait.seconds) }
  }

  /// The status line now, or nil when there is nothing to say yet.
  public func line() -> String? {
    let at = now()
    return state.withLock { state -> String? in
      let elapsed = at - start
      guard elapsed >= quietSeconds, !state.finished else { return nil }
      let head = "check: \(Int(elapsed)) s · "
      if let wait = state.wait, wait.until > at {
        return head + "\(wait.text) in \(Int((wait.until - at).rounded(.up))) s"
      }
      let open = state.inFlight.values.sorted { ($0.started, $0.label) < ($1.started, $1.label) }
      guard let oldest = open.first else { return head + "evaluating" }
      let more = open.count > 1 ? " and \(open.count - 1) more" : ""
      return head + "waiting for \(oldest.label), \(Int(at - oldest.started)) s\(more)"
    }
  }

  /// Redraws the line in place.
  public func tick() {
    guard var text = line() else { return }
    if let columns, text.count >= columns { text = String(text.prefix(max(1, columns - 1))) }
    let out = state.withLock { state -> String in
      let pad = max(0, state.shown - text.count)
      state.shown = text.count
      return "\r" + text + String(repeating: " ", count: pad)
    }
    write(out)
  }

  /// Clears the line, if one was shown; nothing shows after.
  public func finish() {
    let shown = state.withLock { state -> Int in
      state.finished = true
      defer { state.shown = 0 }
      return state.shown
    }
    if shown > 0 { write("\r" + String(repeating: " ", count: shown) + "\r") }
  }

  /// What a request of the check is, in the words of the report.
  public static func label(method: String, path: String) -> String {
    let write = method == "PUT" || method == "POST"
    if path.hasSuffix("/people/search") { return "the people search" }
    if path.contains("/bulk/people/employment") { return "the employment history" }
    if path.contains("/company/people/fields") {
      return write ? "the field settings write probe" : "the field metadata"
    }
    if path.contains("/company/named-lists") {
      return write ? "the list write probe" : "the Sync to Remote list"
    }
    return "\(method) \(path)"
  }
}

/// A transport that tells a ``CheckProgress`` which requests are open.
public struct ProgressTransport: HTTPTransport {
  public let base: any HTTPTransport
  public let progress: CheckProgress

  public init(_ base: any HTTPTransport, progress: CheckProgress) {
    self.base = base
    self.progress = progress
  }

  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    let token = progress.began(method: request.method, path: request.url.path)
    defer { progress.ended(token) }
    return try await base.send(request)
  }
}
