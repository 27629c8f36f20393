import Common
import Foundation
import LoopbackHTTP
import Synchronization

/// A simulated Hibob tenant answering the API of hibob-api.md under `/v1`, as a request handler
/// that tests can call directly (`handle(_:)`) or serve over loopback (`SimulatedHibob`).
///
/// Order of checks for every request: injected fault, a GET with a JSON `Content-Type` (400 HTML,
/// as a real tenant answers), route (an unknown path answers 200 with an HTML page), credentials
/// (401), rate limit (searches), permission (403), resource (404), body
/// and parameters (400).
public final class HibobSimulator: Sendable {
  /// Searches allowed per service user in any 60-second window.
  public static let searchLimit = 50
  public static let searchWindow: TimeInterval = 60

  /// The tenant as loaded (writes do not change it; see `namedLists` and `fields`).
  public let tenant: Tenant
  let clock: @Sendable () -> Date
  let access: Access
  let employeeIndex: [String: Int]
  let emailIndex: [String: Int]
  private let expectedAuthorization: String
  let state: Mutex<State>

  struct State {
    var fields: [FieldDefinition]
    var lists: [NamedList]
    var searchTimes: [Date] = []
    var faults: [(spec: FaultSpec, remaining: Int)] = []
    var log: [LoggedRequest] = []
    var nextId = 1
  }

  /// - Parameters:
  ///   - tenant: a validated tenant (`Tenant.load`, `Tenant.decode` or `TenantGenerator`).
  ///   - clock: the time for the rate limit, the log and (without `tenant.today`) `isCurrent`.
  public init(tenant: Tenant, clock: @escaping @Sendable () -> Date = { Date() }) {
    self.tenant = tenant
    self.clock = clock
    let lists = tenant.effectiveNamedLists
    access = Access(tenant: tenant, lists: lists)
    var byId: [String: Int] = [:]
    var byEmail: [String: Int] = [:]
    for (index, employee) in tenant.employees.enumerated() {
      byId[employee.id] = index
      if let email = employee.email?.lowercased(), byEmail[email] == nil { byEmail[email] = index }
    }
    employeeIndex = byId
    emailIndex = byEmail
    expectedAuthorization =
      "Basic "
      + Data("\(tenant.serviceUser.id):\(tenant.serviceUser.token)".utf8)
      .base64EncodedString()
    var initial = State(fields: tenant.effectiveFields, lists: lists)
    initial.faults = tenant.faults.map { ($0, $0.times) }
    state = Mutex(initial)
  }

  // MARK: Test helpers

  /// Every request answered so far, oldest first.
  public var requests: [LoggedRequest] { state.withLock { $0.log } }

  /// How many requests were answered with `status`.
  public func count(status: Int) -> Int { requests.filter { $0.status == status }.count }

  /// How many requests were sent to `path` (without query), optionally with `method`.
  public func count(method: String? = nil, path: String) -> Int {
    requests.filter { $0.path == path && (method == nil || $0.method == method) }.count
  }

  /// Forgets the request log.
  public func clearLog() { state.withLock { $0.log = [] } }

  /// Adds a fault for the next `fault.times` matching requests (after those already queued).
  public func addFault(_ fault: FaultSpec) {
    state.withLock { $0.faults.append((fault, fault.times)) }
  }

  /// Removes every pending fault.
  public func clearFaults() { state.withLock { $0.faults = [] } }

  /// The named lists now (after writes).
  public var namedLists: [NamedList] { state.withLock { $0.lists } }

  /// The field metadata now (after writes).
  public var fields: [FieldDefinition] { state.withLock { $0.fields } }

  // MARK: Handling

  /// Answers one request. Never throws; every problem is an HTTP answer.
  public func handle(_ request: ServerRequest) async -> ServerResponse {
    let path = request.path
    let method = request.method.uppercased()
    let authorized = request.headers["authorization"] == expectedAuthorization
    let fault = takeFault(method: method, path: path)
    var response: ServerResponse
    if let fault, let immediate = immediateResponse(for: fault) {
      response = immediate
    } else {
      response = answer(request, method: method, authorized: authorized)
      if let fault { response = modify(response, with: fault) }
    }
    let entry = LoggedRequest(
      method: method, path: HibobSimulator.redacted(path),
      query: request.query.mapValues(HibobSimulator.redacted),
      status: response.fault == .closeConnection ? 0 : response.status, authorized: authorized,
      time: clock(), fault: fault?.kind)
    state.withLock { $0.log.append(entry) }
    return response
  }

  private func answer(_ request: ServerRequest, method: String, authorized: Bool) -> ServerResponse
  {
    if method == "GET", !tenant.legacyShapes,
      request.headers["content-type"]?.lowercased().contains("application/json") == true
    {
      return Responses.htmlBadRequest()
    }
    guard let route = Route(method: method, path: request.path) else {
      return Responses.html()
    }
    guard authorized else { return Responses.unauthorized() }
    switch route {
    case .fieldMetadata: return fieldMetadata()
    case .createField: return createField(request.body)
    case .updateField(let id): return updateField(id, body: request.body)
    case .deleteField(let id): return deleteField(id)
    case .search: return search(request.body)
    case .employee(let idOrEmail): return employee(idOrEmail, body: request.body)
    case .employeeHistory(let id, let table): return employeeHistory(id, table: table)
    case .bulkHistory(let table): return bulkHistory(table, query: request.query)
    case .namedLists: return allNamedLists(query: request.query)
    case .namedList(let name): return namedList(name, query: request.query)
    case .createListItem(let list): return createListItem(list, body: request.body)
    case .updateListItem(let list, let item):
      return updateListItem(list, itemId: item, body: request.body)
    case .deleteListItem(let list, let item): return deleteListItem(list, itemId: item)
    }
  }

  /// The log never holds an email address: a path segment or query value with `@` (as in
  /// `POST /v1/people/{email}`) becomes `{email}`.
  static func redacted(_ text: String) -> String {
    guard text.contains("@") || text.contains("%40") else { return text }
    return text.split(separator: "/", omittingEmptySubsequences: false).map { segment in
      segment.contains("@") || segment.contains("%40") ? "{email}" : String(segment)
    }.joined(separator: "/")
  }

  func nextId() -> Int {
    state.withLock { s in
      defer { s.nextId += 1 }
      return s.nextId
    }
  }

  /// "Today" for history rows.
  func today() -> String {
    if let today = tenant.today { return today }
    return UTCDate.day(clock())
  }
}

/// The endpoints of hibob-api.md.
enum Route: Equatable {
  case fieldMetadata, createField
  case updateField(String)
  case deleteField(String)
  case search
  case employee(String)
  case employeeHistory(String, String)
  case bulkHistory(String)
  case namedLists
  case namedList(String)
  case createListItem(String)
  case updateListItem(String, String)
  case deleteListItem(String, String)

  init?(method: String, path: String) {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
      String($0).removingPercentEncoding ?? String($0)
    }
    guard parts.first == "v1", !parts.contains(where: \.isEmpty) else { return nil }
    let p = Array(parts.dropFirst())
    let tables: Set<String> = ["employment", "work", "lifecycle"]
    switch (method, p.count) {
    case ("GET", 3) where p[0] == "company" && p[1] == "people" && p[2] == "fields":
      self = .fieldMetadata
    case ("POST", 3) where p[0] == "company" && p[1] == "people" && p[2] == "fields":
      self = .createField
    case ("PUT", 4) where p[0] == "company" && p[1] == "people" && p[2] == "fields":
      self = .updateField(p[3])
    case ("DELETE", 4) where p[0] == "company" && p[1] == "people" && p[2] == "fields":
      self = .deleteField(p[3])
    case ("POST", 2) where p[0] == "people" && p[1] == "search": self = .search
    case ("POST", 2) where p[0] == "people": self = .employee(p[1])
    case ("GET", 3) where p[0] == "people" && tables.contains(p[2]):
      self = .employeeHistory(p[1], p[2])
    case ("GET", 3) where p[0] == "bulk" && p[1] == "people" && tables.contains(p[2]):
      self = .bulkHistory(p[2])
    case ("GET", 2) where p[0] == "company" && p[1] == "named-lists": self = .namedLists
    case ("GET", 3) where p[0] == "company" && p[1] == "named-lists": self = .namedList(p[2])
    case ("POST", 3) where p[0] == "company" && p[1] == "named-lists":
      self = .createListItem(p[2])
    case ("PUT", 4) where p[0] == "company" && p[1] == "named-lists":
      self = .updateListItem(p[2], p[3])
    case ("DELETE", 4) where p[0] == "company" && p[1] == "named-lists":
      self = .deleteListItem(p[2], p[3])
    default: return nil
    }
  }
}
