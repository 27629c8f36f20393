import Foundation
import HibobAPI
import Synchronization

/// One employee's round trip with Remote (`sync.md`, "Writing Remote"). In a dry run only GETs
/// are sent and nothing is recorded.
///
/// The employee's last state record (after its create, adoption or update) is applied without
/// waiting for the file: its ticket goes to `pending`, and the engine waits for it once the
/// employee has given its request slot back (`SyncEngine.execute`).
struct EmployeeSync: Sendable {
  let remote: any RemoteEmploymentsAPI
  let store: SyncStateStore?
  let known: [String: SyncState.Entry]
  let today: String
  let dryRun: Bool
  /// Where this employee's last record's ticket goes; nil: each record waits for the file.
  var pending: PendingRecord? = nil

  /// A copy for one employee, handing its last record's ticket to `pending`.
  func handing(to pending: PendingRecord) -> EmployeeSync {
    var copy = self
    copy.pending = pending
    return copy
  }

  /// Records the employee's final entry: applied now and waited for by the engine when
  /// `pending` is set, else waited for here.
  private func recordFinal(_ id: String, _ entry: SyncState.Entry) async throws {
    guard let store else { return }
    if let pending {
      pending.set(try await store.apply(id, entry))
    } else {
      try await store.record(id, entry)
    }
  }

  /// Remote errors become a `fail` outcome; only a state write error is thrown.
  func process(_ payload: EmploymentPayload, stop: StopReason) async throws(SyncStateError)
    -> SyncOutcome
  {
    let id = payload.hibobId
    do {
      return try await sync(payload)
    } catch let error as SyncStateError {
      throw error
    } catch let error as RemoteAPIError {
      if error.isAuthorization {
        stop.set("Remote refused the token; no further employee was started")
      }
      if error == .cancelled {
        return SyncOutcome(hibobId: id, action: .notStarted, reason: "interrupted")
      }
      return SyncOutcome(hibobId: id, action: .fail, reason: error.description)
    } catch {
      return SyncOutcome(hibobId: id, action: .fail, reason: "unexpected error")
    }
  }

  private func sync(_ payload: EmploymentPayload) async throws -> SyncOutcome {
    let id = payload.hibobId
    if let entry = await entry(id) {
      if entry.payloadHash == payload.hash {
        return SyncOutcome(hibobId: id, action: .unchanged, remoteId: entry.remoteId)
      }
      if let current = try await remote.employment(id: entry.remoteId) {
        return try await reconcile(payload, current, baseline: entry.fingerprints, action: .update)
      }
      // Gone from Remote (deleted there): forget it and treat the employee as new.
      if !dryRun { try await store?.record(id, nil) }
    }
    if let outcome = try await adoptIfListed(payload) { return outcome }
    if payload.type != .contractor || payload.startDate != nil {
      guard let start = payload.startDate, start > today else {
        return SyncOutcome(
          hibobId: id, action: .skip,
          reason: "new to Remote with a start date that is not in the future; Remote needs a "
            + "future start date for a new hire")
      }
    }
    if dryRun {
      return SyncOutcome(hibobId: id, action: .create, reason: "not in Remote yet")
    }
    let created: RemoteEmployment
    do {
      created = try await remote.create(payload.createBody())
    } catch RemoteAPIError.emailTaken {
      // It exists: find it and adopt it; never a second POST.
      if let outcome = try await adoptIfListed(payload) { return outcome }
      return SyncOutcome(
        hibobId: id, action: .fail,
        reason: "Remote says the email is already taken but lists no employment with it "
          + "(it may belong to another company in Remote)")
    } catch let error as RemoteAPIError where error.createOutcomeUnknown {
      // The POST may have landed: look, never resend.
      if let outcome = try await adoptIfListed(payload) { return outcome }
      return SyncOutcome(
        hibobId: id, action: .fail,
        reason: "the answer to the create was lost (\(error.description)) and Remote does not "
          + "list the employment; the next run looks it up again before creating")
    }
    // Recorded as posted; the sections a create does not carry follow in a PATCH (allowed while
    // the employment is `created`), recorded once sent. If that PATCH fails, the employment is
    // in the state with what it holds, and the next run sends the rest.
    let posted = payload.createFingerprints()
    try await recordFinal(
      id,
      .init(
        remoteId: created.id, email: payload.loginEmail ?? "",
        payloadHash: EmploymentPayload.combinedHash(posted),
        status: created.status ?? "created", fingerprints: posted))
    let rest = payload.patchedSections
    guard !rest.isEmpty else {
      return SyncOutcome(hibobId: id, action: .create, remoteId: created.id)
    }
    do {
      return try await reconcile(payload, created, baseline: posted, action: .create)
    } catch let error as RemoteAPIError where !error.isAuthorization {
      return SyncOutcome(
        hibobId: id, action: .fail, remoteId: created.id,
        reason: "created in Remote, but \(rest.joined(separator: ", ")) could not be "
          + "sent (\(error.description)); the next run sends it")
    }
  }

  private func entry(_ id: String) async -> SyncState.Entry? {
    if let store { return await store.entry(id) }
    return known[id]
  }

  /// Looks the employee up by its login email; adopts the item whose login, personal or work
  /// email or `external_id` matches. Nil when Remote lists none.
  private func adoptIfListed(_ payload: EmploymentPayload) async throws -> SyncOutcome? {
    guard let email = payload.loginEmail else { return nil }
    let items = try await remote.findEmployments(email: email)
    let matches = items.filter { $0.matches(hibobId: payload.hibobId, emails: payload.emails) }
    let match = matches.count == 1 ? matches[0] : matches.first { $0.externalId == payload.hibobId }
    guard let match else {
      if matches.count > 1 {
        return SyncOutcome(
          hibobId: payload.hibobId, action: .fail,
          reason: "\(matches.count) Remote employments have this email and none has this Hibob "
            + "id as external_id; link the right one in Remote")
      }
      return nil
    }
    guard let current = try await remote.employment(id: match.id) else { return nil }
    return try await reconcile(payload, current, baseline: nil, action: .adopt)
  }

  /// Sends what Remote allows of what changed since `baseline` (the state's fingerprints, else
  /// what Remote holds), reports the rest as to do in Remote, and records the result.
  private func reconcile(
    _ payload: EmploymentPayload, _ current: RemoteEmployment, baseline: [String: String]?,
    action: SyncAction
  ) async throws -> SyncOutcome {
    let id = payload.hibobId
    let wanted = payload.fingerprints()
    let before = baseline ?? Self.fingerprints(of: current, like: payload)
    let changed = wanted.keys.filter { wanted[$0] != before[$0] }.sorted()
    let decision = UpdateRules.decide(
      changed: changed, status: current.status, type: payload.type)
    var body: [String: JSONValue] = [:]
    for section in decision.sections {
      body[section] = .object(payload.sections[section] ?? [:])
    }
    if decision.workEmailOnly, let email = payload.workEmail { body["work_email"] = .string(email) }
    var applied = before
    var status = current.status
    if !body.isEmpty && !dryRun {
      let updated = try await remote.update(id: current.id, .object(body))
      status = updated.status ?? status
    }
    for key in decision.appliedKeys { applied[key] = wanted[key] }
    // Keys that did not change are Remote's already.
    for key in wanted.keys where !changed.contains(key) { applied[key] = wanted[key] }
    if !dryRun {
      try await recordFinal(
        id,
        .init(
          remoteId: current.id, email: payload.loginEmail ?? "",
          payloadHash: EmploymentPayload.combinedHash(applied), status: status,
          fingerprints: applied))
    }
    let sent = decision.sections + (decision.workEmailOnly ? ["work_email"] : [])
    if !decision.todo.isEmpty {
      return SyncOutcome(
        hibobId: id, action: .todo, remoteId: current.id,
        reason: decision.todo.joined(separator: "; "), changedKeys: sent)
    }
    if changed.isEmpty || sent.isEmpty {
      return SyncOutcome(
        hibobId: id, action: action == .update ? .unchanged : action, remoteId: current.id,
        reason: action == .adopt ? "found in Remote by email or external_id" : nil)
    }
    return SyncOutcome(
      hibobId: id, action: action, remoteId: current.id,
      reason: action == .adopt ? "found in Remote by email or external_id" : nil,
      changedKeys: sent)
  }

  /// The fingerprints of what Remote holds, for the keys `payload` sends.
  static func fingerprints(of e: RemoteEmployment, like payload: EmploymentPayload) -> [String:
    String]
  {
    var f: [String: String] = [:]
    if let t = e.type { f["type"] = EmploymentPayload.hash(.string(t)) }
    if let c = e.countryCode { f["country_code"] = EmploymentPayload.hash(.string(c)) }
    if let le = payload.legalEntityId {
      // Remote's answer does not echo the legal entity: take it as sent.
      f["engaged_by_legal_entity_id"] = EmploymentPayload.hash(.string(le))
    }
    for (section, props) in payload.sections {
      let held = e.sections[section]?.objectValue
      if section == "basic_information" {
        for name in props.keys {
          if let v = held?[name] { f["basic_information." + name] = EmploymentPayload.hash(v) }
        }
      } else if let held {
        var subset: [String: JSONValue] = [:]
        for name in props.keys { if let v = held[name] { subset[name] = v } }
        f[section] = EmploymentPayload.hash(.object(subset))
      }
    }
    return f
  }
}

/// What Remote takes through `PATCH /v1/employments/{id}` for an employment's status and type
/// (`remote-api.md`, "Update").
enum UpdateRules {
  struct Decision: Equatable {
    /// Sections sent whole.
    var sections: [String] = []
    /// Send only the work email (top-level `work_email`, as in `EmploymentFullParams` [RF]).
    var workEmailOnly = false
    /// The fingerprint keys the PATCH makes true.
    var appliedKeys: [String] = []
    /// Reasons for what stays to do in Remote.
    var todo: [String] = []
  }

  static let activeSections: Set<String> = ["address_details", "emergency_contact_details"]

  static func decide(changed: [String], status: String?, type: EmploymentType) -> Decision {
    var d = Decision()
    guard !changed.isEmpty else { return d }
    let fixed = changed.filter {
      $0 == "type" || $0 == "country_code" || $0 == "engaged_by_legal_entity_id"
    }
    if !fixed.isEmpty {
      d.todo.append(
        "\(fixed.joined(separator: ", ")) changed: Remote does not change these on an existing "
          + "employment; end it and create a new one in Remote")
    }
    let rest = changed.filter { !fixed.contains($0) }
    guard !rest.isEmpty else { return d }
    if type == .contractor {
      d.todo.append(
        "changed \(sectionList(rest)): Remote does not take contractor changes through the API; "
          + "change them in Remote")
      return d
    }
    switch status ?? "created" {
    case "created":
      let sections = Set(rest.map(section))
      d.sections = sections.sorted()
      // A section is sent whole: every key of it becomes true.
      d.appliedKeys = rest
    case "invited":
      if rest.contains("basic_information.work_email") {
        d.workEmailOnly = true
        d.appliedKeys = ["basic_information.work_email"]
      }
      let others = rest.filter { $0 != "basic_information.work_email" }
      if !others.isEmpty {
        d.todo.append(
          "changed \(sectionList(others)): the employee is invited and Remote takes only the work "
            + "email through the API; change the rest in Remote")
      }
    case "active":
      var others: [String] = []
      var amendments: [String] = []
      for key in rest {
        if activeSections.contains(key) {
          d.sections.append(key)
          d.appliedKeys.append(key)
        } else if key == "basic_information.work_email" {
          d.workEmailOnly = true
          d.appliedKeys.append(key)
        } else if key == "basic_information.job_title"
          || key == "basic_information.provisional_start_date"
        {
          amendments.append(key)
        } else {
          others.append(key)
        }
      }
      if !amendments.isEmpty && type == .globalPayrollEmployee {
        // No contract amendment: Remote is not the employer. Remote's own Hibob integration
        // syncs a global payroll employee's job title, but its public API takes neither
        // property for an active employment.
        d.todo.append(
          "changed \(sectionList(amendments)) after onboarding: Remote's API does not take this "
            + "for an active global payroll employee; change it in the employee's profile in "
            + "Remote")
      } else if !amendments.isEmpty {
        d.todo.append(
          "changed \(sectionList(amendments)) after onboarding: needs a contract amendment in "
            + "Remote")
      }
      if !others.isEmpty {
        d.todo.append(
          "changed \(sectionList(others)): Remote does not take this for an active employment "
            + "through the API; change it in Remote")
      }
    case let other:
      d.todo.append(
        "changed \(sectionList(rest)): the employment is '\(other.prefix(32))' in Remote, which "
          + "takes no changes through the API")
    }
    return d
  }

  private static func section(_ key: String) -> String {
    String(key.split(separator: ".", maxSplits: 1).first ?? Substring(key))
  }

  private static func sectionList(_ keys: [String]) -> String {
    keys.sorted().joined(separator: ", ")
  }
}

/// The ticket of an employee's last state record, waiting to be durable.
final class PendingRecord: Sendable {
  private let value = Mutex<Int?>(nil)

  var ticket: Int? { value.withLock { $0 } }

  func set(_ ticket: Int) { value.withLock { $0 = ticket } }
}
