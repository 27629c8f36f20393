import Foundation
import HibobAPI

/// A mapping file or a legal entity id that cannot be used (exit 2). One line; never a value.
public struct MappingError: Error, Equatable, Sendable, CustomStringConvertible {
  public var message: String

  public init(_ message: String) { self.message = message }

  public var description: String { message }
}

extension SyncMapping {
  /// Reads `--mapping FILE` (format in docs/MAPPING.md) over the built-in mapping.
  public static func load(path: String, over base: SyncMapping = .builtIn)
    throws(MappingError) -> SyncMapping
  {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw MappingError("--mapping: cannot read \(path)")
    }
    do {
      return try parse(data, over: base)
    } catch {
      throw MappingError("--mapping \(path): \(error.message)")
    }
  }

  /// Parses a mapping document over `base`.
  public static func parse(_ data: Data, over base: SyncMapping = .builtIn)
    throws(MappingError) -> SyncMapping
  {
    let json: JSONValue
    do { json = try JSONParser.parse(data) } catch {
      throw MappingError("not JSON (\(error.description))")
    }
    guard case .object(let top) = json else {
      throw MappingError("the top level must be an object")
    }
    var mapping = base
    for key in top.keys.sorted() {
      let value = top[key]!
      switch key {
      case "version":
        guard value.intValue == 1 else { throw MappingError("'version' must be 1") }
      case "legal_entity_id":
        mapping.legalEntityId = try legalEntity(value, at: key)
      case "countries":
        guard case .object(let countries) = value else {
          throw MappingError("'countries' must be an object keyed by ISO alpha-3 codes")
        }
        for code in countries.keys.sorted() {
          try mapping.addCountry(code, countries[code]!)
        }
      default:
        if FormName(section: key) != nil {
          let props = try sectionSources(value, at: key)
          mapping.sections[key, default: [:]].merge(props) { _, new in new }
          for p in props.keys where props[p] != .omit {
            mapping.named.insert(MappingKey(country: nil, section: key, property: p))
          }
        } else if isCountryKey(key) {
          try mapping.addCountry(key, value)
        } else {
          throw MappingError(
            "unknown key '\(key.prefix(64))' (expected a form section such as basic_information, "
              + "'countries', 'legal_entity_id' or an ISO alpha-3 country code)")
        }
      }
    }
    return mapping
  }

  private mutating func addCountry(_ code: String, _ value: JSONValue) throws(MappingError) {
    guard Self.isCountryKey(code), CountryTable.alpha3.contains(code) else {
      throw MappingError("'\(code.prefix(16))' is not an ISO 3166 alpha-3 country code")
    }
    guard case .object(let o) = value else {
      throw MappingError("'\(code)' must be an object")
    }
    for key in o.keys.sorted() {
      let v = o[key]!
      if key == "legal_entity_id" {
        countryLegalEntities[code] = try Self.legalEntity(v, at: "\(code).legal_entity_id")
      } else if FormName(section: key) != nil {
        let props = try Self.sectionSources(v, at: "\(code).\(key)")
        countries[code, default: [:]][key, default: [:]].merge(props) { _, new in new }
        for p in props.keys where props[p] != .omit {
          named.insert(MappingKey(country: code, section: key, property: p))
        }
      } else {
        // A property directly under a country is a basic_information property.
        let source = try Self.source(v, at: "\(code).\(key)")
        countries[code, default: [:]]["basic_information", default: [:]][key] = source
        if source != .omit {
          named.insert(MappingKey(country: code, section: "basic_information", property: key))
        }
      }
    }
  }

  private static func isCountryKey(_ key: String) -> Bool {
    key.count == 3 && key.allSatisfy { $0.isASCII && $0.isUppercase }
  }

  private static func sectionSources(_ value: JSONValue, at path: String)
    throws(MappingError) -> [String: MappingSource]
  {
    guard case .object(let o) = value else {
      throw MappingError("'\(path)' must be an object of form properties")
    }
    var result: [String: MappingSource] = [:]
    for key in o.keys.sorted() {
      guard !key.isEmpty, key.count <= 128 else {
        throw MappingError("'\(path)' has an empty or overlong property name")
      }
      result[key] = try source(o[key]!, at: "\(path).\(key)")
    }
    return result
  }

  /// A string that looks like a field id (`work.title`, `work.custom.field_1`) is a Hibob field;
  /// `{"field": ID}` and `{"const": VALUE}` say it explicitly; `null` removes a default; any
  /// other value is a constant.
  static func source(_ value: JSONValue, at path: String) throws(MappingError) -> MappingSource {
    switch value {
    case .null: return .omit
    case .string(let s):
      if s == "@full_name" { return .fullName }
      return looksLikeFieldId(s) ? .field(s) : .constant(value)
    case .object(let o):
      if o.count == 1, let field = o["field"] {
        guard let id = field.stringValue, looksLikeFieldId(id) else {
          throw MappingError("'\(path).field' must be a Hibob field id such as work.title")
        }
        return .field(id)
      }
      if o.count == 1, let constant = o["const"] { return .constant(constant) }
      throw MappingError(
        "'\(path)' must be a field id, {\"field\": ID}, {\"const\": VALUE} or null")
    default: return .constant(value)
    }
  }

  /// `section.name` with letters, digits and underscores, at least two parts.
  static func looksLikeFieldId(_ s: String) -> Bool {
    let parts = s.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count >= 2, s.count <= 200 else { return false }
    return parts.allSatisfy { part in
      !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
  }

  private static func legalEntity(_ value: JSONValue, at path: String) throws(MappingError)
    -> String
  {
    guard let s = value.stringValue else { throw MappingError("'\(path)' must be a string") }
    return try validatedLegalEntityId(s, what: "'\(path)'")
  }

  /// A Remote legal entity id: 1-128 letters, digits, `-` or `_` (Remote's are UUIDs).
  public static func validatedLegalEntityId(_ s: String, what: String = "--legal-entity-id")
    throws(MappingError) -> String
  {
    guard !s.isEmpty, s.count <= 128,
      s.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
    else {
      throw MappingError(
        "\(what) must be a Remote legal entity id (1-128 letters, digits, '-' or '_')")
    }
    return s
  }

  /// The Hibob field ids the mapping file names that the tenant's metadata does not have (the
  /// built-in defaults may name fields a tenant lacks: those are simply empty).
  public func unknownHibobFields(known: Set<String>) -> [String] {
    var named: Set<String> = []
    for key in self.named {
      let source =
        key.country.flatMap { countries[$0]?[key.section]?[key.property] }
        ?? sections[key.section]?[key.property]
      if case .field(let id)? = source { named.insert(id) }
    }
    return named.subtracting(known).sorted()
  }
}
