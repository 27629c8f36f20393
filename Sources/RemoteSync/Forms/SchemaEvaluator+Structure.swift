import HibobAPI

/// Objects, arrays, combinators and conditionals: the keywords that apply subschemas.
extension SchemaEvaluator {
  // MARK: - objects

  func checkObject(
    _ members: [String: JSONValue], _ keywords: SchemaKeywords, at location: Location,
    depth: Int, _ sink: inout Sink
  ) {
    if case .array(let required)? = keywords.required {
      for case .string(let name) in required where members[name] == nil {
        report(.missing, SchemaReason.required, at: property(name, of: location, nil), &sink)
        if sink.isDone { return }
      }
    }
    let properties = keywords.properties?.objectValue ?? [:]
    let patternProperties = keywords.patternProperties?.objectValue ?? [:]
    let additional = keywords.additionalProperties
    guard !properties.isEmpty || !patternProperties.isEmpty || additional != nil else { return }

    for (name, member) in members {
      var declared = false
      if let schema = properties[name] {
        declared = true
        evaluate(member, schema, at: property(name, of: location, schema), depth: depth + 1, &sink)
      }
      for (pattern, schema) in patternProperties where patterns.matches(pattern, name) == true {
        declared = true
        evaluate(member, schema, at: property(name, of: location, schema), depth: depth + 1, &sink)
      }
      if !declared, let additional {
        let here = property(name, of: location, additional)
        if additional == .bool(false) {
          report(.notAllowed, SchemaReason.undeclaredProperty, at: here, &sink)
        } else {
          evaluate(member, additional, at: here, depth: depth + 1, &sink)
        }
      }
      if sink.isDone { return }
    }
  }

  /// The location of property `name` of the object at `parent`, reached through `schema`. Its
  /// title is the one the parent's schema declares for it (also through `allOf`, `then`, ...), so
  /// that a `required` listed in a `then` still shows the title from the form's `properties`.
  private func property(_ name: String, of parent: Location, _ schema: JSONValue?) -> Location {
    Location(
      path: parent.path.isEmpty ? name : parent.path + "." + name,
      title: title(ofProperty: name, in: parent.entry, depth: 0) ?? schema.flatMap(ownTitle),
      entry: schema ?? .bool(true))
  }

  private func title(ofProperty name: String, in schema: JSONValue, depth: Int) -> String? {
    guard depth < 8, case .object(let keywords) = schema else { return nil }
    if let declared = keywords["properties"]?[name], let title = ownTitle(declared) {
      return title
    }
    if case .string(let reference)? = keywords["$ref"], let target = resolve(reference),
      let title = title(ofProperty: name, in: target, depth: depth + 1)
    {
      return title
    }
    for key in ["allOf", "anyOf", "oneOf"] {
      guard case .array(let branches)? = keywords[key] else { continue }
      for branch in branches {
        if let title = title(ofProperty: name, in: branch, depth: depth + 1) { return title }
      }
    }
    for key in ["then", "else"] {
      guard let branch = keywords[key] else { continue }
      if let title = title(ofProperty: name, in: branch, depth: depth + 1) { return title }
    }
    return nil
  }

  private func ownTitle(_ schema: JSONValue) -> String? {
    if let title = schema["title"]?.stringValue { return title }
    if case .string(let reference)? = schema["$ref"] {
      return resolve(reference)?["title"]?.stringValue
    }
    return nil
  }

  // MARK: - arrays

  func checkArray(
    _ elements: [JSONValue], _ keywords: SchemaKeywords, at location: Location, depth: Int,
    _ sink: inout Sink
  ) {
    if let minItems = keywords.minItems?.intValue, elements.count < minItems {
      report(.invalid, SchemaReason.minItems(minItems), at: location, &sink)
    }
    if let maxItems = keywords.maxItems?.intValue, elements.count > maxItems {
      report(.invalid, SchemaReason.maxItems(maxItems), at: location, &sink)
    }
    if keywords.uniqueItems == .bool(true), hasDuplicates(elements) {
      report(.invalid, SchemaReason.duplicateItems, at: location, &sink)
    }
    if sink.isDone { return }
    switch keywords.items {
    case .array(let positional)?:  // draft 4-7 tuple form
      for (index, (element, schema)) in zip(elements, positional).enumerated() {
        evaluate(element, schema, at: item(index, of: location, schema), depth: depth + 1, &sink)
        if sink.isDone { return }
      }
    case let schema?:
      for (index, element) in elements.enumerated() {
        evaluate(element, schema, at: item(index, of: location, schema), depth: depth + 1, &sink)
        if sink.isDone { return }
      }
    case nil:
      break
    }
  }

  private func item(_ index: Int, of parent: Location, _ schema: JSONValue) -> Location {
    Location(
      path: parent.path.isEmpty ? String(index) : parent.path + "." + String(index),
      title: ownTitle(schema) ?? parent.title, entry: schema)
  }

  private func hasDuplicates(_ elements: [JSONValue]) -> Bool {
    for i in elements.indices {
      for j in elements.indices where j > i {
        if SchemaNumbers.equal(elements[i], elements[j]) { return true }
      }
    }
    return false
  }

  // MARK: - combinators and conditionals

  func checkCombinators(
    _ value: JSONValue, _ keywords: SchemaKeywords, at location: Location, depth: Int,
    _ sink: inout Sink
  ) {
    if let excluded = keywords.notSchema, Self.isSchema(excluded),
      isValid(value, excluded, at: location, depth: depth + 1)
    {
      report(.invalid, SchemaReason.not(excluded), at: location, &sink)
      if sink.isDone { return }
    }
    if case .array(let all)? = keywords.allOf {
      for schema in all {
        evaluate(value, schema, at: location, depth: depth + 1, &sink)
        if sink.isDone { return }
      }
    }
    if case .array(let any)? = keywords.anyOf, !any.isEmpty,
      !any.contains(where: { isValid(value, $0, at: location, depth: depth + 1) })
    {
      report(.invalid, SchemaReason.noAlternative(any), at: location, &sink)
      if sink.isDone { return }
    }
    if case .array(let one)? = keywords.oneOf, !one.isEmpty {
      var matching = 0
      for schema in one where isValid(value, schema, at: location, depth: depth + 1) {
        matching += 1
        if matching > 1 { break }
      }
      if matching == 0 {
        report(.invalid, SchemaReason.noAlternative(one), at: location, &sink)
      } else if matching > 1 {
        report(.invalid, SchemaReason.severalAlternatives, at: location, &sink)
      }
      if sink.isDone { return }
    }
    if let condition = keywords.ifSchema, Self.isSchema(condition) {
      let branch =
        isValid(value, condition, at: location, depth: depth + 1)
        ? keywords.thenSchema : keywords.elseSchema
      if let branch { evaluate(value, branch, at: location, depth: depth + 1, &sink) }
    }
  }

  /// An object or a boolean: the two shapes a JSON Schema can have.
  private static func isSchema(_ value: JSONValue) -> Bool {
    switch value {
    case .object, .bool: return true
    default: return false
    }
  }
}
