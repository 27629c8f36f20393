/// Finding the "Sync to Remote" field that Remote's integration adds to the Work section.
public enum SyncField {
  public static let name = "Sync to Remote"
  public static let section = "work"
  public static let requiredItems = ["As employee", "As contractor"]

  /// Every field named "Sync to Remote" (ignoring case and outer white space), the likeliest
  /// first: in Work and a list, then in Work, then the rest, each in metadata order.
  public static func candidates(in fields: [FieldInfo]) -> [FieldInfo] {
    let named = fields.filter { Wording.sameName($0.name, name) }
    func rank(_ f: FieldInfo) -> Int {
      (f.categoryId == section ? 0 : 2) + (f.type == "list" ? 0 : 1)
    }
    return named.enumerated().sorted {
      (rank($0.element), $0.offset) < (rank($1.element), $1.offset)
    }.map(\.element)
  }

  /// The "Sync to Remote" field the rules judge, or nil when none exists.
  public static func find(in fields: [FieldInfo]) -> FieldInfo? {
    candidates(in: fields).first
  }
}
