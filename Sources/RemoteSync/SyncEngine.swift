import Foundation
import Synchronization

/// Where the employees come from: one Hibob people search with `showInactive: true`
/// (`HibobSyncSource` is the real one).
public protocol SyncEmployeeSource: Sendable {
  /// Every employee the service user can see, selected or not.
  func employees() async throws -> [HibobEmployeeRecord]
}

/// A sync that could not run at all.
public enum SyncError: Error, Equatable, Sendable, CustomStringConvertible {
  case state(SyncStateError)
  /// The Hibob people search failed (its description).
  case source(String)

  public var description: String {
    switch self {
    case .state(let e): return e.description
    case .source(let why): return "could not read the employees from Hibob: \(why)"
    }
  }

  /// 2 for a damaged or unwritable state file (configuration), 1 otherwise.
  public var exitCode: Int32 {
    switch self {
    case .state(.locked): return 1
    case .state: return 2
    case .source: return 1
    }
  }
}

/// How the engine runs.
public struct SyncOptions: Sendable {
  /// Plan only: no request to Remote at all, the state file untouched.
  public var dryRun: Bool
  /// Employees in flight at once (at least 1).
  public var concurrency: Int
  /// Today as `yyyy-MM-dd` (UTC by default): a new employee needs a start date on or after it.
  public var today: String
  public var mapper: EmployeeMapper
  /// POSTs per employee when the outcome of one is unknown (each preceded by an email look-up).
  public var createAttempts: Int

  public init(
    dryRun: Bool = false, concurrency: Int = 4, today: String = EmployeeMapper.isoDay(Date()),
    mapper: EmployeeMapper = EmployeeMapper(), createAttempts: Int = 3
  ) {
    self.dryRun = dryRun
    self.concurrency = max(1, concurrency)
    self.today = today
    self.mapper = mapper
    self.createAttempts = max(1, createAttempts)
  }
}

/// Progress after each employee (the command line prints it on stderr for large runs).
public struct SyncProgress: Sendable, Equatable {
  public var done: Int
  public var total: Int
  public var hibobId: String
  public var action: SyncAction
}

/// The gated sync: lock, gate, one Hibob search, then per employee a look-up, create, patch or
/// nothing, recording the state after every employee.
public struct SyncEngine: Sendable {
  public var gate: any SyncGate
  public var source: any SyncEmployeeSource
  public var remote: any RemoteEmploymentsAPI
  public var stateFile: URL
  public var options: SyncOptions
  public var cancellation: SyncCancellation
  public var progress: (@Sendable (SyncProgress) -> Void)?
  /// Read after the run for the summary's `requests` (the real client's counts).
  public var requestStats: (@Sendable () -> RemoteClientStats)?

  public init(
    gate: any SyncGate, source: any SyncEmployeeSource, remote: any RemoteEmploymentsAPI,
    stateFile: URL, options: SyncOptions = SyncOptions(),
    cancellation: SyncCancellation = SyncCancellation(),
    progress: (@Sendable (SyncProgress) -> Void)? = nil,
    requestStats: (@Sendable () -> RemoteClientStats)? = nil
  ) {
    self.gate = gate
    self.source = source
    self.remote = remote
    self.stateFile = stateFile
    self.options = options
    self.cancellation = cancellation
    self.progress = progress
    self.requestStats = requestStats
  }

  /// One round. Throws `SyncError` when it cannot run at all (lock held, damaged state, Hibob
  /// unreadable); a refused gate is a result, not an error.
  public func run() async throws(SyncError) -> SyncRunResult {
    if options.dryRun {
      let state: SyncState
      do { state = try SyncStateStore.load(stateFile) } catch { throw .state(error) }
      if case .refused(let reason, let failures) = await gate.check() {
        return .gateRefused(reason: reason, failures: failures)
      }
      let plan = try await planRound(known: state.employees)
      return .completed(dryRunSummary(plan, state: state))
    }
    let store: SyncStateStore
    do { store = try SyncStateStore.open(stateFile) } catch { throw .state(error) }
    do {
      let result = try await runLocked(store)
      await store.close()
      return result
    } catch {
      await store.close()
      throw error
    }
  }

  // MARK: - Planning

  struct Plan {
    var work: [(id: String, payload: EmploymentPayload)] = []
    var reported: [SyncOutcome] = []
    var selected = 0
  }

  private func planRound(known: [String: SyncState.Entry]) async throws(SyncError) -> Plan {
    let records: [HibobEmployeeRecord]
    do { records = try await source.employees() } catch {
      throw .source(String(describing: error))
    }
    var plan = Plan()
    var seen = Set<String>()
    for record in records.sorted(by: { $0.id < $1.id }) where seen.insert(record.id).inserted {
      let entry = known[record.id]
      guard let type = record.selectedType else {
        if let entry {
          plan.reported.append(
            SyncOutcome(
              hibobId: record.id, action: .deselected, remoteId: entry.remoteId,
              reason: "Sync to Remote is no longer set; kept in Remote"))
        }
        continue
      }
      plan.selected += 1
      if record.isTerminated(today: options.today) {
        plan.reported.append(
          SyncOutcome(
            hibobId: record.id, action: .terminated, remoteId: entry?.remoteId,
            reason: "terminated in Hibob; not sent, never deleted in Remote"))
        continue
      }
      switch options.mapper.payload(for: record, type: type) {
      case .failure(let reason):
        plan.reported.append(
          SyncOutcome(
            hibobId: record.id, action: .skip, remoteId: entry?.remoteId,
            reason: reason.description))
      case .success(let payload):
        plan.work.append((record.id, payload))
      }
    }
    for (id, entry) in known where !seen.contains(id) {
      plan.reported.append(
        SyncOutcome(
          hibobId: id, action: .deselected, remoteId: entry.remoteId,
          reason: "no longer visible in the Hibob search; kept in Remote"))
    }
    return plan
  }

  private func dryRunSummary(_ plan: Plan, state: SyncState) -> SyncSummary {
    var outcomes = plan.reported
    for (id, payload) in plan.work {
      if let entry = state.employees[id] {
        outcomes.append(
          SyncOutcome(
            hibobId: id, action: entry.payloadHash == payload.hash ? .unchanged : .update,
            remoteId: entry.remoteId))
      } else if payload.basicInformation.provisionalStartDate < options.today {
        outcomes.append(
          SyncOutcome(
            hibobId: id, action: .skip,
            reason: SkipReason.pastStartDate.description
              + " (unless Remote already has this email: then it is adopted)"))
      } else {
        outcomes.append(
          SyncOutcome(
            hibobId: id, action: .create,
            reason: "unless Remote already has this email: then it is adopted"))
      }
    }
    return SyncSummary(
      dryRun: true, stoppedReason: nil, outcomes: outcomes, selected: plan.selected,
      requests: RemoteClientStats())
  }

  // MARK: - Running

  private func runLocked(_ store: SyncStateStore) async throws(SyncError) -> SyncRunResult {
    if case .refused(let reason, let failures) = await gate.check() {
      return .gateRefused(reason: reason, failures: failures)
    }
    let known = await store.state.employees
    let plan = try await planRound(known: known)
    let stop = StopReason()
    var outcomes = plan.reported
    let total = plan.work.count
    var started = Set<String>()
    do {
      try await withThrowingTaskGroup(of: SyncOutcome.self) { group in
        var pending = plan.work.makeIterator()
        var done = 0
        func startNext() -> Bool {
          if cancellation.isCancelled || Task.isCancelled {
            stop.set("cancelled (SIGINT or SIGTERM); the employees in flight were finished")
          }
          guard stop.reason == nil, let item = pending.next() else { return false }
          started.insert(item.id)
          group.addTask {
            try await process(item.id, item.payload, store: store, stop: stop)
          }
          return true
        }
        for _ in 0..<options.concurrency where !startNext() { break }
        while let outcome = try await group.next() {
          outcomes.append(outcome)
          done += 1
          progress?(
            SyncProgress(done: done, total: total, hibobId: outcome.hibobId, action: outcome.action)
          )
          _ = startNext()
        }
      }
    } catch let error as SyncStateError {
      throw .state(error)
    } catch {
      throw .source(String(describing: error))
    }
    for (id, _) in plan.work where !started.contains(id) {
      outcomes.append(SyncOutcome(hibobId: id, action: .notStarted, reason: stop.reason))
    }
    return .completed(
      SyncSummary(
        dryRun: false, stoppedReason: stop.reason, outcomes: outcomes, selected: plan.selected,
        requests: requestStats?()))
  }

  /// One employee. Remote errors become a `fail` outcome; only a state write error is thrown.
  private func process(
    _ id: String, _ payload: EmploymentPayload, store: SyncStateStore, stop: StopReason
  ) async throws(SyncStateError) -> SyncOutcome {
    do {
      return try await sync(id, payload, store: store)
    } catch let error as SyncStateError {
      throw error
    } catch let error as RemoteAPIError {
      switch error {
      case .unauthorized, .forbidden:
        stop.set("Remote refused the token; no further employee was started")
      default: break
      }
      return SyncOutcome(hibobId: id, action: .fail, reason: error.description)
    } catch {
      return SyncOutcome(hibobId: id, action: .fail, reason: String(describing: error))
    }
  }

  private func sync(_ id: String, _ payload: EmploymentPayload, store: SyncStateStore)
    async throws -> SyncOutcome
  {
    let hash = payload.hash
    if let entry = await store.entry(id) {
      if entry.payloadHash == hash {
        return SyncOutcome(hibobId: id, action: .unchanged, remoteId: entry.remoteId)
      }
      if let current = try await remote.employment(id: entry.remoteId) {
        return try await reconcile(id, payload, current: current, store: store, action: .update)
      }
      // Gone from Remote (deleted there): forget it and treat the employee as new.
      try await store.record(id, nil)
    }
    var attempt = 0
    while true {
      attempt += 1
      let found = try await remote.employments(email: payload.basicInformation.email)
      let match = found.count == 1 ? found.first : found.first { $0.externalId == id }
      if let match {
        return try await reconcile(id, payload, current: match, store: store, action: .adopt)
      }
      if found.count > 1 {
        return SyncOutcome(
          hibobId: id, action: .fail,
          reason: "\(found.count) Remote employments have this email; none is linked to this id")
      }
      if payload.basicInformation.provisionalStartDate < options.today {
        return SyncOutcome(hibobId: id, action: .skip, reason: SkipReason.pastStartDate.description)
      }
      do {
        let created = try await remote.create(payload)
        try await store.record(
          id, .init(remoteId: created.id, email: payload.basicInformation.email, payloadHash: hash))
        return SyncOutcome(hibobId: id, action: .create, remoteId: created.id)
      } catch let error as RemoteAPIError where error.createOutcomeUnknown {
        // The POST may have landed: the next pass looks the email up before sending again.
        if attempt >= options.createAttempts { throw error }
      }
    }
  }

  /// PATCHes `current` with what differs (if anything) and records it.
  private func reconcile(
    _ id: String, _ payload: EmploymentPayload, current: RemoteEmployment, store: SyncStateStore,
    action: SyncAction
  ) async throws -> SyncOutcome {
    var keys: [String] = []
    if let patch = payload.changes(from: current) {
      _ = try await remote.update(id: current.id, patch)
      keys = patch.keys
    }
    try await store.record(
      id,
      .init(remoteId: current.id, email: payload.basicInformation.email, payloadHash: payload.hash))
    let finalAction: SyncAction = action == .update && keys.isEmpty ? .unchanged : action
    return SyncOutcome(
      hibobId: id, action: finalAction, remoteId: current.id,
      reason: action == .adopt ? "found in Remote by email" : nil, changedKeys: keys)
  }
}

/// The first reason to stop starting employees; shared by the employees in flight.
final class StopReason: Sendable {
  private let value = Mutex<String?>(nil)

  var reason: String? { value.withLock { $0 } }

  func set(_ reason: String) {
    value.withLock { if $0 == nil { $0 = reason } }
  }
}
