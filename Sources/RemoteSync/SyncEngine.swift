import Common
import Foundation
import HibobAPI
import Synchronization

/// A sync that could not run at all.
public enum SyncError: Error, Equatable, Sendable, CustomStringConvertible {
  case state(SyncStateError)
  /// Hibob could not be read (its description).
  case source(String)
  /// The mapping does not fit the tenant or Remote's forms (exit 2).
  case configuration(String)
  /// Remote could not be read before any employee was sent.
  case remote(String)
  /// Remote refused the token (401) or its access (403) before any employee was sent: a
  /// configuration error, like a missing token (exit 2).
  case remoteToken(String)

  public var description: String {
    switch self {
    case .state(let e): return e.description
    case .source(let why): return "could not read the employees from Hibob: \(why)"
    case .configuration(let why): return why
    case .remote(let why), .remoteToken(let why): return why
    }
  }

  /// 2 for a damaged or unwritable state file, a mapping that does not fit or a Remote token
  /// refused, 1 otherwise.
  public var exitCode: Int32 {
    switch self {
    case .state(.locked): return 1
    case .state, .configuration, .remoteToken: return 2
    case .source, .remote: return 1
    }
  }
}

/// How the engine runs.
public struct SyncOptions: Sendable {
  /// Data readiness only: reads Hibob and Remote (GET only), writes nothing, state untouched.
  public var dryRun: Bool
  /// Remote requests in flight at once (at least 1).
  public var concurrency: Int
  /// Today as `yyyy-MM-dd` (UTC by default): a new employee needs a start date after it.
  public var today: String
  public var mapping: SyncMapping

  public init(
    dryRun: Bool = false, concurrency: Int = 4, today: String = UTCDate.day(Date()),
    mapping: SyncMapping = .builtIn
  ) {
    self.dryRun = dryRun
    self.concurrency = max(1, concurrency)
    self.today = today
    self.mapping = mapping
  }
}

/// Progress after each employee (the command line prints it on stderr for large runs).
public struct SyncProgress: Sendable, Equatable {
  public var done: Int
  public var total: Int
  public var hibobId: String
  public var action: SyncAction
}

/// The gated sync (`sync.md`): lock, gate, one Hibob search for what the mapping needs, the
/// country forms once per country, local validation, then per employee: look-up and adopt, one
/// create, an update that Remote allows for the employment's status and type, or nothing;
/// the state recorded after every employee.
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
  /// unreadable, a mapping that does not fit); a refused gate is a result, not an error.
  public func run() async throws(SyncError) -> SyncRunResult {
    if options.dryRun {
      let state: SyncState
      do { state = try SyncStateStore.load(stateFile) } catch { throw .state(error) }
      if case .refused(let reason, let failures) = await gate.check() {
        return .gateRefused(reason: reason, failures: failures)
      }
      return try await execute(known: state.employees, store: nil)
    }
    let store: SyncStateStore
    do { store = try SyncStateStore.open(stateFile) } catch { throw .state(error) }
    do {
      let result: SyncRunResult
      if case .refused(let reason, let failures) = await gate.check() {
        result = .gateRefused(reason: reason, failures: failures)
      } else {
        result = try await execute(known: await store.state.employees, store: store)
      }
      await store.close()
      return result
    } catch {
      await store.close()
      throw error
    }
  }

  // MARK: - Planning

  struct Plan {
    var work: [EmploymentPayload] = []
    var reported: [SyncOutcome] = []
    var selected = 0
    /// What the round left out for every employee of a country (a form Remote does not serve).
    var notes: [String] = []
  }

  private func plan(known: [String: SyncState.Entry]) async throws(SyncError) -> Plan {
    let records: [HibobEmployeeRecord]
    do {
      records = try await source.employees(mapping: options.mapping)
    } catch let error as HibobSyncSourceError {
      if case .unknownMappingFields = error { throw .configuration(error.description) }
      throw .source(error.description)
    } catch {
      throw .source(String(describing: error))
    }
    var plan = Plan()
    var seen = Set<String>()
    var ready: [(HibobEmployeeRecord, EmploymentType, String)] = []
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
      switch PayloadBuilder.country(of: record) {
      case .failure(let skip):
        plan.reported.append(
          SyncOutcome(
            hibobId: record.id, action: .skip, remoteId: entry?.remoteId, reason: skip.reason))
      case .success(let country):
        ready.append((record, type, country))
      }
    }
    for (id, entry) in known where !seen.contains(id) {
      plan.reported.append(
        SyncOutcome(
          hibobId: id, action: .deselected, remoteId: entry.remoteId,
          reason: "no longer visible in the Hibob search; kept in Remote"))
    }
    let gpCountries = Set(ready.filter { $0.1 == .globalPayrollEmployee }.map(\.2))
    let forms = try await fetchForms(
      countries: Set(ready.map(\.2)), globalPayrollCountries: gpCountries)
    for (country, names) in forms.unserved.sorted(by: { $0.key < $1.key }) {
      plan.notes.append(
        "Remote serves no \(names.sorted().joined(separator: ", ")) form for \(country) (404): "
          + "those sections are not sent for its employees")
    }
    let unknown = options.mapping.unknownProperties(forms: forms.propertiesForCheck())
    if !unknown.isEmpty {
      throw .configuration(
        "the mapping names form properties Remote's forms do not have: "
          + unknown.prefix(10).joined(separator: ", "))
    }
    let builder = PayloadBuilder(mapping: options.mapping)
    let remoteIds = known.mapValues(\.remoteId)
    for (record, type, country) in ready {
      let entry = known[record.id]
      switch forms.forms(country: country, type: type) {
      case .failure(let skip)?:
        plan.reported.append(
          SyncOutcome(
            hibobId: record.id, action: .skip, remoteId: entry?.remoteId, reason: skip.reason))
      case .success(let countryForms)?:
        switch builder.payload(
          for: record, type: type, country: country, forms: countryForms, remoteIds: remoteIds,
          otherFormProperties: forms.otherProperties(country: country, type: type))
        {
        case .failure(let skip):
          plan.reported.append(
            SyncOutcome(
              hibobId: record.id, action: .skip, remoteId: entry?.remoteId, reason: skip.reason,
              problems: skip.problems))
        case .success(let payload):
          plan.work.append(payload)
        }
      case nil:
        plan.reported.append(SyncOutcome(hibobId: record.id, action: .skip, reason: "no form"))
      }
    }
    return plan
  }

  /// The forms of one round.
  struct FetchedForms {
    /// Country -> section -> form, or why the country's employees are skipped.
    var sections: [String: Result<[String: RemoteForm], SkipDetail>] = [:]
    /// Country -> the forms other than basic information that Remote answered 404 for: those
    /// sections are left out of its employees' payloads (Remote has nowhere to keep them).
    var unserved: [String: [String]] = [:]
    /// Country -> `global_payroll_basic_information`; absent where Remote has none (404).
    var globalPayroll: [String: Result<RemoteForm, SkipDetail>] = [:]

    /// Section -> form for an employee of `type` in `country`: a global payroll employee's
    /// `basic_information` is validated against global payroll's form where Remote has one.
    func forms(country: String, type: EmploymentType) -> Result<
      [String: RemoteForm], SkipDetail
    >? {
      guard let base = sections[country] else { return nil }
      guard type == .globalPayrollEmployee, let gp = globalPayroll[country] else { return base }
      switch (base, gp) {
      case (.failure, _): return base
      case (_, .failure(let why)): return .failure(why)
      case (.success(var forms), .success(let form)):
        forms["basic_information"] = form
        return .success(forms)
      }
    }

    /// Section -> the properties of the country's other basic information form (global
    /// payroll's for an EOR employee, and the other way round): a property the mapping names
    /// for the country that only the other form has is meant for the other type, and left out.
    func otherProperties(country: String, type: EmploymentType) -> [String: Set<String>] {
      guard case .success(let gp)? = globalPayroll[country],
        case .success(let eor)? = sections[country], let eorBasic = eor["basic_information"]
      else { return [:] }
      let other = type == .globalPayrollEmployee ? eorBasic : gp
      return ["basic_information": other.propertyNames]
    }

    /// Country -> section -> form for the mapping's "unknown property" check: a property of
    /// either basic information form is known.
    func propertiesForCheck() -> [String: [String: RemoteForm]] {
      var result = sections.compactMapValues { try? $0.get() }
      for (country, gp) in globalPayroll {
        guard case .success(let form) = gp else { continue }
        var properties = form.schema["properties"]?.objectValue ?? [:]
        if let eor = result[country]?["basic_information"]?.schema["properties"]?.objectValue {
          properties.merge(eor) { a, _ in a }
        }
        result[country, default: [:]]["basic_information"] = RemoteForm(
          schema: .object(["properties": .object(properties)]))
      }
      return result
    }
  }

  /// Every needed form of every country, once, `concurrency` at a time; global payroll's basic
  /// information only for the countries in `globalPayrollCountries`. A country Remote has no
  /// form for (404) skips its employees; a token Remote refuses stops the round.
  private func fetchForms(countries: Set<String>, globalPayrollCountries: Set<String>)
    async throws(SyncError) -> FetchedForms
  {
    let forms = options.mapping.formSections.compactMap { FormName(section: $0) }
    var jobs = countries.sorted().flatMap { c in forms.map { (c, $0) } }
    jobs += globalPayrollCountries.sorted().map { ($0, FormName.globalPayrollBasicInformation) }
    var results = FetchedForms()
    let remote = self.remote
    let fetched: [(String, FormName, Result<RemoteForm, RemoteAPIError>)] = await withTaskGroup(
      of: (String, FormName, Result<RemoteForm, RemoteAPIError>).self
    ) { group in
      var pending = jobs.makeIterator()
      var out: [(String, FormName, Result<RemoteForm, RemoteAPIError>)] = []
      func add() {
        guard let (country, form) = pending.next() else { return }
        group.addTask {
          do {
            return (country, form, .success(try await remote.form(country: country, form)))
          } catch let e as RemoteAPIError {
            return (country, form, .failure(e))
          } catch {
            return (country, form, .failure(.transport(.connectionFailed("unexpected error"))))
          }
        }
      }
      for _ in 0..<options.concurrency { add() }
      while let r = await group.next() {
        out.append(r)
        add()
      }
      return out
    }
    for (country, form, result) in fetched.sorted(by: {
      ($0.0, $0.1.rawValue) < ($1.0, $1.1.rawValue)
    }) {
      let name = form.rawValue
      switch result {
      case .failure(.unauthorized):
        throw .remoteToken(RemoteAPIError.unauthorized.description)
      case .failure(.cancelled):
        throw .remote("interrupted before the forms were read")
      case .success(let f) where form == .globalPayrollBasicInformation:
        results.globalPayroll[country] = .success(f)
      case .failure(let e) where form == .globalPayrollBasicInformation && e.isClientRefusal:
        // Not served to this token (a 4xx): global payroll employees stay on the EOR form.
        continue
      case .failure(let e) where e.isAuthorization:
        throw .remoteToken(e.description)
      case .failure(let e) where form == .globalPayrollBasicInformation:
        results.globalPayroll[country] = .failure(
          SkipDetail("the \(name) form for \(country) could not be read: \(e.description)"))
      case .success(let f):
        if case .failure? = results.sections[country] { continue }
        var current = (try? results.sections[country]?.get()) ?? [:]
        current[form.section] = f
        results.sections[country] = .success(current)
      case .failure(.notFound) where form.section != "basic_information":
        // The country's basic information form (always asked) decides whether it is skipped.
        results.unserved[country, default: []].append(name)
      case .failure(.notFound):
        results.sections[country] = .failure(
          SkipDetail("Remote has no \(name) form for \(country) (404): it cannot employ there"))
      case .failure(let e):
        results.sections[country] = .failure(
          SkipDetail("the \(name) form for \(country) could not be read: \(e.description)"))
      }
    }
    return results
  }

  // MARK: - Running

  private func execute(known: [String: SyncState.Entry], store: SyncStateStore?)
    async throws(SyncError) -> SyncRunResult
  {
    let plan = try await plan(known: known)
    let stop = StopReason()
    var outcomes = plan.reported
    let total = plan.work.count
    var started = Set<String>()
    let worker = EmployeeSync(
      remote: remote, store: store, known: known, today: options.today, dryRun: options.dryRun)
    // An employee holds one of `concurrency` request slots while it talks to Remote (one
    // request at a time), and gives it back before its last state record is durable: the wait
    // for the file (a whole-file write and fsync, longer as the state grows) is not a request
    // and does not keep the next employee from starting. At most `concurrency` employees wait
    // so, so a crash loses at most twice `concurrency` records, each repaired by the look-up.
    let slots = options.concurrency
    do {
      try await withThrowingTaskGroup(of: EmployeeStep.self) { group in
        var pending = plan.work.makeIterator()
        var done = 0
        var talking = 0
        var waiting = 0
        func startNext() -> Bool {
          if cancellation.isCancelled || Task.isCancelled {
            stop.set("interrupted (SIGINT or SIGTERM); no new employee was started")
          }
          guard stop.reason == nil, let payload = pending.next() else { return false }
          started.insert(payload.hibobId)
          let record = PendingRecord()
          let employee = worker.handing(to: record)
          group.addTask {
            .talked(try await employee.process(payload, stop: stop), record.ticket)
          }
          talking += 1
          return true
        }
        func startMore() {
          while talking < slots && talking + waiting < 2 * slots {
            if !startNext() { break }
          }
        }
        func finish(_ outcome: SyncOutcome) {
          outcomes.append(outcome)
          done += 1
          progress?(
            SyncProgress(done: done, total: total, hibobId: outcome.hibobId, action: outcome.action)
          )
        }
        startMore()
        while let step = try await group.next() {
          switch step {
          case .talked(let outcome, let ticket):
            talking -= 1
            if let ticket, let store {
              waiting += 1
              group.addTask {
                try await store.durable(ticket)
                return .recorded(outcome)
              }
            } else {
              finish(outcome)
            }
          case .recorded(let outcome):
            waiting -= 1
            finish(outcome)
          }
          startMore()
        }
      }
    } catch let error as SyncStateError {
      throw .state(error)
    } catch {
      throw .source(String(describing: error))
    }
    for payload in plan.work where !started.contains(payload.hibobId) {
      outcomes.append(
        SyncOutcome(hibobId: payload.hibobId, action: .notStarted, reason: stop.reason))
    }
    return .completed(
      SyncSummary(
        dryRun: options.dryRun, stoppedReason: stop.reason, outcomes: outcomes,
        selected: plan.selected, requests: requestStats?(), notes: plan.notes))
  }
}

/// One step of an employee in `SyncEngine.execute`: done with Remote (with the ticket of its
/// last state record, if it made one), then recorded.
private enum EmployeeStep: Sendable {
  case talked(SyncOutcome, Int?)
  case recorded(SyncOutcome)
}

/// The first reason to stop starting employees; shared by the employees in flight.
final class StopReason: Sendable {
  private let value = Mutex<String?>(nil)

  var reason: String? { value.withLock { $0 } }

  func set(_ reason: String) {
    value.withLock { if $0 == nil { $0 = reason } }
  }
}
