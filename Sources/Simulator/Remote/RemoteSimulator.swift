import Common
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

  /// About 300 a minute per company, as third parties report [assumed].
  public static let standard = RemoteRateLimit(limit: 300, window: 60)
}

/// How the simulated Remote behaves.
public struct RemoteSimulatorConfiguration: Sendable {
  /// The only token accepted (`Authorization: Bearer <token>`).
  public var token: String
  /// Today as `yyyy-MM-dd`: a POST needs a start date after it.
  public var today: @Sendable () -> String
  /// The clock of the rate limit and the timestamps.
  public var now: @Sendable () -> Date
  /// nil: no rate limit.
  public var rateLimit: RemoteRateLimit?
  /// false: every answer carries `Connection: close` (a gateway that never keeps connections).
  public var keepAlive: Bool
  /// Country (alpha-3) -> form name -> form; a country not here answers 404 for its forms and
  /// 422 for a create.
  public var forms: [String: [String: RemoteCountryForm]]

  public init(
    token: String = "remote-test-token", today: String? = nil,
    now: @escaping @Sendable () -> Date = { Date() }, rateLimit: RemoteRateLimit? = .standard,
    keepAlive: Bool = true, forms: [String: [String: RemoteCountryForm]] = RemoteForms.standard
  ) {
    self.token = token
    self.keepAlive = keepAlive
    self.now = now
    if let today {
      self.today = { today }
    } else {
      self.today = { UTCDate.day(now()) }
    }
    self.rateLimit = rateLimit
    self.forms = forms
  }
}

/// Remote's API as `remote-api.md` models it, as a `RequestHandler`: country forms, unwrapped
/// create/show/list/update of employments with the status rules, 422 shapes (a duplicate email
/// included), 429 with `X-RateLimit-Reset` in milliseconds, and injected faults. Thread-safe.
public final class RemoteSimulator: Sendable {
  public let configuration: RemoteSimulatorConfiguration
  private let state = Mutex(State())

  struct State {
    private(set) var employments: [RemoteEmploymentRecord] = []
    private var byId: [String: Int] = [:]
    private var byEmail: [String: [Int]] = [:]
    var log: [RemoteLoggedRequest] = []
    var faults: [RemoteFault] = []
    var recent: [Date] = []

    func employment(id: String) -> RemoteEmploymentRecord? { byId[id].map { employments[$0] } }

    func employments(email: String) -> [RemoteEmploymentRecord] {
      (byEmail[email.lowercased()] ?? []).map { employments[$0] }
    }

    func emailTaken(_ email: String) -> Bool { byEmail[email.lowercased()]?.isEmpty == false }

    mutating func append(_ record: RemoteEmploymentRecord) {
      if byId[record.id] == nil { byId[record.id] = employments.count }
      byEmail[record.loginEmail.lowercased(), default: []].append(employments.count)
      employments.append(record)
    }

    /// Replaces a record whose login email did not change.
    mutating func replace(_ record: RemoteEmploymentRecord) {
      guard let i = byId[record.id] else { return }
      if employments[i].loginEmail.lowercased() != record.loginEmail.lowercased() {
        remove(id: record.id)
        append(record)
        return
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

  /// Moves an employment to another status (`invited`, `active`, ...), as Remote's onboarding
  /// does; false when there is no such employment. Also `POST /__sim/employments/{id}/status`.
  @discardableResult
  public func setStatus(id: String, to status: String) -> Bool {
    state.withLock { s in
      guard var e = s.employment(id: id) else { return false }
      e.status = status
      s.replace(e)
      return true
    }
  }

  /// Queues a fault; faults are used in the order they were added.
  public func inject(_ fault: RemoteFault) { state.withLock { $0.faults.append(fault) } }

  /// Removes every queued fault (the Remote recovers).
  public func clearFaults() { state.withLock { $0.faults.removeAll() } }

  // MARK: - Handling

  public func handle(_ request: ServerRequest) async -> ServerResponse {
    let method = request.method.uppercased()
    let path = request.path
    // The body is parsed once, for the log's keys and for the handler.
    let body = request.body.isEmpty ? nil : Self.object(request.body)
    let bodyKeys = Self.bodyKeys(body)
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
      if status == 429 { headers.append(("X-RateLimit-Reset", "1000")) }
      response = Self.error(
        status, status == 429 ? "Too many requests" : "Internal server error", headers: headers)
    case .rateLimited(let milliseconds)?:
      response = Self.error(
        429, "Too many requests", headers: [("X-RateLimit-Reset", String(milliseconds))])
    case .html?:
      response = ServerResponse(
        status: 200, headers: [("Content-Type", "text/html; charset=utf-8")],
        body: Data("<html><body>Gateway</body></html>".utf8))
    case .malformedJSON?:
      response = .json(200, Data("{\"data\": {\"employment\": ".utf8))
    case .closeConnection?:
      response = ServerResponse(status: 200, fault: .closeConnection)
    case .delay(let seconds)?:
      response = process(request, body: body, method: method, path: path)
      response.delay = seconds
    case .truncatedJSON?:
      response = process(request, body: body, method: method, path: path)
      response.fault = .truncateBody(bytes: response.body.count / 2)
    case .processThenClose?:
      response = process(request, body: body, method: method, path: path)
      response.fault = .closeConnection
    case nil:
      response = process(request, body: body, method: method, path: path)
    }
    if !configuration.keepAlive { response.headers.append(("Connection", "close")) }
    let logged = RemoteLoggedRequest(
      method: method, path: path,
      query: request.query.mapValues { $0.contains("@") ? "{email}" : $0 },
      status: response.status, fault: fault, bodyKeys: bodyKeys,
      bodyLength: request.body.count)
    state.withLock { $0.log.append(logged) }
    return response
  }

  private func process(
    _ request: ServerRequest, body: JSONValue?, method: String, path: String
  ) -> ServerResponse {
    guard request.headers["authorization"] == "Bearer " + configuration.token else {
      return Self.error(401, "Unauthorized")
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
      // Remote's X-RateLimit-Reset: the milliseconds until the window resets; no Retry-After.
      let milliseconds = max(0, Int((reset.timeIntervalSince(now) * 1000).rounded(.up)))
      rateHeaders = [
        ("X-RateLimit-Limit", String(limit.limit)), ("X-RateLimit-Remaining", String(remaining)),
        ("X-RateLimit-Reset", String(milliseconds)),
      ]
      if !allowed { return Self.error(429, "Too many requests", headers: rateHeaders) }
    }
    var response = route(request, body: body, method: method, path: path)
    response.headers += rateHeaders
    return response
  }

  private func route(
    _ request: ServerRequest, body: JSONValue?, method: String, path: String
  ) -> ServerResponse {
    let parts = path.split(separator: "/", omittingEmptySubsequences: true).map {
      $0.removingPercentEncoding ?? String($0)
    }
    switch (method, parts.count) {
    case ("GET", 4) where parts[0] == "v1" && parts[1] == "countries":
      return form(country: parts[2], name: parts[3])
    case ("GET", 2) where parts[0] == "v1" && parts[1] == "employments":
      return list(request.query)
    case ("POST", 2) where parts[0] == "v1" && parts[1] == "employments":
      return create(body)
    case ("GET", 3) where parts[0] == "v1" && parts[1] == "employments":
      guard let e = state.withLock({ $0.employment(id: parts[2]) }) else {
        return Self.error(404, "Employment not found")
      }
      return Self.envelope(200, e)
    case ("PATCH", 3) where parts[0] == "v1" && parts[1] == "employments":
      return update(id: parts[2], body: body)
    case ("POST", 4) where parts[0] == "__sim" && parts[1] == "employments" && parts[3] == "status":
      guard let status = body?["status"]?.stringValue,
        setStatus(id: parts[2], to: status)
      else { return Self.error(404, "Employment not found") }
      return Self.jsonResponse(200, .object([("data", .object([("status", .string(status))]))]))
    default:
      return Self.error(404, "Not found")
    }
  }

  private func form(country: String, name: String) -> ServerResponse {
    guard let form = configuration.forms[country]?[name] else {
      return Self.error(404, "Country form not found")
    }
    if form.bare { return Self.jsonResponse(200, .object([("data", form.schema)])) }
    return Self.jsonResponse(
      200,
      .object([
        ("data", .object([("schema", form.schema), ("version", .number(Double(form.version)))]))
      ]))
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
    let all = state.withLock { s in
      query["email"].map { s.employments(email: $0) } ?? s.employments
    }
    let totalPages = max(1, (all.count + pageSize - 1) / pageSize)
    let slice = all.dropFirst((page - 1) * pageSize).prefix(pageSize)
    return Self.jsonResponse(
      200,
      .object([
        (
          "data",
          .object([
            ("employments", .array(slice.map(\.listItem))),
            ("current_page", .number(Double(page))), ("total_count", .number(Double(all.count))),
            ("total_pages", .number(Double(totalPages))),
          ])
        )
      ]))
  }

  static let sectionForms = [
    "basic_information": "employment_basic_information", "address_details": "address_details",
    "personal_details": "personal_details",
    "emergency_contact_details": "emergency_contact_details",
  ]

  /// The form a section of an employment of `type` is validated against: a global payroll
  /// employee's basic information against global payroll's form where the country has one.
  static func formName(section: String, type: String, forms: [String: RemoteCountryForm]?)
    -> String?
  {
    if section == "basic_information" && type == "global_payroll_employee"
      && forms?["global_payroll_basic_information"] != nil
    {
      return "global_payroll_basic_information"
    }
    return sectionForms[section]
  }

  /// `body` is the request's body parsed as a JSON object, nil when it is not one.
  private func create(_ body: JSONValue?) -> ServerResponse {
    guard let o = body else {
      return Self.error(422, "The body must be a JSON object", errors: ["base": ["is invalid"]])
    }
    var errors: [String: [String]] = [:]
    let type = o["type"]?.stringValue ?? "employee"
    let types = ["employee", "contractor", "global_payroll_employee"]
    if !types.contains(type) { errors["type"] = ["is not included in the list"] }
    let country = o["country_code"]?.stringValue ?? ""
    let forms = configuration.forms[country]
    if country.isEmpty {
      errors["country_code"] = ["can't be blank"]
    } else if !RemoteCountryCodes.alpha3.contains(country) {
      errors["country_code"] = ["is invalid"]
    } else if forms == nil {
      errors["country_code"] = ["is not supported"]
    }
    if type == "global_payroll_employee",
      (o["engaged_by_legal_entity_id"]?.stringValue ?? "").isEmpty
    {
      errors["engaged_by_legal_entity_id"] = ["is required for global payroll employees"]
    }
    // The create parameters of Remote's `EmploymentCreateParams` [RF]; a key beyond them (an
    // onboarding section such as `address_details`, or the old `{"employment": ...}` wrapper) is
    // refused [assumed: Remote's published type lists these keys only; whether the live API
    // refuses or ignores the others is not known, and refusing is what catches a client that
    // would lose them].
    var sections: [String: JSONValue] = [:]
    for (key, value) in o.objectPairs ?? [] {
      guard Self.createParameters.contains(key) else {
        errors[key] = ["is not a create parameter (onboarding sections are sent with PATCH)"]
        continue
      }
      guard let formName = Self.formName(section: key, type: type, forms: forms) else { continue }
      sections[key] = value
      if let schema = forms?[formName]?.schema {
        for (path, messages) in RemoteFormValidator.errors(value, schema, path: key) {
          errors[path, default: []] += messages
        }
      }
    }
    if sections["basic_information"] == nil { errors["basic_information"] = ["is required"] }
    if errors.isEmpty,
      let date = sections["basic_information"]?["provisional_start_date"]?.stringValue,
      date <= configuration.today()
    {
      errors["basic_information.provisional_start_date"] = ["must be in the future"]
    }
    if !errors.isEmpty { return Self.error(422, "Unprocessable Entity", errors: errors) }
    let stamp = UTCDate.timestamp(configuration.now())
    let record = RemoteEmploymentRecord(
      type: type, countryCode: country, externalId: o["external_id"]?.stringValue,
      legalEntityId: o["engaged_by_legal_entity_id"]?.stringValue, sections: sections,
      createdAt: stamp, updatedAt: stamp)
    let inserted: Bool = state.withLock { s in
      if s.emailTaken(record.loginEmail) { return false }
      s.append(record)
      return true
    }
    guard inserted else {
      return Self.error(422, "Unprocessable Entity", errors: ["email": ["has already been taken"]])
    }
    return Self.envelope(201, record)
  }

  /// The keys `POST /v1/employments` takes (`remote-api.md`; `company_id` is deprecated).
  static let createParameters: Set<String> = [
    "type", "country_code", "basic_information", "external_id", "engaged_by_legal_entity_id",
    "company_id",
  ]

  /// What each status lets a PATCH change [RF, as `remote-api.md` reads it].
  static func updatable(status: String) -> Set<String> {
    switch status {
    case "created":
      return [
        "basic_information", "address_details", "personal_details", "emergency_contact_details",
        "external_id", "work_email",
      ]
    case "invited": return ["work_email"]
    case "active": return ["address_details", "emergency_contact_details", "manager", "work_email"]
    default: return []
    }
  }

  private func update(id: String, body: JSONValue?) -> ServerResponse {
    guard let current = state.withLock({ $0.employment(id: id) }) else {
      return Self.error(404, "Employment not found")
    }
    guard let o = body, let pairs = o.objectPairs else {
      return Self.error(422, "The body must be a JSON object", errors: ["base": ["is invalid"]])
    }
    if current.type == "contractor" {
      return Self.error(
        422, "Contractor employments cannot be updated through the API; contact Remote")
    }
    let allowed = Self.updatable(status: current.status)
    var errors: [String: [String]] = [:]
    for (key, _) in pairs where !allowed.contains(key) {
      errors[key] = ["cannot be updated while the employment is \(current.status)"]
    }
    let forms = configuration.forms[current.countryCode]
    var updated = current
    for (key, value) in pairs where allowed.contains(key) {
      if let formName = Self.formName(section: key, type: current.type, forms: forms) {
        if let schema = forms?[formName]?.schema {
          for (path, messages) in RemoteFormValidator.errors(value, schema, path: key) {
            errors[path, default: []] += messages
          }
        }
        if key == "basic_information", let email = value["email"]?.stringValue,
          email.lowercased() != current.loginEmail.lowercased()
        {
          errors["basic_information.email"] = ["cannot be changed"]
        }
        updated.sections[key] = value
      } else if key == "work_email" {
        guard let email = value.stringValue, RemoteFormValidator.isEmail(email) else {
          errors["work_email"] = ["must be a valid email"]
          continue
        }
        updated.workEmailOverride = email
      } else if key == "external_id" {
        updated.externalId = value.stringValue
      }
    }
    if !errors.isEmpty { return Self.error(422, "Unprocessable Entity", errors: errors) }
    updated.updatedAt = UTCDate.timestamp(configuration.now())
    state.withLock { $0.replace(updated) }
    return Self.envelope(200, updated)
  }

  // MARK: - Helpers

  static func object(_ body: Data) -> JSONValue? {
    guard let v = try? JSONDecoder().decode(JSONValue.self, from: body), case .object = v else {
      return nil
    }
    return v
  }

  /// The top-level keys of a POST or PATCH body (parsed), with `basic_information.*` keys.
  static func bodyKeys(_ body: JSONValue?) -> [String] {
    guard let o = body?.objectPairs else { return [] }
    var keys: [String] = []
    for (k, v) in o {
      if k == "basic_information", let b = v.objectPairs {
        keys += b.map { "basic_information." + $0.0 }
      } else {
        keys.append(k)
      }
    }
    return keys.sorted()
  }

  static func envelope(_ status: Int, _ e: RemoteEmploymentRecord) -> ServerResponse {
    jsonResponse(status, .object([("data", .object([("employment", e.json)]))]))
  }

  static func error(
    _ status: Int, _ message: String, errors: [String: [String]] = [:],
    headers: [(String, String)] = []
  ) -> ServerResponse {
    var pairs: [(String, JSONValue)] = [("message", .string(message))]
    if !errors.isEmpty {
      pairs.append(
        (
          "errors",
          .object(errors.keys.sorted().map { ($0, .array(errors[$0]!.map { .string($0) })) })
        ))
    }
    return jsonResponse(status, .object(pairs), headers: headers)
  }

  static func jsonResponse(_ status: Int, _ value: JSONValue, headers: [(String, String)] = [])
    -> ServerResponse
  {
    .json(status, value.serialized(), headers: headers)
  }
}
