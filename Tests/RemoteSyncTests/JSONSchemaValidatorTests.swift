import HibobAPI
import RemoteSync
import Testing

/// One keyword: instances that must pass and instances that must fail with `reason` at the root.
struct KeywordCase: Sendable, CustomStringConvertible {
  var keyword: String
  var schema: String
  var passing: [String]
  var failing: [String]
  var reason: String

  var description: String { keyword }

  static let all: [KeywordCase] = [
    KeywordCase(
      keyword: "type string", schema: #"{"type": "string"}"#,
      passing: [#""a""#, #""""#], failing: ["1", "true", "null", "[]", "{}"],
      reason: "must be of type string"),
    KeywordCase(
      keyword: "type integer", schema: #"{"type": "integer"}"#,
      passing: ["3", "-7", "3.0", "1e2", "12345678901234567890"], failing: ["3.5", #""3""#],
      reason: "must be of type integer"),
    KeywordCase(
      keyword: "type number", schema: #"{"type": "number"}"#,
      passing: ["3", "3.5", "-1e-3"], failing: [#""3""#, "null"],
      reason: "must be of type number"),
    KeywordCase(
      keyword: "type boolean", schema: #"{"type": "boolean"}"#,
      passing: ["true", "false"], failing: ["0", #""true""#], reason: "must be of type boolean"),
    KeywordCase(
      keyword: "type object", schema: #"{"type": "object"}"#,
      passing: ["{}", #"{"a": 1}"#], failing: ["[]", "null"], reason: "must be of type object"),
    KeywordCase(
      keyword: "type array", schema: #"{"type": "array"}"#,
      passing: ["[]", "[1, 2]"], failing: ["{}", #""[]""#], reason: "must be of type array"),
    KeywordCase(
      keyword: "type null", schema: #"{"type": "null"}"#,
      passing: ["null"], failing: ["0", #""""#, "false"], reason: "must be of type null"),
    KeywordCase(
      keyword: "type list", schema: #"{"type": ["string", "null"]}"#,
      passing: [#""x""#, "null"], failing: ["1", "{}"],
      reason: "must be of type string or null"),
    KeywordCase(
      keyword: "enum", schema: #"{"enum": ["a", 1, null, {"k": [true]}]}"#,
      passing: [#""a""#, "1", "1.0", "null", #"{"k": [true]}"#],
      failing: [#""b""#, "2", #"{"k": [false]}"#, "[]"],
      reason: "must be one of the allowed values"),
    KeywordCase(
      keyword: "const", schema: #"{"const": "acknowledged"}"#,
      passing: [#""acknowledged""#], failing: [#""Acknowledged""#, "true", "null"],
      reason: "must be the one allowed value"),
    KeywordCase(
      keyword: "const object", schema: #"{"const": {"a": 1, "b": [1, 2]}}"#,
      passing: [#"{"b": [1, 2.0], "a": 1}"#], failing: [#"{"a": 1}"#, #"{"a": 1, "b": [2, 1]}"#],
      reason: "must be the one allowed value"),
    KeywordCase(
      keyword: "format date", schema: #"{"format": "date"}"#,
      passing: [#""2024-02-29""#, #""2000-02-29""#, #""2027-12-31""#, "17"],
      failing: [
        #""2023-02-29""#, #""1900-02-29""#, #""2024-04-31""#, #""2024-13-01""#, #""2024-00-10""#,
        #""2024-01-00""#, #""2024-1-01""#, #""20240101""#, #""2024-01-01T00:00:00Z""#,
        #""２０２４-01-01""#, #""""#,
      ],
      reason: "does not match format date"),
    KeywordCase(
      keyword: "format email", schema: #"{"format": "email"}"#,
      passing: [
        #""ana@example.com""#, #""Ana.B+tag@Mail.Example.PT""#, #""o'neil@sub-domain.example""#,
        #""root@localhost""#,
      ],
      failing: [
        #""ana""#, #""@example.com""#, #""ana@""#, #""ana@@example.com""#, #""ana b@example.com""#,
        #""ana@-example.com""#, #""ana@example..com""#, #""ana@example.com.""#,
      ],
      reason: "does not match format email"),
    KeywordCase(
      keyword: "minLength", schema: #"{"minLength": 2}"#,
      // 2 code points though one character: JSON Schema counts code points.
      passing: [#""ab""#, #""👍🏽""#, "5"], failing: [#""a""#, #""""#, #""😀""#],
      reason: "must be at least 2 characters long"),
    KeywordCase(
      keyword: "maxLength", schema: #"{"maxLength": 1}"#,
      // One code point that is two UTF-16 units passes; two code points in one character fail.
      passing: [#""a""#, #""😀""#, #""""#], failing: [#""ab""#, #""👍🏽""#],
      reason: "must be at most 1 characters long"),
    KeywordCase(
      keyword: "pattern", schema: #"{"pattern": "^\\+351[0-9]{9}$"}"#,
      passing: [#""+351912345678""#, "351"], failing: [#""+34912345678""#, #""+3519123456789""#],
      reason: "does not match the required pattern"),
    KeywordCase(
      keyword: "pattern unanchored", schema: #"{"pattern": "\\S"}"#,
      passing: [#""  x ""#], failing: [#""   ""#, #""""#],
      reason: "does not match the required pattern"
    ),
    KeywordCase(
      keyword: "minimum", schema: #"{"minimum": 18}"#,
      passing: ["18", "18.5", #""1""#], failing: ["17.99", "-1"], reason: "must be at least 18"),
    KeywordCase(
      keyword: "maximum", schema: #"{"maximum": 1.5}"#,
      passing: ["1.5", "-3"], failing: ["1.51", "2"], reason: "must be at most 1.5"),
    KeywordCase(
      keyword: "exclusiveMinimum", schema: #"{"exclusiveMinimum": 0}"#,
      passing: ["0.1"], failing: ["0", "-2"], reason: "must be greater than 0"),
    KeywordCase(
      keyword: "exclusiveMaximum", schema: #"{"exclusiveMaximum": 10}"#,
      passing: ["9"], failing: ["10"], reason: "must be less than 10"),
    KeywordCase(
      keyword: "minItems", schema: #"{"minItems": 1}"#,
      passing: [#"["a"]"#, #""not an array""#], failing: ["[]"],
      reason: "must have at least 1 items"
    ),
    KeywordCase(
      keyword: "maxItems", schema: #"{"maxItems": 2}"#,
      passing: ["[1, 2]"], failing: ["[1, 2, 3]"], reason: "must have at most 2 items"),
    KeywordCase(
      keyword: "uniqueItems", schema: #"{"uniqueItems": true}"#,
      passing: [#"["a", "b"]"#, "[1, [1]]"],
      failing: [#"["a", "a"]"#, "[1, 1.0]", #"[{"a": 1}, {"a": 1}]"#],
      reason: "must not contain the same item twice"),
    KeywordCase(
      keyword: "not", schema: #"{"not": {"const": null}}"#,
      passing: [#""x""#, "0"], failing: ["null"], reason: "must not be null"),
    KeywordCase(
      keyword: "not schema", schema: #"{"not": {"type": "string", "maxLength": 2}}"#,
      passing: [#""abc""#, "1"], failing: [#""ab""#], reason: "must not match the excluded schema"),
    KeywordCase(
      keyword: "anyOf",
      schema: #"{"anyOf": [{"type": "string", "pattern": "^a"}, {"type": "integer"}]}"#,
      passing: [#""abc""#, "4"], failing: [#""bcd""#, "4.5", "null"],
      reason: "does not match any of the allowed alternatives"),
    KeywordCase(
      keyword: "oneOf none",
      schema: #"{"oneOf": [{"const": "yes", "title": "Yes"}, {"const": "no"}]}"#,
      passing: [#""yes""#, #""no""#], failing: [#""maybe""#, "true"],
      reason: "must be one of the allowed values"),
    KeywordCase(
      keyword: "oneOf several", schema: #"{"oneOf": [{"type": "integer"}, {"minimum": 0}]}"#,
      passing: ["-1", "0.5"], failing: ["2"],
      reason: "matches more than one of the alternatives, exactly one is allowed"),
    KeywordCase(
      keyword: "allOf", schema: #"{"allOf": [{"type": "string"}, {"maxLength": 3}]}"#,
      passing: [#""abc""#], failing: [#""abcd""#], reason: "must be at most 3 characters long"),
    KeywordCase(
      keyword: "false schema", schema: "false", passing: [], failing: ["1", "null", "{}"],
      reason: "is not allowed"),
    KeywordCase(
      keyword: "$ref definitions",
      schema: ##"{"$ref": "#/definitions/code", "definitions": {"code": {"type": "string"}}}"##,
      passing: [#""PRT""#], failing: ["351"], reason: "must be of type string"),
    KeywordCase(
      keyword: "$ref $defs",
      schema: ##"{"$ref": "#/$defs/a~1b", "$defs": {"a/b": {"minimum": 1}}}"##,
      passing: ["1"], failing: ["0"], reason: "must be at least 1"),
  ]
}

@Suite("JSONSchemaValidator")
struct JSONSchemaValidatorTests {
  private func make(_ schema: String) throws -> JSONSchemaValidator {
    JSONSchemaValidator(schema: try JSONParser.parse(schema))
  }

  private func lines(_ violations: [SchemaViolation]) -> [String] {
    violations.map { "\($0.kind.rawValue) \($0.path): \($0.reason)" }
  }

  @Test("every keyword passes and fails", arguments: KeywordCase.all)
  func keyword(_ example: KeywordCase) throws {
    let validator = try make(example.schema)
    for text in example.passing {
      let instance = try JSONParser.parse(text)
      #expect(validator.validate(instance) == [], "\(example.keyword) must accept \(text)")
      #expect(validator.isValid(instance))
    }
    for text in example.failing {
      let instance = try JSONParser.parse(text)
      let expectedKind: SchemaViolation.Kind = example.schema == "false" ? .notAllowed : .invalid
      #expect(
        validator.validate(instance)
          == [SchemaViolation(path: "", title: nil, kind: expectedKind, reason: example.reason)],
        "\(example.keyword) must reject \(text)")
      #expect(!validator.isValid(instance))
    }
  }

  @Test func everyKeywordHasPassingAndFailingExamples() {
    for example in KeywordCase.all where example.schema != "false" {
      #expect(!example.passing.isEmpty && !example.failing.isEmpty, "\(example.keyword)")
    }
  }

  @Test func requiredPropertiesAreMissingWithTheirTitles() throws {
    let validator = try make(
      #"""
      {"type": "object", "required": ["name", "email", "nickname"],
       "properties": {"name": {"type": "string", "title": "Full name"},
                      "email": {"type": "string", "title": "Personal email"}}}
      """#)
    #expect(
      validator.validate(["email": "a@b.c"]) == [
        SchemaViolation(path: "name", title: "Full name", kind: .missing, reason: "is required"),
        SchemaViolation(path: "nickname", title: nil, kind: .missing, reason: "is required"),
      ])
    // Present as null is not missing (JSON Schema); the type catches it.
    #expect(
      lines(validator.validate(["name": nil, "email": "a@b.c", "nickname": 1]))
        == ["invalid name: must be of type string"])
  }

  @Test func nestedObjectsReportDottedPathsAndTitles() throws {
    let validator = try make(
      #"""
      {"type": "object", "required": ["address"],
       "properties": {"address": {"type": "object", "title": "Home address",
         "required": ["postal_code", "city"], "additionalProperties": false,
         "properties": {"postal_code": {"type": "string", "title": "Postal code", "pattern": "^[0-9]{4}-[0-9]{3}$"},
                        "city": {"type": "string", "title": "City"},
                        "geo": {"type": "object", "properties": {"lat": {"type": "number", "title": "Latitude"}}}}}}}
      """#)
    let violations = validator.validate([
      "address": ["postal_code": "12345", "geo": ["lat": "north"], "floor": 3]
    ])
    #expect(
      violations == [
        SchemaViolation(path: "address.city", title: "City", kind: .missing, reason: "is required"),
        SchemaViolation(
          path: "address.floor", title: nil, kind: .notAllowed,
          reason: "is not a property the form allows"),
        SchemaViolation(
          path: "address.geo.lat", title: "Latitude", kind: .invalid,
          reason: "must be of type number"),
        SchemaViolation(
          path: "address.postal_code", title: "Postal code", kind: .invalid,
          reason: "does not match the required pattern"),
      ])
    #expect(
      lines(validator.validate(["address": "Rua"])) == ["invalid address: must be of type object"])
    #expect(validator.validate(["address": ["postal_code": "1000-001", "city": "Lisboa"]]) == [])
  }

  @Test func additionalPropertiesFalseTrueAndSchema() throws {
    let closed = try make(#"{"properties": {"a": {}}, "additionalProperties": false}"#)
    #expect(closed.validate(["a": 1]) == [])
    #expect(
      closed.validate(["a": 1, "b": 2, "c": 3]).map(\.kind) == [.notAllowed, .notAllowed])
    #expect(closed.validate(["a": 1, "b": 2]).map(\.path) == ["b"])

    let open = try make(#"{"properties": {"a": {}}, "additionalProperties": true}"#)
    #expect(open.validate(["a": 1, "b": 2]) == [])
    #expect(try make(#"{"properties": {"a": {}}}"#).validate(["b": 2]) == [])

    let typed = try make(
      #"{"properties": {"a": {}}, "additionalProperties": {"type": "string"}}"#)
    #expect(typed.validate(["a": 1, "b": "x"]) == [])
    #expect(lines(typed.validate(["a": 1, "b": 2])) == ["invalid b: must be of type string"])

    let patterned = try make(
      #"{"patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": false}"#)
    #expect(patterned.validate(["x-a": "1"]) == [])
    #expect(lines(patterned.validate(["x-a": 1])) == ["invalid x-a: must be of type string"])
    #expect(patterned.validate(["y": "1"]).map(\.kind) == [.notAllowed])
  }

  @Test func oneOfAndAnyOfReportOneViolationAtThePropertyNotTheBranches() throws {
    let validator = try make(
      #"""
      {"properties": {
        "category": {"title": "Category", "oneOf": [{"const": "a", "title": "A"}, {"const": "b", "title": "B"}]},
        "phone": {"title": "Mobile", "anyOf": [
          {"not": {"const": null}, "type": "string", "pattern": "^\\+351[0-9]{9}$", "title": "Portugal"},
          {"not": {"const": null}, "type": "string", "pattern": "^\\+49[0-9]{6,}$", "title": "Germany"},
          {"type": "object", "required": ["number"], "properties": {"number": {"type": "string"}}}]}}}
      """#)
    #expect(validator.validate(["category": "a", "phone": "+351912345678"]) == [])
    #expect(validator.validate(["phone": "+4915112345678"]) == [])
    #expect(
      validator.validate(["category": "c", "phone": "+33612345678"]) == [
        SchemaViolation(
          path: "category", title: "Category", kind: .invalid,
          reason: "must be one of the allowed values"),
        SchemaViolation(
          path: "phone", title: "Mobile", kind: .invalid,
          reason: "does not match any of the allowed alternatives"),
      ])
    #expect(lines(validator.validate(["phone": nil])).count == 1)
    // A branch's nested violations never leak out.
    #expect(
      lines(validator.validate(["phone": ["number": 5]]))
        == ["invalid phone: does not match any of the allowed alternatives"])
  }

  @Test func allOfReportsEveryBranchViolation() throws {
    let validator = try make(
      #"""
      {"allOf": [{"required": ["a"]}, {"required": ["b"]},
                 {"properties": {"c": {"type": "integer", "title": "C"}}}],
       "properties": {"a": {"title": "A"}}}
      """#)
    #expect(
      validator.validate(["c": "x"]) == [
        SchemaViolation(path: "a", title: "A", kind: .missing, reason: "is required"),
        SchemaViolation(path: "b", title: nil, kind: .missing, reason: "is required"),
        SchemaViolation(path: "c", title: "C", kind: .invalid, reason: "must be of type integer"),
      ])
    #expect(validator.validate(["a": 1, "b": 2, "c": 3]) == [])
  }

  @Test func ifThenElse() throws {
    let validator = try make(
      #"""
      {"type": "object",
       "properties": {"kind": {"enum": ["eor", "contractor"]}, "legal_entity": {"type": "string", "title": "Legal entity"},
                      "rate": {"type": "number", "title": "Rate"}},
       "if": {"properties": {"kind": {"const": "eor"}}, "required": ["kind"]},
       "then": {"required": ["legal_entity"]},
       "else": {"required": ["rate"], "properties": {"legal_entity": false}}}
      """#)
    #expect(validator.validate(["kind": "eor", "legal_entity": "le-1"]) == [])
    #expect(
      validator.validate(["kind": "eor"]) == [
        SchemaViolation(
          path: "legal_entity", title: "Legal entity", kind: .missing, reason: "is required")
      ])
    #expect(validator.validate(["kind": "contractor", "rate": 10]) == [])
    #expect(
      validator.validate(["kind": "contractor", "legal_entity": "le-1"]) == [
        SchemaViolation(
          path: "legal_entity", title: "Legal entity", kind: .notAllowed,
          reason: "is not allowed"),
        SchemaViolation(path: "rate", title: "Rate", kind: .missing, reason: "is required"),
      ])
    // `kind` absent: the `if` fails on its `required`, so the `else` applies.
    #expect(validator.validate([:]).map(\.path) == ["rate"])

    // `then` and `else` without `if` are not applied.
    let orphan = try make(#"{"then": {"required": ["a"]}, "else": false}"#)
    #expect(orphan.validate([:]) == [])
    // Only a `then`: an `if` that fails applies nothing.
    let onlyThen = try make(#"{"if": {"required": ["a"]}, "then": {"required": ["b"]}}"#)
    #expect(onlyThen.validate(["c": 1]) == [])
    #expect(onlyThen.validate(["a": 1]).map(\.path) == ["b"])
  }

  @Test func itemsReportIndexedPaths() throws {
    let validator = try make(
      #"""
      {"properties": {"countries": {"type": "array", "title": "Countries", "minItems": 1,
        "items": {"enum": ["Portugal", "Spain"]}},
       "pair": {"items": [{"type": "string", "title": "First"}, {"type": "integer"}]}}}
      """#)
    #expect(validator.validate(["countries": ["Spain", "Portugal"]]) == [])
    #expect(
      validator.validate(["countries": ["Spain", "Atlantis", "Portugal", "Mu"]]) == [
        SchemaViolation(
          path: "countries.1", title: "Countries", kind: .invalid,
          reason: "must be one of the allowed values"),
        SchemaViolation(
          path: "countries.3", title: "Countries", kind: .invalid,
          reason: "must be one of the allowed values"),
      ])
    #expect(
      lines(validator.validate(["countries": []])) == [
        "invalid countries: must have at least 1 items"
      ])
    #expect(validator.validate(["pair": ["a", 1, "extra"]]) == [])
    #expect(
      validator.validate(["pair": [1, "b"]]) == [
        SchemaViolation(
          path: "pair.0", title: "First", kind: .invalid, reason: "must be of type string"),
        SchemaViolation(
          path: "pair.1", title: nil, kind: .invalid, reason: "must be of type integer"),
      ])
  }

  @Test func refsResolveLocallyAndCyclesEnd() throws {
    let validator = try make(
      #"""
      {"definitions": {"address": {"type": "object", "title": "Address", "required": ["city"],
                                   "properties": {"city": {"type": "string", "title": "City"}}}},
       "properties": {"home": {"$ref": "#/definitions/address"},
                      "work": {"$ref": "#/definitions/nowhere"},
                      "remote": {"$ref": "https://example.com/schema.json"}}}
      """#)
    #expect(validator.validate(["home": ["city": "Porto"], "work": 1, "remote": 1]) == [])
    #expect(
      validator.validate(["home": [:]]) == [
        SchemaViolation(path: "home.city", title: "City", kind: .missing, reason: "is required")
      ])
    #expect(
      validator.validate(["home": 1]) == [
        SchemaViolation(
          path: "home", title: "Address", kind: .invalid, reason: "must be of type object")
      ])

    // A schema that refers to itself at the same place ends, and a recursive tree still validates.
    let cyclic = try make(##"{"allOf": [{"$ref": "#"}, {"$ref": "#"}], "type": "object"}"##)
    #expect(cyclic.validate([:]) == [])
    #expect(lines(cyclic.validate(1)) == ["invalid : must be of type object"])
    let tree = try make(
      ##"{"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#"}}}}"##
    )
    #expect(
      tree.validate(["children": [["children": []], ["children": [["children": 3]]]]]).map(\.path)
        == ["children.1.children.0.children"])
  }

  @Test func invalidPatternIsNoConstraint() throws {
    for pattern in ["(", "[a-", "*", "(?<", "\\"] {
      let schema: JSONValue = ["type": "string", "pattern": .string(pattern)]
      let validator = JSONSchemaValidator(schema: schema)
      #expect(validator.validate("anything") == [], "pattern \(pattern)")
      let keyed = JSONSchemaValidator(schema: ["patternProperties": [pattern: false]])
      #expect(keyed.validate(["k": 1]) == [])
    }
  }

  @Test func malformedSchemasNeverTrapAndConstrainNothing() throws {
    let malformed = [
      #"{"required": "name"}"#, #"{"required": [1, null, {"a": 1}]}"#, #"{"properties": []}"#,
      #"{"properties": {"a": "string"}}"#, #"{"type": 5}"#, #"{"type": ["text"]}"#,
      #"{"enum": "a"}"#, #"{"items": "string"}"#, #"{"minLength": "3"}"#, #"{"maxLength": -1.5}"#,
      #"{"pattern": 5}"#, #"{"format": ["date"]}"#, #"{"minimum": "5"}"#, #"{"allOf": {}}"#,
      #"{"anyOf": []}"#, #"{"oneOf": "x"}"#, #"{"not": 3}"#, #"{"if": "x", "then": false}"#,
      ##"{"$ref": 5}"##, ##"{"$ref": "#/definitions/"}"##, ##"{"$ref": "#/0/%%"}"##,
      #"{"additionalProperties": 5}"#, #"{"uniqueItems": "yes"}"#, "\"schema\"", "42", "null", "[]",
    ]
    let instances: [JSONValue] = [
      ["name": "x", "a": ["b": [1, 2]]], "text", 12, nil, [1, "two", [:]],
    ]
    for text in malformed {
      let validator = try make(text)
      for instance in instances {
        // `maxLength: -1.5` is not an integer, so no constraint either.
        #expect(validator.validate(instance) == [], "schema \(text)")
      }
    }
  }

  @Test func booleanRootSchemas() {
    #expect(JSONSchemaValidator(schema: true).validate(["any": [1]]) == [])
    #expect(JSONSchemaValidator(schema: [:]).validate(["any": [1]]) == [])
    #expect(JSONSchemaValidator(schema: false).validate([:]).map(\.kind) == [.notAllowed])
  }

  @Test func reasonsNeverContainTheValue() throws {
    let secret = "Quintanilha-Zeferina-7Q3"
    let schema = try JSONParser.parse(PortugalBasicInformationForm.json)
    var body = PortugalBasicInformationForm.validBody.objectValue ?? [:]
    for key in body.keys where key != "tax_servicing_countries" { body[key] = .string(secret) }
    body["tax_servicing_countries"] = [.string(secret), .string(secret)]
    body["unexpected"] = .string(secret)
    let violations = JSONSchemaValidator(schema: schema).validate(.object(body))
    #expect(violations.count >= 8)
    for violation in violations {
      #expect(!violation.reason.contains(secret))
      #expect(!violation.path.contains(secret))
      #expect(!(violation.title ?? "").contains(secret))
      #expect(!violation.description.contains(secret))
      #expect(!violation.reason.contains("Quintanilha"))
    }
    let kinds = Set(violations.map(\.reason))
    #expect(kinds.contains("does not match format email"))
    #expect(kinds.contains("does not match format date"))
    #expect(kinds.contains("must be one of the allowed values"))
    #expect(kinds.contains("must not contain the same item twice"))
  }

  @Test func violationsAreSortedAndDeduplicated() throws {
    let validator = try make(
      #"""
      {"required": ["b", "a"], "allOf": [{"required": ["a"]}],
       "properties": {"a": {"title": "A"}, "c": {"type": "string", "maxLength": 1, "enum": ["x"]}}}
      """#)
    let violations = validator.validate(["c": 5, "d": 1])
    #expect(
      lines(violations) == [
        "missing a: is required", "missing b: is required", "invalid c: must be of type string",
      ])
    #expect(violations.first?.title == "A")
    #expect(validator.validate(["c": 5, "d": 1]) == violations)
    #expect(
      SchemaViolation(path: "a.b", title: "Postal code", kind: .missing, reason: "is required")
        .description == #"a.b ("Postal code"): is required"#)
  }
}

@Suite("JSONSchemaValidator on Remote's Portugal form")
struct PortugalFormValidationTests {
  private let validator: JSONSchemaValidator
  private let body = PortugalBasicInformationForm.validBody.objectValue ?? [:]

  init() throws {
    validator = JSONSchemaValidator(schema: try JSONParser.parse(PortugalBasicInformationForm.json))
  }

  private func with(_ changes: [String: JSONValue?]) -> JSONValue {
    var copy = body
    for (key, value) in changes { copy[key] = value }
    return .object(copy)
  }

  @Test func aCompleteBodyValidates() {
    #expect(validator.validate(.object(body)) == [])
    #expect(validator.validate(with(["work_email": "z@example.test"])) == [])
    #expect(
      validator.validate(with(["has_seniority_date": "yes", "seniority_date": "2019-05-06"])) == [])
  }

  @Test func anEmptyBodyNamesEveryRequiredPropertyWithItsTitle() {
    #expect(
      validator.validate([:]).map { "\($0.path)|\($0.title ?? "-")|\($0.kind.rawValue)" } == [
        "email|Personal email|missing",
        "has_seniority_date|Does the employee have a seniority date?|missing",
        "job_title|Job title|missing",
        "name|Full name|missing",
        "provisional_start_date|Provisional start date|missing",
        "tax_job_category|What is the main job category that the employee performs?|missing",
        "tax_servicing_countries|Which country(s) or region(s) does this employee's work primarily serve?|missing",
      ])
  }

  @Test func aSeniorityDateIsRequiredWhenTheAnswerIsYes() {
    #expect(
      validator.validate(with(["has_seniority_date": "yes"])) == [
        SchemaViolation(
          path: "seniority_date", title: "Seniority date", kind: .missing, reason: "is required")
      ])
  }

  @Test func aSeniorityDateIsNotAllowedWhenTheAnswerIsNo() {
    // Strict JSON Schema: the `else` forbids the property, even as null.
    for value: JSONValue in ["2019-05-06", nil] {
      #expect(
        validator.validate(with(["seniority_date": value])) == [
          SchemaViolation(
            path: "seniority_date", title: "Seniority date", kind: .notAllowed,
            reason: "is not allowed")
        ])
    }
  }

  @Test func badValuesAreNamedByPropertyAndTitle() {
    let violations = validator.validate(
      with([
        "has_seniority_date": "maybe", "tax_job_category": "astronaut",
        "provisional_start_date": "2027-02-30", "email": "not-an-address", "job_title": "   ",
        "tax_servicing_countries": ["Portugal", "Narnia"], "mobile_number": "+351912345678",
      ]))
    #expect(
      lines(violations) == [
        "invalid email: does not match format email",
        "invalid has_seniority_date: must be one of the allowed values",
        "invalid job_title: does not match the required pattern",
        "notAllowed mobile_number: is not a property the form allows",
        "invalid provisional_start_date: does not match format date",
        "invalid tax_job_category: must be one of the allowed values",
        "invalid tax_servicing_countries.1: must be one of the allowed values",
      ])
    #expect(
      violations.first { $0.path == "tax_servicing_countries.1" }?.title?.hasPrefix("Which") == true
    )
  }

  private func lines(_ violations: [SchemaViolation]) -> [String] {
    violations.map { "\($0.kind.rawValue) \($0.path): \($0.reason)" }
  }
}
