import CLISupport
import Common
import Foundation
import HibobAPI
import PermissionRules
import Preflight

/// The Hibob host of a run: `--base-url` wins; `--environment` names it (default production).
struct Target {
  var baseURL: URL
  var environment: PermissionRules.Environment

  static func resolve(_ args: ParsedArguments) throws -> Target {
    var environment: PermissionRules.Environment?
    if let name = args.value("--environment") {
      guard name == "production" || name == "sandbox" else {
        throw UsageError(message: "unknown environment '\(name)' (production or sandbox)")
      }
      environment = name == "production" ? .production : .sandbox
    }
    if let raw = args.value("--base-url") {
      do {
        let url = try HibobHost.validatedBaseURL(raw)
        return Target(baseURL: url, environment: environment ?? .custom)
      } catch {
        throw UsageError(message: "--base-url: \(error)")
      }
    }
    let env = environment ?? .production
    let host: HibobHost = env == .sandbox ? .sandbox : .production
    return Target(baseURL: host.baseURL, environment: env)
  }
}
