import Foundation

/// What happened (or, in a dry run, would happen) to one employee.
public enum SyncAction: String, Codable, Sendable, CaseIterable {
  /// POSTed as a new employment.
  case create
  /// Found in Remote by email (the state did not know it) and recorded; PATCHed if it differed.
  case adopt
  /// PATCHed with the keys that changed.
  case update
  /// Same payload hash as last time: nothing sent.
  case unchanged
  /// A change Remote does not take through the API (a contractor's, an EOR job title or start
  /// date after onboarding, anything but the work email once invited): nothing sent for it.
  case todo = "todo_in_remote"
  /// Could not be mapped, does not validate against its country form, or is new with a past
  /// start date: nothing sent.
  case skip
  /// Remote refused it or could not be reached; the others went on.
  case fail
  /// Known to the state but no longer selected in Hibob (or no longer visible): reported only.
  case deselected
  /// Terminated in Hibob: reported, never deleted in Remote.
  case terminated
  /// Not started: the run was cancelled or stopped first.
  case notStarted = "not_started"
}

/// One employee's line in the summary: the Hibob id, never a name or an email.
public struct SyncOutcome: Codable, Sendable, Equatable {
  public var hibobId: String
  public var action: SyncAction
  public var remoteId: String?
  /// Why it was skipped or failed, or a note (`"patched: country_code"`); never personal data.
  public var reason: String?
  /// For `update`, `adopt` and `todo_in_remote`: the sections (or keys) a PATCH sent (or, in a
  /// dry run, would send).
  public var changedKeys: [String]
  /// For a skipped employee whose payload does not validate: the form properties missing or
  /// invalid (names and titles, never values).
  public var problems: [FormProblem]

  public init(
    hibobId: String, action: SyncAction, remoteId: String? = nil, reason: String? = nil,
    changedKeys: [String] = [], problems: [FormProblem] = []
  ) {
    self.hibobId = hibobId
    self.action = action
    self.remoteId = remoteId
    self.reason = reason
    self.changedKeys = changedKeys
    self.problems = problems
  }

  enum CodingKeys: String, CodingKey {
    case action, reason
    case hibobId = "hibob_id"
    case remoteId = "remote_id"
    case changedKeys = "changed_keys"
    case problems = "form_problems"
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    hibobId = try c.decode(String.self, forKey: .hibobId)
    action = try c.decode(SyncAction.self, forKey: .action)
    remoteId = try c.decodeIfPresent(String.self, forKey: .remoteId)
    reason = try c.decodeIfPresent(String.self, forKey: .reason)
    changedKeys = try c.decodeIfPresent([String].self, forKey: .changedKeys) ?? []
    problems = try c.decodeIfPresent([FormProblem].self, forKey: .problems) ?? []
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(hibobId, forKey: .hibobId)
    try c.encode(action, forKey: .action)
    try c.encode(remoteId, forKey: .remoteId)
    try c.encode(reason, forKey: .reason)
    try c.encode(changedKeys, forKey: .changedKeys)
    try c.encode(problems, forKey: .problems)
  }
}

/// Counts per action. JSON keys are the past tenses the spec names.
public struct SyncCounts: Codable, Sendable, Equatable {
  public var created = 0
  public var adopted = 0
  public var updated = 0
  public var unchanged = 0
  public var todoInRemote = 0
  public var skipped = 0
  public var failed = 0
  public var deselected = 0
  public var terminated = 0
  public var notStarted = 0

  public init() {}

  public init(_ outcomes: [SyncOutcome]) {
    for o in outcomes {
      switch o.action {
      case .create: created += 1
      case .adopt: adopted += 1
      case .update: updated += 1
      case .unchanged: unchanged += 1
      case .todo: todoInRemote += 1
      case .skip: skipped += 1
      case .fail: failed += 1
      case .deselected: deselected += 1
      case .terminated: terminated += 1
      case .notStarted: notStarted += 1
      }
    }
  }

  enum CodingKeys: String, CodingKey {
    case created, adopted, updated, unchanged, skipped, failed, deselected, terminated
    case notStarted = "not_started"
    case todoInRemote = "todo_in_remote"
  }
}

/// The end of one sync round.
public struct SyncSummary: Codable, Sendable, Equatable {
  public var dryRun: Bool
  /// Stopped early: SIGINT/SIGTERM, or a Remote error that every request would get (401, 403).
  public var stoppedReason: String?
  public var counts: SyncCounts
  /// Sorted by Hibob id.
  public var outcomes: [SyncOutcome]
  /// Selected employees in the search (sync field set).
  public var selected: Int
  public var requests: RemoteClientStats?
  /// What the round left out for whole countries (a form section Remote does not serve there).
  public var notes: [String]

  public init(
    dryRun: Bool, stoppedReason: String?, outcomes: [SyncOutcome], selected: Int,
    requests: RemoteClientStats?, notes: [String] = []
  ) {
    self.notes = notes
    self.dryRun = dryRun
    self.stoppedReason = stoppedReason
    self.outcomes = outcomes.sorted { $0.hibobId < $1.hibobId }
    self.counts = SyncCounts(outcomes)
    self.selected = selected
    self.requests = requests
  }

  enum CodingKeys: String, CodingKey {
    case counts, outcomes, selected, requests, notes
    case dryRun = "dry_run"
    case stoppedReason = "stopped_reason"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(dryRun, forKey: .dryRun)
    try c.encode(stoppedReason, forKey: .stoppedReason)
    try c.encode(counts, forKey: .counts)
    try c.encode(outcomes, forKey: .outcomes)
    try c.encode(selected, forKey: .selected)
    try c.encode(requests, forKey: .requests)
    try c.encode(notes, forKey: .notes)
  }

  /// 0 when every selected employee is in Remote as Hibob has it (a dry run: every one is
  /// ready); 1 when some failed, were skipped, need action in Remote or were not started.
  public var exitCode: Int32 {
    counts.failed + counts.skipped + counts.notStarted + counts.todoInRemote == 0
      && stoppedReason == nil ? 0 : 1
  }
}

extension SyncSummary {
  /// The text form: a table of every employee that is not unchanged (Hibob id, action, Remote
  /// id, details), then a last line with the counts. No names, no emails.
  public func text() -> String {
    var rows: [[String]] = []
    for o in outcomes where o.action != .unchanged {
      var detail = o.reason ?? ""
      if !o.changedKeys.isEmpty {
        let sent = (dryRun ? "would send " : "sent ") + o.changedKeys.joined(separator: ", ")
        detail = detail.isEmpty ? sent : sent + "; " + detail
      }
      rows.append([
        o.hibobId, o.action.rawValue.replacingOccurrences(of: "_", with: " "), o.remoteId ?? "-",
        detail,
      ])
    }
    var lines: [String] = []
    if !rows.isEmpty {
      let header = ["HIBOB ID", "ACTION", "REMOTE ID", "DETAILS"]
      var widths = header.map(\.count)
      for row in rows {
        for i in 0..<3 { widths[i] = max(widths[i], row[i].count) }
      }
      func line(_ r: [String]) -> String {
        let text =
          (0..<3).map { r[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
          .joined(separator: "  ") + "  " + r[3]
        // No trailing blanks when a row has no details.
        return String(text.reversed().drop { $0 == " " }.reversed())
      }
      lines.append(line(header))
      lines += rows.map(line)
    }
    lines += notes.map { "note: \($0)" }
    if let stop = stoppedReason { lines.append("stopped early: \(stop)") }
    let c = counts
    let ready = c.created + c.adopted + c.updated + c.unchanged
    if dryRun {
      lines.append(
        "dry run (nothing written): \(selected) selected; ready \(ready) (create \(c.created), "
          + "adopt \(c.adopted), update \(c.updated), unchanged \(c.unchanged)); "
          + "to do in Remote \(c.todoInRemote), skipped \(c.skipped), failed \(c.failed), "
          + "deselected \(c.deselected), terminated \(c.terminated)")
    } else {
      lines.append(
        "sync: \(selected) selected; created \(c.created), adopted \(c.adopted), "
          + "updated \(c.updated), unchanged \(c.unchanged), to do in Remote \(c.todoInRemote), "
          + "skipped \(c.skipped), failed \(c.failed), deselected \(c.deselected), "
          + "terminated \(c.terminated)"
          + (c.notStarted > 0 ? ", not started \(c.notStarted)" : ""))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// The result of `SyncEngine.run()`.
public enum SyncRunResult: Sendable, Equatable {
  /// The gate did not pass: nothing was read or written in Remote.
  case gateRefused(reason: String, failures: [GateFailure])
  case completed(SyncSummary)

  /// 0 all synced, 1 some employees failed or were skipped, 3 the gate refused.
  public var exitCode: Int32 {
    switch self {
    case .gateRefused: return 3
    case .completed(let s): return s.exitCode
    }
  }

  /// The `--format json` document: `{"gate": {...}, "summary": {...} or null}`. Byte-stable.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(JSONForm(self))
  }

  /// The text form: one line per employee that is not unchanged, then a last line with counts.
  public func text() -> String {
    switch self {
    case .gateRefused(let reason, let failures):
      var lines = ["sync refused: the pre-flight check did not pass (\(reason))."]
      for f in failures {
        lines.append("  \(f.status.uppercased()) \(f.ruleId): \(f.reason)")
        if let fix = f.remediation { lines.append("    fix: \(fix)") }
      }
      lines.append("Nothing was read or written in Remote.")
      return lines.joined(separator: "\n") + "\n"
    case .completed(let s):
      return s.text()
    }
  }

  private struct JSONForm: Encodable {
    struct Gate: Encodable {
      var passed: Bool
      var reason: String?
      var failures: [GateFailure]
      func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(passed, forKey: .passed)
        try c.encode(reason, forKey: .reason)
        try c.encode(failures, forKey: .failures)
      }
      enum CodingKeys: String, CodingKey { case passed, reason, failures }
    }
    var gate: Gate
    var summary: SyncSummary?

    init(_ r: SyncRunResult) {
      switch r {
      case .gateRefused(let reason, let failures):
        gate = Gate(passed: false, reason: reason, failures: failures)
        summary = nil
      case .completed(let s):
        gate = Gate(passed: true, reason: nil, failures: [])
        summary = s
      }
    }

    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(gate, forKey: .gate)
      try c.encode(summary, forKey: .summary)
    }
    enum CodingKeys: String, CodingKey { case gate, summary }
  }
}
