import Foundation
import LoopbackHTTP
import Synchronization

/// Requests allowed per sliding window.
public struct RemoteRateLimit: Sendable, Equatable {
  public var limit: Int
  public var window: Double

  public init(limit: Int, window: Double = 60) {
    self.limit = limit
    self.window = window
  }

  /// 60 a minute [our choice: Remote documents limits, not their values].
  public static let standard = RemoteRateLimit(limit: 60, window: 60)
}

/// How the simulated Remote behaves.
public struct RemoteSimulatorConfiguration: Sendable {
  /// The only token accepted (`Authorization: Bearer <token>`).
  public var token: String
  /// Today as `yyyy-MM-dd`: a POST needs a start date on or after it.
  public var today: @Sendable () -> String
  /// The clock of the rate limit and the timestamps.
  public var now: @Sendable () -> Date
  /// nil: no rate limit.
  public var rateLimit: RemoteRateLimit?
  /// false: every answer carries `Connection: close` (a gateway that never keeps connections).
  public var keepAlive: Bool

  public init(
    token: String = "remote-test-token", today: String? = nil,
    now: @escaping @Sendable () -> Date = { Date() }, rateLimit: RemoteRateLimit? = .standard,
    keepAlive: Bool = true
  ) {
    self.token = token
    self.keepAlive = keepAlive
    self.now = now
    if let today {
      self.today = { today }
    } else {
      self.today = { RemoteSimulator.isoDay(now()) }
    }
    self.rateLimit = rateLimit
  }
}

/// Remote's employments API as `sync.md` models it, as a `RequestHandler`. Thread-safe.
public final class RemoteSimulator: Sendable {
  public let configuration: RemoteSimulatorConfiguration
  private let state = Mutex(State())

  private struct State {
    private(set) var employments: [RemoteEmploymentRecord] = []
    /// Positions in `employments` by id, and by email lowercased (seeded data may repeat one).
    private var byId: [String: Int] = [:]
    private var byEmail: [String: [Int]] = [:]
    var log: [RemoteLoggedRequest] = []
    var faults: [RemoteFault] = []
    var recent: [Date] = []

    func employment(id: String) -> RemoteEmploymentRecord? {
      byId[id].map { employments[$0] }
    }

    func employments(email: String) -> [RemoteEmploymentRecord] {
      (byEmail[email.lowercased()] ?? []).map { employments[$0] }
    }

    /// Whether an employment other than `except` has this email, ignoring case.
    func emailTaken(_ email: String, except id: String? = nil) -> Bool {
      (byEmail[email.lowercased()] ?? []).contains { employments[$0].id != id }
    }

    mutating func append(_ record: RemoteEmploymentRecord) {
      if byId[record.id] == nil { byId[record.id] = employments.count }
      byEmail[record.email.lowercased(), default: []].append(employments.count)
      employments.append(record)
    }

    mutating func replace(_ record: RemoteEmploymentRecord) {
      guard let i = byId[record.id] else { return }
      let old = employments[i].email.lowercased()
      let new = record.email.lowercased()
      if old != new {
        byEmail[old]?.removeAll { $0 == i }
        if byEmail[old]?.isEmpty == true { byEmail[old] = nil }
        byEmail[new, default: []].append(i)
        byEmail[new]?.sort()
      }
      employments[i] = record
    }

    mutating func remove(id: String) {
      let rest = employments.filter { $0.id != id }
      guard rest.count != employments.count else { return }
      employments = []
      byId = [:]
      byEmail = [:]
      for record in rest { append(record) }
    }
  }

  public init(configuration: RemoteSimulatorConfiguration = RemoteSimulatorConfiguration()) {
    self.configuration = configuration
  }

  /// The handler to give a `LoopbackServer`.
  public var handler: RequestHandler { { [self] request in await self.handle(request) } }

  /// Every employment, in creation order.
  public var employments: [RemoteEmploymentRecord] { state.withLock { $0.employments } }

  /// Every request received, in order.
  public var requestLog: [RemoteLoggedRequest] { state.withLock { $0.log } }

  public func clearLog() { state.withLock { $0.log.removeAll() } }

  /// Adds employments as if created earlier (no validation).
  public func seed(_ records: [RemoteEmploymentRecord]) {
    state.withLock { s in for record in records { s.append(record) } }
  }

  /// Removes an employment (as if deleted in Remote's UI).
  public func remove(id: String) { state.withLock { $0.remove(id: id) } }

  /// Queues a fault; faults are used in the order they were added.
  public func inject(_ fault: RemoteFault) { state.withLock { $0.faults.append(fault) } }

  /// Removes every queued fault (the Remote recovers).
  public func clearFaults() { state.withLock { $0.faults.removeAll() } }

  // MARK: - Handling

  public func handle(_ request: ServerRequest) async -> ServerResponse {
    let method = request.method.uppercased()
    let path = request.path
    let bodyKeys = Self.bodyKeys(request.body)
    let fault: RemoteFault.Kind? = state.withLock { s in
      guard
        let i = s.faults.firstIndex(where: {
          $0.count > 0 && $0.matches(method: method, path: path)
        })
      else { return nil }
      s.faults[i].count -= 1
      let kind = s.faults[i].kind
      if s.faults[i].count == 0 { s.faults.remove(at: i) }
      return kind
    }
    var response: ServerResponse
    switch fault {
    case .status(let status)?:
      var headers: [(String, String)] = []
      if status == 429 { headers.append(("Retry-After", "1")) }
      response = Self.error(status, "injected fault", headers: headers)
    case .html?:
      response = ServerResponse(
        status: 200, headers: [("Content-Type", "text/html; charset=utf-8")],
        body: Data("<html><body>Gateway</body></html>".utf8))
    case .malformedJSON?:
      response = .json(200, Data("{\"data\": {\"employment\": ".utf8))
    case .closeConnection?:
      response = ServerResponse(status: 200, fault: .closeConnection)
    case .delay(let seconds)?:
      response = process(request, method: method, path: path)
      response.delay = seconds
    case .truncatedJSON?:
      response = process(request, method: method, path: path)
      response.fault = .truncateBody(bytes: response.body.count / 2)
    case .processThenClose?:
      response = process(request, method: method, path: path)
      response.fault = .closeConnection
    case nil:
      response = process(request, method: method, path: path)
    }
    if !configuration.keepAlive { response.headers.append(("Connection", "close")) }
    let logged = RemoteLoggedRequest(
      method: method, path: path,
      query: request.query.mapValues { $0.contains("@") ? "{email}" : $0 },
      status: response.status, fault: fault,
      bodyKeys: bodyKeys)
    state.withLock { $0.log.append(logged) }
    return response
  }

  private func process(_ request: ServerRequest, method: String, path: String) -> ServerResponse {
    guard request.headers["authorization"] == "Bearer " + configuration.token else {
      return Self.error(401, "Unauthorized: the token is missing or not valid")
    }
    var rateHeaders: [(String, String)] = []
    if let limit = configuration.rateLimit {
      let now = configuration.now()
      let (allowed, remaining, reset) = state.withLock { s -> (Bool, Int, Date) in
        s.recent.removeAll { now.timeIntervalSince($0) >= limit.window }
        let allowed = s.recent.count < limit.limit
        if allowed { s.recent.append(now) }
        let reset = (s.recent.first ?? now).addingTimeInterval(limit.window)
        return (allowed, max(0, limit.limit - s.recent.count), reset)
      }
      rateHeaders = [
        ("X-RateLimit-Limit", String(limit.limit)), ("X-RateLimit-Remaining", String(remaining)),
        ("X-RateLimit-Reset", String(Int(reset.timeIntervalSince1970.rounded(.up)))),
      ]
      if !allowed {
        let wait = max(1, Int(reset.timeIntervalSince(now).rounded(.up)))
        return Self.error(
          429, "Too many requests", headers: rateHeaders + [("Retry-After", String(wait))])
      }
    }
    var response = route(request, method: method, path: path)
    response.headers += rateHeaders
    return response
  }

  private func route(_ request: ServerRequest, method: String, path: String) -> ServerResponse {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    // "", "v1", "employments"[, id]
    guard parts.count >= 3, parts[0].isEmpty, parts[1] == "v1", parts[2] == "employments",
      parts.count <= 4
    else { return Self.error(404, "Not found") }
    if parts.count == 3 || (parts.count == 4 && parts[3].isEmpty) {
      switch method {
      case "GET": return list(request.query)
      case "POST": return create(request.body)
      default: return Self.error(405, "Method not allowed")
      }
    }
    let id = parts[3].removingPercentEncoding ?? parts[3]
    switch method {
    case "GET":
      guard let e = state.withLock({ $0.employment(id: id) }) else {
        return Self.error(404, "Employment not found")
      }
      return Self.envelope(200, e)
    case "PATCH": return update(id: id, body: request.body)
    default: return Self.error(405, "Method not allowed")
    }
  }

  private func list(_ query: [String: String]) -> ServerResponse {
    let page = query["page"].map { Int($0) } ?? 1
    let size = query["page_size"].map { Int($0) } ?? 20
    guard let page, page >= 1 else {
      return Self.error(422, "Invalid page", errors: ["page": ["must be a positive integer"]])
    }
    guard let size, size >= 1 else {
      return Self.error(
        422, "Invalid page size", errors: ["page_size": ["must be a positive integer"]])
    }
    let pageSize = min(size, 100)
    let all = state.withLock { s in query["email"].map { s.employments(email: $0) } ?? s.employments
    }
    let totalPages = max(1, (all.count + pageSize - 1) / pageSize)
    let slice = all.dropFirst((page - 1) * pageSize).prefix(pageSize)
    let data: [String: Any] = [
      "employments": slice.map(\.json), "current_page": page, "total_count": all.count,
      "total_pages": totalPages,
    ]
    return Self.jsonResponse(200, ["data": data])
  }

  private func create(_ body: Data) -> ServerResponse {
    guard let fields = Self.employmentObject(body) else {
      return Self.error(
        422, "The body must be {\"employment\": {...}}", errors: ["employment": ["is required"]])
    }
    var errors = validate(fields, creating: true)
    if !errors.isEmpty { return Self.error(422, "Validation failed", errors: errors) }
    let basic = fields["basic_information"] as? [String: Any] ?? [:]
    let email = basic["email"] as? String ?? ""
    let stamp = Self.timestamp(configuration.now())
    let record = RemoteEmploymentRecord(
      type: fields["type"] as? String ?? "", countryCode: fields["country_code"] as? String ?? "",
      externalId: fields["external_id"] as? String, companyId: fields["company_id"] as? String,
      email: email, name: basic["name"] as? String ?? "", jobTitle: basic["job_title"] as? String,
      provisionalStartDate: basic["provisional_start_date"] as? String, createdAt: stamp,
      updatedAt: stamp)
    let inserted: Bool = state.withLock { s in
      if s.emailTaken(email) { return false }
      s.append(record)
      return true
    }
    guard inserted else {
      errors["basic_information.email"] = ["has already been taken"]
      return Self.error(409, "Conflict", errors: errors)
    }
    return Self.envelope(201, record)
  }

  private func update(id: String, body: Data) -> ServerResponse {
    guard state.withLock({ $0.employment(id: id) != nil }) else {
      return Self.error(404, "Employment not found")
    }
    guard let fields = Self.employmentObject(body) else {
      return Self.error(
        422, "The body must be {\"employment\": {...}}", errors: ["employment": ["is required"]])
    }
    let errors = validate(fields, creating: false)
    if !errors.isEmpty { return Self.error(422, "Validation failed", errors: errors) }
    let basic = fields["basic_information"] as? [String: Any] ?? [:]
    let stamp = Self.timestamp(configuration.now())
    let result: RemoteEmploymentRecord? = state.withLock { s in
      guard var e = s.employment(id: id) else { return nil }
      if let email = basic["email"] as? String, s.emailTaken(email, except: id) { return nil }
      if let v = fields["type"] as? String { e.type = v }
      if let v = fields["country_code"] as? String { e.countryCode = v }
      if let v = fields["external_id"] as? String { e.externalId = v }
      if let v = fields["company_id"] as? String { e.companyId = v }
      if let v = basic["email"] as? String { e.email = v }
      if let v = basic["name"] as? String { e.name = v }
      if let v = basic["job_title"] as? String { e.jobTitle = v }
      if let v = basic["provisional_start_date"] as? String { e.provisionalStartDate = v }
      e.updatedAt = stamp
      s.replace(e)
      return e
    }
    guard let result else {
      return Self.error(
        409, "Conflict", errors: ["basic_information.email": ["has already been taken"]])
    }
    return Self.envelope(200, result)
  }

  /// Remote's validation as `sync.md` models it. On a PATCH only the keys present are checked.
  private func validate(_ f: [String: Any], creating: Bool) -> [String: [String]] {
    var errors: [String: [String]] = [:]
    func present(_ key: String, in o: [String: Any]) -> Bool {
      o[key] != nil && !(o[key] is NSNull)
    }

    if creating || f["type"] != nil {
      let allowed = ["employee", "contractor", "global_payroll_employee"]
      if !(f["type"] as? String).map(allowed.contains).orFalse {
        errors["type"] = ["must be one of: " + allowed.joined(separator: ", ")]
      }
    }
    if creating || f["country_code"] != nil {
      guard let code = f["country_code"] as? String, RemoteCountryCodes.alpha3.contains(code) else {
        errors["country_code"] = ["must be an ISO 3166-1 alpha-3 code in capitals"]
        return errors.merging(basicErrors(f, creating: creating)) { a, _ in a }
      }
    }
    if f["external_id"] != nil && !(f["external_id"] is NSNull) && !(f["external_id"] is String) {
      errors["external_id"] = ["must be a string"]
    }
    if present("company_id", in: f) && !(f["company_id"] is String) {
      errors["company_id"] = ["must be a string"]
    }
    return errors.merging(basicErrors(f, creating: creating)) { a, _ in a }
  }

  private func basicErrors(_ f: [String: Any], creating: Bool) -> [String: [String]] {
    var errors: [String: [String]] = [:]
    guard let raw = f["basic_information"] else {
      if creating { errors["basic_information"] = ["is required"] }
      return errors
    }
    guard let basic = raw as? [String: Any] else {
      return ["basic_information": ["must be an object"]]
    }
    if creating || basic["email"] != nil {
      if let email = basic["email"] as? String {
        if !Self.isEmail(email) { errors["basic_information.email"] = ["is not a valid email"] }
      } else {
        errors["basic_information.email"] = ["is required"]
      }
    }
    if creating || basic["name"] != nil {
      let name = (basic["name"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
      if name.isEmpty { errors["basic_information.name"] = ["can't be blank"] }
    }
    if let title = basic["job_title"], !(title is NSNull), !(title is String) {
      errors["basic_information.job_title"] = ["must be a string"]
    }
    if creating || basic["provisional_start_date"] != nil {
      if let date = basic["provisional_start_date"] as? String, Self.isCalendarDate(date) {
        if creating && date < configuration.today() {
          errors["basic_information.provisional_start_date"] = ["must be today or later"]
        }
      } else {
        errors["basic_information.provisional_start_date"] = ["must be a date (YYYY-MM-DD)"]
      }
    }
    return errors
  }

  // MARK: - Helpers

  static func employmentObject(_ body: Data) -> [String: Any]? {
    guard let top = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
      top.count == 1, let e = top["employment"] as? [String: Any]
    else { return nil }
    return e
  }

  static func bodyKeys(_ body: Data) -> [String] {
    guard let e = employmentObject(body) else { return [] }
    var keys: [String] = []
    for (k, v) in e {
      if k == "basic_information", let b = v as? [String: Any] {
        keys += b.keys.map { "basic_information." + $0 }
      } else {
        keys.append(k)
      }
    }
    return keys.sorted()
  }

  static func envelope(_ status: Int, _ e: RemoteEmploymentRecord) -> ServerResponse {
    jsonResponse(status, ["data": ["employment": e.json]])
  }

  static func error(
    _ status: Int, _ message: String, errors: [String: [String]] = [:],
    headers: [(String, String)] = []
  ) -> ServerResponse {
    jsonResponse(status, ["message": message, "errors": errors], headers: headers)
  }

  static func jsonResponse(_ status: Int, _ object: Any, headers: [(String, String)] = [])
    -> ServerResponse
  {
    let data =
      (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
      ?? Data("{}".utf8)
    return .json(status, data, headers: headers)
  }

  static func isEmail(_ s: String) -> Bool {
    let parts = s.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !s.contains(where: \.isWhitespace) else {
      return false
    }
    let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
    return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
  }

  static func isCalendarDate(_ s: String) -> Bool {
    let p = s.split(separator: "-", omittingEmptySubsequences: false)
    guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
      p.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), (1...12).contains(m)
    else { return false }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return (1...days).contains(d)
  }

  static func isoDay(_ date: Date) -> String { String(timestamp(date).prefix(10)) }

  /// `yyyy-MM-ddTHH:mm:ssZ` in UTC (what `ISO8601DateFormatter` gives with
  /// `.withInternetDateTime`, without creating one per request).
  static func timestamp(_ date: Date) -> String {
    var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
    var t = tm()
    guard gmtime_r(&seconds, &t) != nil else { return "1970-01-01T00:00:00Z" }
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let year = String(t.tm_year + 1900)
    return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(t.tm_mon + 1)
      + "-" + two(t.tm_mday) + "T" + two(t.tm_hour) + ":" + two(t.tm_min) + ":" + two(t.tm_sec)
      + "Z"
  }
}

extension Optional where Wrapped == Bool {
  fileprivate var orFalse: Bool { self ?? false }
}
