import Common
import Foundation
import HibobAPI

/// What one selected employee becomes in Remote: the unwrapped body of `POST /v1/employments`
/// (`remote-api.md`). Holds personal data: never log it; the state keeps only hashes of it.
public struct EmploymentPayload: Sendable, Equatable {
  public var hibobId: String
  public var type: EmploymentType
  /// ISO 3166-1 alpha-3.
  public var countryCode: String
  /// Form section (`basic_information`, `address_details`, ...) -> property -> value.
  public var sections: [String: [String: JSONValue]]
  /// `engaged_by_legal_entity_id` (global payroll).
  public var legalEntityId: String?

  public init(
    hibobId: String, type: EmploymentType, countryCode: String,
    sections: [String: [String: JSONValue]], legalEntityId: String? = nil
  ) {
    self.hibobId = hibobId
    self.type = type
    self.countryCode = countryCode
    self.sections = sections
    self.legalEntityId = legalEntityId
  }

  /// Remote's `email` (the login, "Personal email").
  public var loginEmail: String? { sections["basic_information"]?["email"]?.stringValue }
  public var workEmail: String? { sections["basic_information"]?["work_email"]?.stringValue }
  public var startDate: String? {
    sections["basic_information"]?["provisional_start_date"]?.stringValue
  }
  /// Every email Remote may list this employment under.
  public var emails: [String] { [loginEmail, workEmail].compactMap { $0 } }

  /// The sections a create carries (`remote-api.md`: the body is `type`, `country_code`,
  /// `basic_information`, `external_id`, `engaged_by_legal_entity_id`). The others
  /// (`address_details`, ...) follow in a PATCH while the employment is `created`.
  public static let createSections: Set<String> = ["basic_information"]

  /// The create body: `type`, `country_code`, `basic_information`, `external_id` (the Hibob id)
  /// and, for global payroll, `engaged_by_legal_entity_id`. Nothing else.
  public func createBody() -> JSONValue {
    var o: [String: JSONValue] = [
      "type": .string(type.rawValue), "country_code": .string(countryCode),
      "external_id": .string(hibobId),
    ]
    for (section, props) in sections where Self.createSections.contains(section) {
      o[section] = .object(props)
    }
    if let legalEntityId { o["engaged_by_legal_entity_id"] = .string(legalEntityId) }
    return .object(o)
  }

  /// The sections that follow the create in a PATCH (every one but `createSections`), sorted.
  public var patchedSections: [String] {
    sections.keys.filter { !Self.createSections.contains($0) }.sorted()
  }

  /// The fingerprints of what `createBody()` sends: `fingerprints()` without those of
  /// `patchedSections` (each of which is fingerprinted whole, under its own name).
  public func createFingerprints() -> [String: String] {
    let patched = Set(patchedSections)
    return fingerprints().filter { !patched.contains($0.key) }
  }

  /// Short hashes of what was sent, for the state: `type`, `country_code`,
  /// `engaged_by_legal_entity_id`, each `basic_information.<property>` (status rules split that
  /// section), and every other section whole.
  public func fingerprints() -> [String: String] {
    var f: [String: String] = [
      "type": Self.hash(.string(type.rawValue)), "country_code": Self.hash(.string(countryCode)),
    ]
    if let legalEntityId { f["engaged_by_legal_entity_id"] = Self.hash(.string(legalEntityId)) }
    for (section, props) in sections {
      if section == "basic_information" {
        for (name, value) in props { f["basic_information." + name] = Self.hash(value) }
      } else {
        f[section] = Self.hash(.object(props))
      }
    }
    return f
  }

  /// One hash of every fingerprint: equal exactly when nothing changed.
  public var hash: String { Self.combinedHash(fingerprints()) }

  /// The state's `payload_hash` for a set of fingerprints.
  public static func combinedHash(_ fingerprints: [String: String]) -> String {
    let text = fingerprints.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
      .joined(separator: "\n")
    return SHA256.prefix(text, count: 32)
  }

  static func hash(_ value: JSONValue) -> String {
    SHA256.hex(value.serialized()).prefix(16).description
  }
}

/// A form property an employee's payload lacks or gets wrong: names and titles, never values.
public struct FormProblem: Codable, Sendable, Equatable {
  /// `basic_information`, `address_details`, ...
  public var section: String
  /// The property's path in the section (`tax_job_category`).
  public var property: String
  /// The form's title for it ("Tax job category"), when it has one.
  public var title: String?
  /// `missing`, `invalid` or `notAllowed`.
  public var problem: String

  public init(section: String, property: String, title: String?, problem: String) {
    self.section = section
    self.property = property
    self.title = title
    self.problem = problem
  }

  /// `tax_job_category ("Tax job category")`.
  public var label: String {
    title.map { "\(property) (\"\($0)\")" } ?? property
  }
}

/// Why an employee is not sent: a sentence (never the employee's data) and, for a form that does
/// not validate, the properties.
public struct SkipDetail: Sendable, Equatable, Error {
  public var reason: String
  public var problems: [FormProblem]

  public init(_ reason: String, problems: [FormProblem] = []) {
    self.reason = reason
    self.problems = problems
  }
}

/// Builds and validates payloads from Hibob records, the mapping and the country forms. Pure.
public struct PayloadBuilder: Sendable {
  public var mapping: SyncMapping

  public init(mapping: SyncMapping = .builtIn) {
    self.mapping = mapping
  }

  /// The record's country as alpha-3, or why there is none.
  public static func country(of record: HibobEmployeeRecord) -> Result<String, SkipDetail> {
    guard let raw = record.country?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
      return .failure(SkipDetail("no work country and no address country in Hibob"))
    }
    guard let code = CountryResolver.alpha3(for: raw) else {
      return .failure(SkipDetail("the country in Hibob is not an ISO 3166 country this tool knows"))
    }
    return .success(code)
  }

  /// The payload, validated against `forms` (section -> form of the employee's country and
  /// type). `remoteIds` (Hibob id -> Remote employment id, the state's) turns a reference to
  /// another employee into that employee's Remote employment; a reference to an employee not
  /// (yet) in Remote is left out, and a later run fills it in. `otherFormProperties` (section ->
  /// properties) names what the country's form for the other employment type has: a property
  /// the mapping names that only that form has is left out rather than refused.
  public func payload(
    for record: HibobEmployeeRecord, type: EmploymentType, country: String,
    forms: [String: RemoteForm], remoteIds: [String: String] = [:],
    otherFormProperties: [String: Set<String>] = [:]
  ) -> Result<EmploymentPayload, SkipDetail> {
    var legalEntity: String?
    if type == .globalPayrollEmployee {
      guard let id = mapping.legalEntity(country: country) else {
        return .failure(
          SkipDetail(
            "global payroll needs a legal entity: pass --legal-entity-id or set legal_entity_id "
              + "for \(country) in the mapping"))
      }
      legalEntity = id
    }
    var sections: [String: [String: JSONValue]] = [:]
    var problems: [FormProblem] = []
    let named = mapping.named
    for (section, props) in mapping.sources(country: country).sorted(by: { $0.key < $1.key }) {
      // A contractor takes no PATCH (`remote-api.md`), so only what its create carries is sent.
      if type == .contractor && !EmploymentPayload.createSections.contains(section) { continue }
      guard let form = forms[section] else { continue }
      let formProps = form.schema["properties"]?.objectValue ?? [:]
      var values: [String: JSONValue] = [:]
      for (property, source) in props {
        let userNamed =
          named.contains(.init(country: country, section: section, property: property))
          || named.contains(.init(country: nil, section: section, property: property))
        // A default the country's form does not have is left out; a property the file named
        // stays (and fails validation where the form refuses it).
        let otherType = otherFormProperties[section]?.contains(property) == true
        guard formProps[property] != nil || (userNamed && !otherType) else { continue }
        guard let raw = value(source, record, remoteIds: remoteIds) else { continue }
        values[property] = Self.fit(raw, to: formProps[property])
      }
      if section != "basic_information" && values.isEmpty { continue }
      for v in JSONSchemaValidator(schema: form.schema).validate(.object(values)) {
        problems.append(
          FormProblem(
            section: section, property: v.path,
            title: v.title ?? form.title(of: v.path), problem: v.kind.rawValue))
      }
      sections[section] = values
    }
    if !problems.isEmpty {
      let missing = problems.filter { $0.problem == "missing" }.map(\.label)
      let invalid = problems.filter { $0.problem != "missing" }.map(\.label)
      var parts: [String] = []
      if !missing.isEmpty { parts.append("missing " + missing.joined(separator: ", ")) }
      if !invalid.isEmpty { parts.append("invalid " + invalid.joined(separator: ", ")) }
      return .failure(
        SkipDetail(
          "the \(country) form does not validate: " + parts.joined(separator: "; "),
          problems: problems))
    }
    return .success(
      EmploymentPayload(
        hibobId: record.id, type: type, countryCode: country, sections: sections,
        legalEntityId: legalEntity))
  }

  private func value(
    _ source: MappingSource, _ record: HibobEmployeeRecord, remoteIds: [String: String]
  ) -> JSONValue? {
    switch source {
    case .omit: return nil
    case .constant(let v): return v
    case .field(let id) where record.references.contains(id):
      return record.text(id).flatMap { remoteIds[$0] }.map { .string($0) }
    case .field(let id): return record.values[id]
    case .fullName:
      let parts = [
        HibobSyncFields.firstName, HibobSyncFields.middleName, HibobSyncFields.surname,
      ].compactMap { record.text($0)?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      if !parts.isEmpty { return .string(parts.joined(separator: " ")) }
      return record.text(HibobSyncFields.displayName).map { .string($0) }
    }
  }

  /// Small shape fixes the form asks for: an ISO timestamp for a `date`, one value for an array.
  static func fit(_ value: JSONValue, to schema: JSONValue?) -> JSONValue {
    guard let schema else { return value }
    if schema["format"]?.stringValue == "date", case .string(let s) = value,
      let date = isoDate(s)
    {
      return .string(date)
    }
    if schema["type"]?.stringValue == "array", value.arrayValue == nil { return .array([value]) }
    return value
  }

  /// `yyyy-MM-dd` (a longer ISO timestamp is cut to its date), checked for a real calendar date.
  static func isoDate(_ s: String) -> String? {
    let t = s.trimmingCharacters(in: .whitespaces)
    guard t.count >= 10 else { return nil }
    let date = String(t.prefix(10))
    if t.count > 10, t[t.index(t.startIndex, offsetBy: 10)] != "T" { return nil }
    return UTCDate.isCalendarDay(date) ? date : nil
  }
}
