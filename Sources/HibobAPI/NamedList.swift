import Foundation

/// A company named list (`department`, `site`, a custom list, ...).
public struct NamedList: Sendable, Equatable, Codable {
  public var name: String
  public var items: [NamedListItem]

  public init(name: String, items: [NamedListItem]) {
    self.name = name
    self.items = items
  }

  /// Every item, children included, depth first.
  public var allItems: [NamedListItem] {
    var result: [NamedListItem] = []
    func walk(_ items: [NamedListItem]) {
      for item in items {
        result.append(item)
        walk(item.children)
      }
    }
    walk(items)
    return result
  }

  init(json: JSONValue) throws(ShapeError) {
    let o = try json.object("a named list")
    guard let name = o["name"]?.stringValue else { throw ShapeError("a named list has no 'name'") }
    self.name = name
    let what = "list '\(name.truncated(to: 64))'"
    var items: [NamedListItem] = []
    if let raw = o["items"], raw != .null {
      for item in try raw.array("\(what)'s 'items'") {
        items.append(try NamedListItem(json: item, in: what))
      }
    }
    self.items = items
  }
}

/// An item of a named list. Its id arrives as a string or a number and is kept as text.
public struct NamedListItem: Sendable, Equatable, Codable {
  public var id: String
  public var name: String?
  public var value: String?
  public var archived: Bool
  public var children: [NamedListItem]

  public init(
    id: String, name: String? = nil, value: String? = nil, archived: Bool = false,
    children: [NamedListItem] = []
  ) {
    self.id = id
    self.name = name
    self.value = value
    self.archived = archived
    self.children = children
  }

  /// `name`, else `value`.
  public var label: String? { name ?? value }

  init(json: JSONValue, in what: String) throws(ShapeError) {
    let o = try json.object("an item of \(what)")
    id = try o.requiredID("id", in: "an item of \(what)")
    name = try o.optionalString("name", in: "item \(id)")
    value = try o.optionalString("value", in: "item \(id)")
    archived = try o.optionalBool("archived", in: "item \(id)") ?? false
    var children: [NamedListItem] = []
    if let raw = o["children"], raw != .null {
      for child in try raw.array("item \(id)'s 'children'") {
        children.append(try NamedListItem(json: child, in: what))
      }
    }
    self.children = children
  }
}
