import Foundation

/// Turns a Hibob country (an English name, an ISO alpha-2 or alpha-3 code, any case, with or
/// without accents) into the ISO 3166 alpha-3 code in capitals that Remote wants.
public enum CountryResolver {
  /// The alpha-3 code for `text`, or nil when it names no country this table knows.
  public static func alpha3(for text: String) -> String? {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty else { return nil }
    let upper = trimmed.uppercased()
    if upper.count == 3, let c = byAlpha3[upper] { return c.alpha3 }
    if upper.count == 2, let c = byAlpha2[upper] { return c.alpha3 }
    return byName[normalize(trimmed)]
  }

  /// Lower case, accents folded, punctuation dropped, spaces collapsed, a leading "the" dropped.
  static func normalize(_ text: String) -> String {
    let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
      .lowercased()
    var out = ""
    for scalar in folded.unicodeScalars {
      if CharacterSet.alphanumerics.contains(scalar) {
        out.unicodeScalars.append(scalar)
      } else {
        out.append(" ")
      }
    }
    var words = out.split(separator: " ").map(String.init)
    if words.first == "the" { words.removeFirst() }
    return words.joined(separator: " ")
  }

  private static let byAlpha3: [String: CountryTable.Country] = Dictionary(
    uniqueKeysWithValues: CountryTable.all.map { ($0.alpha3, $0) })
  private static let byAlpha2: [String: CountryTable.Country] = Dictionary(
    uniqueKeysWithValues: CountryTable.all.map { ($0.alpha2, $0) })

  private static let byName: [String: String] = {
    var names: [String: String] = [:]
    for c in CountryTable.all { names[normalize(c.name)] = c.alpha3 }
    for (alias, code) in aliases { names[normalize(alias)] = code }
    return names
  }()

  /// Other names in common use, including the ISO long forms Hibob's lists may carry.
  private static let aliases: [(String, String)] = [
    ("UK", "GBR"), ("Great Britain", "GBR"), ("Britain", "GBR"), ("England", "GBR"),
    ("Scotland", "GBR"), ("Wales", "GBR"), ("Northern Ireland", "GBR"),
    ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
    ("USA", "USA"), ("United States of America", "USA"), ("America", "USA"),
    ("Czech Republic", "CZE"), ("Korea, Republic of", "KOR"), ("Republic of Korea", "KOR"),
    ("Korea", "KOR"), ("Korea, Democratic People's Republic of", "PRK"),
    ("Russian Federation", "RUS"), ("Vietnam", "VNM"), ("Iran, Islamic Republic of", "IRN"),
    ("Syrian Arab Republic", "SYR"), ("Taiwan, Province of China", "TWN"),
    ("Bolivia, Plurinational State of", "BOL"), ("Venezuela, Bolivarian Republic of", "VEN"),
    ("Tanzania, United Republic of", "TZA"), ("Moldova, Republic of", "MDA"),
    ("Lao People's Democratic Republic", "LAO"), ("Ivory Coast", "CIV"), ("Turkey", "TUR"),
    ("Holland", "NLD"), ("Netherlands, Kingdom of the", "NLD"), ("Macedonia", "MKD"),
    ("Swaziland", "SWZ"), ("Burma", "MMR"), ("Cape Verde", "CPV"), ("Brunei", "BRN"),
    ("Palestine, State of", "PSE"), ("Vatican", "VAT"), ("Vatican City", "VAT"),
    ("Micronesia, Federated States of", "FSM"), ("East Timor", "TLS"),
    ("Congo, Democratic Republic of the", "COD"), ("DR Congo", "COD"), ("DRC", "COD"),
    ("Republic of the Congo", "COG"), ("Congo-Brazzaville", "COG"), ("UAE", "ARE"),
    ("Hong Kong SAR", "HKG"), ("Macau", "MAC"), ("Falkland Islands (Malvinas)", "FLK"),
    ("Virgin Islands, British", "VGB"), ("Virgin Islands, U.S.", "VIR"),
    ("Sao Tome & Principe", "STP"), ("Trinidad & Tobago", "TTO"),
    ("Bosnia & Herzegovina", "BIH"), ("Antigua & Barbuda", "ATG"),
    ("Saint Kitts & Nevis", "KNA"), ("St Kitts and Nevis", "KNA"), ("St Lucia", "LCA"),
    ("St Vincent and the Grenadines", "VCT"), ("Kyrgyz Republic", "KGZ"),
    ("Slovak Republic", "SVK"), ("Deutschland", "DEU"), ("España", "ESP"),
  ]
}
