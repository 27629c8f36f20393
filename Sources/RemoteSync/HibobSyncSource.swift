import Foundation
import HibobAPI
import PermissionRules

/// One Hibob employee as the sync reads it: the values of the fields the mapping needs, list
/// values already turned into labels, dates as they came (ISO). Holds personal data: never log it.
public struct HibobEmployeeRecord: Sendable, Equatable {
  public var id: String
  /// Field id -> value (a string, a number, a bool or an array); empty fields are absent.
  public var values: [String: JSONValue]
  /// The label of the "Sync to Remote" field ("As employee", ...), nil when empty.
  public var syncLabel: String?
  /// The work country (a Work-section country field), else `address.country`: a label or code.
  public var country: String?
  /// The lifecycle status label (`Employed`, `Hired`, `Terminated`, ...), when visible.
  public var lifecycleStatus: String?
  /// The termination date, `yyyy-MM-dd`, when visible.
  public var terminationDate: String?
  /// The fields of `values` that name another employee (`work.reportsTo`): their value is the
  /// referenced employee's Hibob id, which the payload turns into that employee's Remote
  /// employment id.
  public var references: Set<String>

  public init(
    id: String, values: [String: JSONValue] = [:], syncLabel: String? = nil,
    country: String? = nil, lifecycleStatus: String? = nil, terminationDate: String? = nil,
    references: Set<String> = []
  ) {
    self.id = id
    self.values = values
    self.syncLabel = syncLabel
    self.country = country
    self.lifecycleStatus = lifecycleStatus
    self.terminationDate = terminationDate
    self.references = references
  }

  /// The Remote type the sync field selects, nil when the employee is not selected.
  public var selectedType: EmploymentType? { syncLabel.flatMap(EmploymentType.init(syncLabel:)) }

  /// A field's value as text (nil when absent or not a scalar).
  public func text(_ fieldId: String) -> String? {
    switch values[fieldId] {
    case .string(let s)?: return s
    case .number(let n)?: return n
    case .bool(let b)?: return b ? "true" : "false"
    default: return nil
    }
  }

  /// Terminated in Hibob: lifecycle status "Terminated", or a termination date on or before
  /// `today`.
  public func isTerminated(today: String) -> Bool {
    if lifecycleStatus?.trimmingCharacters(in: .whitespaces).lowercased() == "terminated" {
      return true
    }
    if let date = terminationDate.flatMap(PayloadBuilder.isoDate), date <= today { return true }
    return false
  }
}

/// The Hibob fields the sync always reads besides the mapping's.
public enum HibobSyncFields {
  public static let firstName = "root.firstName"
  public static let middleName = "root.middleName"
  public static let surname = "root.surname"
  public static let displayName = "root.displayName"
  public static let startDate = "work.startDate"
  public static let addressCountry = "address.country"
  public static let lifecycleStatus = "internal.lifecycleStatus"
  public static let terminationDate = "internal.terminationDate"
  /// The fields the legal name is built from.
  public static let nameFields: Set<String> = [firstName, middleName, surname, displayName]
  /// Names (compared ignoring case) that mark a tenant's work-country field in the Work section.
  /// [Our choice: Hibob has no built-in work country in people search.]
  public static let workCountryNames = ["work country", "country of work", "work location country"]
}

/// Why the Hibob side of a sync could not be read, or the mapping does not fit the tenant.
public enum HibobSyncSourceError: Error, Equatable, Sendable, CustomStringConvertible {
  case noSyncField
  /// The mapping names Hibob fields the tenant does not have (a configuration error).
  case unknownMappingFields([String])

  public var description: String {
    switch self {
    case .noSyncField:
      return
        "the tenant has no \"Sync to Remote\" field; Remote's integration creates it in the Work "
        + "section (article step 2)"
    case .unknownMappingFields(let ids):
      return "the mapping names Hibob fields this tenant does not have: "
        + ids.prefix(10).joined(separator: ", ")
    }
  }
}

/// Where the employees come from (`HibobSyncSource` is the real one).
public protocol SyncEmployeeSource: Sendable {
  /// Every employee the service user can see, selected or not, with the fields `mapping` needs.
  func employees(mapping: SyncMapping) async throws -> [HibobEmployeeRecord]
}

/// Reads the employees for a sync from Hibob: the field metadata (no permission needed), the
/// "Sync to Remote" field through the check's own lookup (`SyncField.find`), the named lists of
/// the list fields read, then **one** people search with `showInactive: true` for only the
/// fields the mapping needs. List values (item ids) become labels through their list; a value
/// that is already a label passes through.
public struct HibobSyncSource: SyncEmployeeSource {
  public let client: HibobClient

  public init(client: HibobClient) {
    self.client = client
  }

  public func employees(mapping: SyncMapping) async throws -> [HibobEmployeeRecord] {
    let metadata = try await client.fieldMetadata().value
    let plan = try Self.plan(metadata: metadata, mapping: mapping)
    var labels: [String: [String: String]] = [:]
    for listId in plan.listIds.sorted() {
      // A list Hibob says is not there (404) or not readable (403) leaves its values as they
      // came. Any other failure stops the round: raw item ids would read as "nobody selected"
      // for the sync field, and as job titles in Remote.
      guard let list = try await Self.readableList(listId, client: client) else { continue }
      var map: [String: String] = [:]
      for item in list.allItems {
        if let label = item.name ?? item.value { map[item.id] = label }
      }
      labels[listId] = map
    }
    let result = try await client.searchPeople(fields: plan.searchFields, showInactive: true).value
    return result.employees.map { plan.record($0, labels: labels) }
  }

  /// The list, or `nil` when Hibob answers that it is not there (404) or not readable (403).
  static func readableList(_ listId: String, client: HibobClient) async throws -> NamedList? {
    do {
      return try await client.namedList(listId).value
    } catch {
      switch error.kind {
      case .notFound, .forbidden: return nil
      default: throw error
      }
    }
  }

  /// The search's fields and how to read them, from the metadata and the mapping.
  public static func plan(metadata: [FieldMetadata], mapping: SyncMapping)
    throws(HibobSyncSourceError) -> ReadPlan
  {
    guard let sync = SyncField.find(in: metadata.map(fieldInfo)) else { throw .noSyncField }
    let known = Set(metadata.map(\.id))
    let unknown = mapping.unknownHibobFields(known: known)
    if !unknown.isEmpty { throw .unknownMappingFields(unknown) }
    let workCountry = metadata.first { f in
      f.categoryId == "work"
        && HibobSyncFields.workCountryNames.contains(
          f.name?.trimmingCharacters(in: .whitespaces).lowercased() ?? "")
    }
    var fields = mapping.hibobFields
    fields.formUnion([
      HibobSyncFields.startDate, HibobSyncFields.addressCountry, HibobSyncFields.lifecycleStatus,
      HibobSyncFields.terminationDate, sync.id,
    ])
    if let workCountry { fields.insert(workCountry.id) }
    let byId = Dictionary(metadata.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    // Only fields the tenant has are asked for (an unknown id is silently dropped by Hibob
    // anyway); `root.id` always.
    let search = ["root.id"] + fields.filter { byId[$0] != nil }.sorted()
    var listOf: [String: String] = [:]
    for id in search {
      if let field = byId[id], let listId = field.listId,
        field.type == nil || field.type == "list"
          || field.type == "multi-list"
      {
        listOf[id] = listId
      }
    }
    let references = Set(search.filter { byId[$0]?.isEmployeeReference == true })
    return ReadPlan(
      searchFields: search, syncFieldId: sync.id, workCountryFieldId: workCountry?.id,
      listOf: listOf, references: references)
  }

  /// Mirrors Preflight's conversion of metadata to the rules' `FieldInfo`, so that the sync
  /// finds the same "Sync to Remote" field as the check.
  static func fieldInfo(_ field: FieldMetadata) -> FieldInfo {
    FieldInfo(
      id: field.id, name: field.name ?? "", categoryId: field.categoryId ?? field.category ?? "",
      categoryDisplayName: field.categoryDisplayName, type: field.type ?? "",
      listId: field.listId, isCustom: field.isCustom)
  }

  /// What one round reads, and how.
  public struct ReadPlan: Sendable, Equatable {
    public var searchFields: [String]
    public var syncFieldId: String
    public var workCountryFieldId: String?
    /// Field id -> its named list, for every list field read.
    public var listOf: [String: String]
    /// The fields read whose values name another employee.
    public var references: Set<String> = []

    /// Every named list to read.
    public var listIds: Set<String> { Set(listOf.values) }

    /// One employee of the search answer, values labelled.
    func record(_ e: SearchedEmployee, labels: [String: [String: String]]) -> HibobEmployeeRecord {
      var values: [String: JSONValue] = [:]
      for id in searchFields where id != "root.id" {
        guard let raw = e.lookup(id).value else { continue }
        if references.contains(id) {
          if let referenced = Self.referencedId(raw) { values[id] = .string(referenced) }
          continue
        }
        guard let value = Self.plain(raw) else { continue }
        values[id] = label(value, field: id, labels: labels)
      }
      func text(_ id: String?) -> String? {
        guard let id, case .string(let s)? = values[id], !s.isEmpty else { return nil }
        return s
      }
      return HibobEmployeeRecord(
        id: e.id, values: values, syncLabel: text(syncFieldId),
        country: text(workCountryFieldId) ?? text(HibobSyncFields.addressCountry),
        lifecycleStatus: text(HibobSyncFields.lifecycleStatus),
        terminationDate: text(HibobSyncFields.terminationDate),
        references: references.intersection(values.keys))
    }

    /// The referenced employee's id: an id string or number [seen], or an object's `id` (never
    /// its display name); the first of an array.
    static func referencedId(_ v: JSONValue) -> String? {
      switch v {
      case .string(let s):
        let t = s.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
      case .number(let n): return n
      case .object(let o): return (o["id"] ?? o["value"]).flatMap(referencedId)
      case .array(let items): return items.lazy.compactMap(referencedId).first
      case .null, .bool: return nil
      }
    }

    private func label(_ value: JSONValue, field: String, labels: [String: [String: String]])
      -> JSONValue
    {
      guard let listId = listOf[field], let map = labels[listId] else { return value }
      switch value {
      case .string(let s): return .string(map[s] ?? s)
      case .number(let n): return .string(map[n] ?? n)
      case .array(let items): return .array(items.map { label($0, field: field, labels: labels) })
      default: return value
      }
    }

    /// A scalar, an array of scalars, or an object's `value`/`name`/`id`; nil for empty.
    static func plain(_ v: JSONValue) -> JSONValue? {
      switch v {
      case .null: return nil
      case .string(let s): return s.trimmingCharacters(in: .whitespaces).isEmpty ? nil : v
      case .number, .bool: return v
      case .array(let items):
        let kept = items.compactMap(plain)
        return kept.isEmpty ? nil : .array(kept)
      case .object(let o):
        for key in ["value", "name", "id"] {
          if let inner = o[key], let p = plain(inner) { return p }
        }
        return nil
      }
    }
  }
}
