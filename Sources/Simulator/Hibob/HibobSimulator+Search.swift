import Common
import Foundation
import LoopbackHTTP

extension HibobSimulator {
  /// At most this many field ids a search.
  public static let maxSearchFields = 400

  /// The fields a search without `fields` returns [assumed: Basic info].
  static let defaultSearchFields = [
    "root.id", "root.email", "root.firstName", "root.surname", "root.displayName",
  ]

  enum HumanReadable {
    case machine, replace, append
  }

  /// What a search or single-employee read asks for, resolved against the metadata.
  struct Plan {
    /// Valid requested fields, deduplicated, in request order.
    var fields: [FieldDefinition]
    var tree: [(String, PathNode)]
    var mode: HumanReadable
    var labels: [String: [String: String]]
    /// `/work/department` per field.
    var slashKeys: [String]
    /// The flat top-level key of a Basic info field (`firstName`), else `nil`.
    var flatKeys: [String?]
    /// Per distinct section set of `Access`: which fields are permitted.
    var permitted: [[Bool]]
  }

  indirect enum PathNode {
    case leaf(Int)
    case branch([(String, PathNode)])
  }

  // MARK: POST /people/search

  func search(_ body: Data) -> ServerResponse {
    let (allowed, headers) = takeSearchSlot()
    guard allowed else {
      return Responses.error(429, key: "tooManyRequests", "rate limit exceeded", headers: headers)
    }
    let object: [String: Any]
    switch Body.object(body) {
    case .success(let o): object = o
    case .failure(let e):
      return Responses.error(400, key: "badRequest", e.message, headers: headers)
    }
    let plan: Plan
    switch makePlan(object) {
    case .success(let p): plan = p
    case .failure(let e):
      return Responses.error(400, key: "badRequest", e.message, headers: headers)
    }
    var showInactive = false
    if let value = object["showInactive"] {
      guard let b = value as? Bool else {
        return Responses.error(
          400, key: "badRequest", "showInactive must be a boolean", headers: headers)
      }
      showInactive = b
    }
    let filter: (Employee) -> Bool
    switch makeFilter(object["filters"]) {
    case .success(let f): filter = f
    case .failure(let e):
      return Responses.error(400, key: "badRequest", e.message, headers: headers)
    }
    var out: [UInt8] = Array(#"{"employees":["#.utf8)
    out.reserveCapacity(256 * max(1, min(tenant.employees.count, 100_000)))
    var first = true
    // Machine values (what the check and the sync ask) are written straight into the bytes;
    // the other modes go through `render`.
    let slashPrefixes = plan.slashKeys.map { key in
      var bytes: [UInt8] = []
      JSONString.append(key, to: &bytes)
      bytes += Array(#":{"value":"#.utf8)
      return bytes
    }
    for (index, employee) in tenant.employees.enumerated() where access.isVisible(index) {
      if !showInactive && !employee.lifecycleStatus.isActive { continue }
      if !filter(employee) { continue }
      if !first { out.append(UInt8(ascii: ",")) }
      first = false
      if plan.mode == .machine {
        writeMachine(index, plan: plan, slashPrefixes: slashPrefixes, into: &out)
      } else {
        render(index, plan: plan).write(into: &out)
      }
    }
    out.append(contentsOf: Array("]}".utf8))
    return .json(200, Data(out), headers: headers)
  }

  /// Records a search in the sliding window; the rate-limit headers either way.
  private func takeSearchSlot() -> (Bool, [(String, String)]) {
    let now = clock()
    let limit = HibobSimulator.searchLimit
    let window = HibobSimulator.searchWindow
    return state.withLock { s in
      s.searchTimes.removeAll { now.timeIntervalSince($0) >= window }
      let allowed = s.searchTimes.count < limit
      if allowed { s.searchTimes.append(now) }
      let oldest = s.searchTimes.first ?? now
      let reset = Int(oldest.addingTimeInterval(window).timeIntervalSince1970.rounded(.up))
      let remaining = max(0, limit - s.searchTimes.count)
      return (
        allowed,
        [
          ("X-RateLimit-Limit", String(limit)), ("X-RateLimit-Remaining", String(remaining)),
          ("X-RateLimit-Reset", String(reset)),
        ]
      )
    }
  }

  func makePlan(_ object: [String: Any]) -> Result<Plan, BodyError> {
    var requested = HibobSimulator.defaultSearchFields
    if let value = object["fields"] {
      guard let ids = value as? [String] else {
        return .failure(BodyError(message: "fields must be an array of field ids"))
      }
      requested = ids
    }
    if requested.count > HibobSimulator.maxSearchFields {
      return .failure(
        BodyError(message: "at most \(HibobSimulator.maxSearchFields) fields can be requested"))
    }
    var mode = HumanReadable.machine
    if let value = object["humanReadable"] {
      switch value as? String {
      case "REPLACE": mode = .replace
      case "APPEND": mode = .append
      default: return .failure(BodyError(message: "humanReadable must be REPLACE or APPEND"))
      }
    }
    let (metadata, lists) = state.withLock { ($0.fields, $0.lists) }
    let byId = Dictionary(metadata.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var seen: Set<String> = []
    var fields: [FieldDefinition] = []
    for id in requested where seen.insert(id).inserted {
      if let field = byId[id] { fields.append(field) }  // invalid ids are silently omitted
    }
    // Basic info sits flat at the top level under its jsonPath, and (real shapes) nowhere else:
    // no nested `root` object [seen]. Other fields nest along their id's path.
    let legacy = tenant.legacyShapes
    let paths = fields.enumerated().compactMap { offset, field in
      legacy || !field.id.hasPrefix("root.")
        ? (field.id.split(separator: ".").map(String.init)[...], offset) : nil
    }
    let flatKeys: [String?] = fields.map { field in
      guard field.id.hasPrefix("root.") else { return nil }
      let key = field.jsonPath
      return key == "id" || key == "email" || key.contains(".") ? nil : key
    }
    return .success(
      Plan(
        fields: fields, tree: HibobSimulator.tree(paths), mode: mode,
        labels: Access.labels(lists),
        slashKeys: fields.map { "/" + $0.id.replacingOccurrences(of: ".", with: "/") },
        flatKeys: flatKeys,
        permitted: access.distinctSections.map { sections in
          fields.map { sections.contains($0.categoryId) }
        }))
  }

  static func tree(_ entries: [(ArraySlice<String>, Int)]) -> [(String, PathNode)] {
    var order: [String] = []
    var groups: [String: [(ArraySlice<String>, Int)]] = [:]
    for (components, index) in entries {
      guard let head = components.first else { continue }
      if groups[head] == nil { order.append(head) }
      groups[head, default: []].append((components.dropFirst(), index))
    }
    return order.map { head in
      let members = groups[head] ?? []
      if let leaf = members.first(where: { $0.0.isEmpty }) { return (head, .leaf(leaf.1)) }
      return (head, .branch(tree(members)))
    }
  }

  private func makeFilter(_ value: Any?) -> Result<(Employee) -> Bool, BodyError> {
    guard let value else { return .success { _ in true } }
    guard let filters = value as? [[String: Any]] else {
      return .failure(BodyError(message: "filters must be an array of filter objects"))
    }
    if filters.isEmpty { return .failure(BodyError(message: "filters must not be empty")) }
    if filters.count > 1 { return .failure(BodyError(message: "at most one filter is supported")) }
    let filter = filters[0]
    guard let fieldPath = filter["fieldPath"] as? String,
      fieldPath == "root.id" || fieldPath == "root.email"
    else {
      return .failure(BodyError(message: "filters support only root.id or root.email"))
    }
    guard filter["operator"] as? String == "equals" else {
      return .failure(BodyError(message: "filters support only the equals operator"))
    }
    guard let values = filter["values"] as? [String], !values.isEmpty else {
      return .failure(BodyError(message: "a filter needs a non-empty values array"))
    }
    if fieldPath == "root.id" {
      let ids = Set(values)
      return .success { ids.contains($0.id) }
    }
    let emails = Set(values.map { $0.lowercased() })
    return .success { employee in employee.email.map { emails.contains($0.lowercased()) } ?? false }
  }

  // MARK: POST /people/{idOrEmail}

  func employee(_ idOrEmail: String, body: Data) -> ServerResponse {
    let object: [String: Any]
    switch Body.object(body) {
    case .success(let o): object = o
    case .failure(let e): return Responses.badRequest(e.message)
    }
    guard let index = employeeIndex[idOrEmail] ?? emailIndex[idOrEmail.lowercased()],
      access.isVisible(index)
    else { return Responses.notFound("employee") }
    switch makePlan(object) {
    case .success(let plan): return Responses.ok(render(index, plan: plan))
    case .failure(let e): return Responses.badRequest(e.message)
    }
  }

  // MARK: Rendering

  /// One employee as search answers it: slash keys for non-null values, `id` and `email`, flat
  /// Basic info values, nested objects along the other field ids' paths (Basic info too with
  /// legacy shapes); fields the group may not see for this employee are absent.
  func render(_ index: Int, plan: Plan) -> JSONValue {
    let employee = tenant.employees[index]
    let permitted = plan.permitted[access.sectionSet[index]]
    let machine = plan.fields.enumerated().map { i, field in
      permitted[i] ? value(of: field, for: employee, human: false, labels: plan.labels) : .null
    }
    let human: [JSONValue] =
      plan.mode == .machine
      ? machine
      : plan.fields.enumerated().map { i, field in
        permitted[i] ? value(of: field, for: employee, human: true, labels: plan.labels) : .null
      }
    let shown = plan.mode == .replace ? human : machine
    var pairs: [(String, JSONValue)] = []
    for i in plan.fields.indices where permitted[i] && shown[i] != .null {
      var slash: [(String, JSONValue)] = [("value", shown[i])]
      if plan.mode == .append { slash.append(("humanReadable", human[i])) }
      pairs.append((plan.slashKeys[i], .object(slash)))
    }
    pairs.append(("id", .string(employee.id)))
    pairs.append(("email", employee.email.map(JSONValue.string) ?? .null))
    for (i, key) in plan.flatKeys.enumerated() where permitted[i] {
      if let key { pairs.append((key, shown[i])) }
    }
    pairs += HibobSimulator.nested(plan.tree, values: shown, permitted: permitted)
    if plan.mode == .append {
      pairs.append(
        (
          "humanReadable",
          .object(HibobSimulator.nested(plan.tree, values: human, permitted: permitted))
        ))
    }
    return .object(pairs)
  }

  /// `render(index, plan:).write(into:)` for machine values, byte for byte, without building a
  /// `JSONValue` per employee: a search of 50,000 employees answers about 125 MB, and building
  /// then writing the values was most of the simulator's time.
  func writeMachine(
    _ index: Int, plan: Plan, slashPrefixes: [[UInt8]], into out: inout [UInt8]
  ) {
    let employee = tenant.employees[index]
    let permitted = plan.permitted[access.sectionSet[index]]
    var values: [JSONValue] = []
    values.reserveCapacity(plan.fields.count)
    for (i, field) in plan.fields.enumerated() {
      values.append(
        permitted[i] ? value(of: field, for: employee, human: false, labels: plan.labels) : .null)
    }
    out.append(UInt8(ascii: "{"))
    for i in plan.fields.indices where permitted[i] && values[i] != .null {
      out.append(contentsOf: slashPrefixes[i])
      values[i].write(into: &out)
      out.append(contentsOf: "},".utf8)
    }
    out.append(contentsOf: #""id":"#.utf8)
    JSONString.append(employee.id, to: &out)
    out.append(contentsOf: #","email":"#.utf8)
    if let email = employee.email {
      JSONString.append(email, to: &out)
    } else {
      out.append(contentsOf: "null".utf8)
    }
    for (i, key) in plan.flatKeys.enumerated() where permitted[i] {
      guard let key else { continue }
      out.append(UInt8(ascii: ","))
      JSONString.append(key, to: &out)
      out.append(UInt8(ascii: ":"))
      values[i].write(into: &out)
    }
    _ = HibobSimulator.writeNested(
      plan.tree, values: values, permitted: permitted, leadingComma: true, into: &out)
    out.append(UInt8(ascii: "}"))
  }

  /// The members `nested` builds, written: each after a comma unless it is the first of its
  /// object (and `leadingComma` is false); an object none of whose fields is permitted is left
  /// out. True when anything was written.
  private static func writeNested(
    _ nodes: [(String, PathNode)], values: [JSONValue], permitted: [Bool], leadingComma: Bool,
    into out: inout [UInt8]
  ) -> Bool {
    var wrote = false
    for (key, node) in nodes {
      switch node {
      case .leaf(let i):
        guard permitted[i] else { continue }
        if leadingComma || wrote { out.append(UInt8(ascii: ",")) }
        JSONString.append(key, to: &out)
        out.append(UInt8(ascii: ":"))
        values[i].write(into: &out)
        wrote = true
      case .branch(let children):
        let mark = out.count
        if leadingComma || wrote { out.append(UInt8(ascii: ",")) }
        JSONString.append(key, to: &out)
        out.append(contentsOf: ":{".utf8)
        if writeNested(
          children, values: values, permitted: permitted, leadingComma: false, into: &out)
        {
          out.append(UInt8(ascii: "}"))
          wrote = true
        } else {
          out.removeSubrange(mark...)
        }
      }
    }
    return wrote
  }

  private static func nested(
    _ nodes: [(String, PathNode)], values: [JSONValue], permitted: [Bool]
  ) -> [(String, JSONValue)] {
    var result: [(String, JSONValue)] = []
    for (key, node) in nodes {
      switch node {
      case .leaf(let i):
        if permitted[i] { result.append((key, values[i])) }
      case .branch(let children):
        let inner = nested(children, values: values, permitted: permitted)
        if !inner.isEmpty { result.append((key, .object(inner))) }
      }
    }
    return result
  }

  /// A field's value for an employee: machine (list item ids; an `employee` value as an object
  /// with the referenced employee's id and names, as `work.reportsTo` comes [seen]; an
  /// `employee-reference` value as the id string [seen], or an object with legacy shapes) or
  /// human-readable (labels, the referenced id as a string).
  func value(
    of field: FieldDefinition, for employee: Employee, human: Bool,
    labels: [String: [String: String]]
  ) -> JSONValue {
    switch field.id {
    case "root.id": return .string(employee.id)
    case "internal.lifecycleStatus":
      // An item id of list `lifecycleStatus` (the status' raw value), or its label.
      return .string(human ? employee.lifecycleStatus.label : employee.lifecycleStatus.rawValue)
    case "internal.status":
      return .string(employee.lifecycleStatus.isActive ? "Active" : "Inactive")
    case "work.site":
      // Text: the name of the `work.siteId` item.
      guard let id = employee.fields["work.siteId"]?.stringValue else { return .null }
      return .string(labels["site"]?[id] ?? id)
    case "work.manager":
      return employee.fields["work.reportsTo"]?.stringValue.map(JSONValue.string) ?? .null
    default: break
    }
    guard let raw = employee.fields[field.id], raw != .null else { return .null }
    switch field.type {
    case "list", "list_id":
      guard human, let id = raw.stringValue, let listId = field.listId else { return raw }
      return .string(labels[listId]?[id] ?? id)
    case "multi-list":
      guard human, case .array(let ids) = raw, let listId = field.listId else { return raw }
      return .array(
        ids.map { v in v.stringValue.flatMap { labels[listId]?[$0] }.map(JSONValue.string) ?? v })
    case "employee", "employee-reference":
      guard !human, field.type == "employee" || tenant.legacyShapes,
        let id = raw.stringValue, let index = employeeIndex[id]
      else { return raw }
      let other = tenant.employees[index]
      return .object([
        ("id", .string(other.id)),
        ("firstName", other.fields["root.firstName"] ?? .null),
        ("surname", other.fields["root.surname"] ?? .null),
        ("email", other.email.map(JSONValue.string) ?? .null),
        ("displayName", other.fields["root.displayName"] ?? .null),
      ])
    default:
      return raw
    }
  }
}
