import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
#if canImport(Glibc)
  import Glibc
#endif

/// A URLSession configuration that leaves nothing on disk.
///
/// On Linux, FoundationNetworking makes every configuration from `URLSessionConfiguration.default`,
/// and even `.ephemeral` creates two folders for good, both left empty: the shared cookie
/// storage's `$XDG_DATA_HOME/<name of the executable's folder>` (else `~/.local/share/...`),
/// created once per process, and its in-memory URL cache's
/// `$XDG_CACHE_HOME/org.swift.foundation.URLCache/<process name>` (else `~/.cache/...`), created
/// by every ephemeral configuration. Neither can be turned off, and this tool never stores a
/// cookie, a cached answer or a credential (cookies, cache and credential storage are off in its
/// sessions), so the folders each configuration adds, and the parents it adds with them, are
/// removed again right after with `rmdir`, which only ever removes an empty folder.
enum SessionStorage {
  /// `URLSessionConfiguration.ephemeral`, without the folders it leaves behind.
  static func ephemeralConfiguration() -> URLSessionConfiguration {
    let added = missingFolders(of: cookieFolder()) + missingFolders(of: cacheFolder())
    let configuration = URLSessionConfiguration.ephemeral
    for folder in added { _ = rmdir(folder) }
    return configuration
  }

  /// Where the shared cookie storage puts its folder: the application support directory (the XDG
  /// data home) plus the name of the executable's folder, without an extension.
  private static func cookieFolder() -> String? {
    var name = (Bundle.main.bundlePath as NSString).lastPathComponent
    if let dot = name.range(of: ".", options: .backwards) { name = String(name[..<dot.lowerBound]) }
    // An executable in a folder named hibob-remote shares its folder with the sync's state:
    // that one is left alone.
    guard name != "hibob-remote" else { return nil }
    return folder(in: .applicationSupportDirectory, [name])
  }

  /// Where a URL cache without a disk path puts its folder: the caches directory (the XDG cache
  /// home), `org.swift.foundation.URLCache`, then the bundle identifier or the process name.
  private static func cacheFolder() -> String? {
    let name = (Bundle.main.bundleIdentifier ?? ProcessInfo.processInfo.processName)
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_")
      .replacingOccurrences(of: ":", with: "_")
    return folder(in: .cachesDirectory, ["org.swift.foundation.URLCache", name])
  }

  private static func folder(
    in directory: FileManager.SearchPathDirectory, _ components: [String]
  ) -> String? {
    guard var url = FileManager.default.urls(for: directory, in: .userDomainMask).first,
      !components.contains(where: \.isEmpty)
    else { return nil }
    for component in components { url.appendPathComponent(component) }
    return url.path
  }

  /// `path` and each parent that does not exist yet, deepest first: what creating `path` with
  /// its intermediate folders adds.
  private static func missingFolders(of path: String?) -> [String] {
    guard var current = path else { return [] }
    var missing: [String] = []
    while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
      missing.append(current)
      current = (current as NSString).deletingLastPathComponent
    }
    return missing
  }
}
