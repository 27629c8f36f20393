/// `credentials.authenticate` (step 2): Hibob accepts the service user's credentials. Proven by
/// the field metadata, which needs no permission. On fail or error every rule below is `skipped`.
enum CredentialsAuthenticate {
  static let rule = Rule(
    metadata: RuleMetadata(
      id: "credentials.authenticate", title: "Credentials authenticate", step: "2",
      part: .serviceUser,
      severity: .blocking,
      summary: "Hibob accepts the service user id and token on this host.",
      probe:
        "GET /company/people/fields (needs no permission): a 200 with JSON proves the "
        + "credentials, a 401 disproves them; 401 and 403 are never retried.",
      remediation: remediation, dependsOn: ["credentials.format"]),
    statuses: [.pass, .fail, .error],
    needs: "The answer of GET /company/people/fields.",
    statusMeanings: [
      .pass: "the metadata answered 200 with JSON",
      .fail: "the metadata answered 401; the reason names the other environment's host",
      .error:
        "no usable answer (HTML or non-JSON 200, 403, 5xx, 429, timeout): nothing proven, and "
        + "every rule below is skipped",
    ],
    examples: examples,
    evaluate: evaluate)

  private static let remediation =
    "Step 2: Settings > Integrations > Automation > Service Users > Manage: check that the "
    + "service user exists, and use the user ID and token its pop-up showed at step 2.4. "
    + "Credentials of a sandbox tenant only work with --environment sandbox (host "
    + "api.sandbox.hibob.com), production ones only with the default (api.hibob.com)."
  private static let sandboxHost = "api.sandbox.hibob.com"
  private static let productionHost = "api.hibob.com"

  private static func accepted(_ count: Int) -> String {
    "Hibob accepted the credentials (the field metadata listed \(count) fields)."
  }

  private static func refused(_ environment: Environment) -> String {
    let base = "Hibob answered 401: it does not accept this service user id and token here."
    switch environment {
    case .production:
      return base
        + " If they belong to a sandbox tenant, run with --environment sandbox (\(sandboxHost))."
    case .sandbox:
      return base
        + " If they belong to the production tenant, run without --environment sandbox "
        + "(\(productionHost))."
    case .custom:
      return base
        + " Check that they belong to the tenant behind --base-url: production is "
        + "\(productionHost), sandbox \(sandboxHost)."
    }
  }

  private static let forbidden =
    "Could not be decided: the field metadata, which needs no permission, answered 403. Hibob "
    + "blocks an IP or Authorization header for 5 minutes after 50 refused requests in 10 "
    + "seconds, or the service user may be deactivated. Wait 5 minutes and run the check again."

  static func evaluate(_ obs: Observations) -> Evaluation {
    switch obs.fieldMetadata {
    case .ok(let fields, let evidence):
      return Evaluation(.pass, accepted(fields.count), evidence)
    case .failed(.unauthorized, let evidence):
      return Evaluation(.fail, refused(obs.environment), evidence)
    case .failed(.forbidden, let evidence):
      return Evaluation(.error, forbidden, evidence)
    case .failed(let failure, let evidence):
      return Evaluation(.error, Wording.couldNotDecide(Wording.metadataProbe, failure), evidence)
    case .notRun:
      return Evaluation(.error, Wording.notProbed(Wording.metadataProbe))
    }
  }

  private static func metadata(_ failure: ProbeFailure, _ status: Int?) -> Observations {
    ExampleTenant.with {
      $0.fieldMetadata = ExampleTenant.failed(failure, "GET", "/v1/company/people/fields", status)
    }
  }

  private static let examples = [
    RuleExample("metadata answered 200 JSON", ExampleTenant.passing, .pass),
    RuleExample("401 on production", metadata(.unauthorized, 401), .fail),
    RuleExample(
      "401 on sandbox",
      ExampleTenant.with {
        $0.environment = .sandbox
        $0.fieldMetadata = .failed(.unauthorized, [])
      }, .fail),
    RuleExample(
      "401 on a custom base URL",
      ExampleTenant.with {
        $0.environment = .custom
        $0.fieldMetadata = .failed(.unauthorized, [])
      }, .fail),
    RuleExample(
      "HTML page answered with 200",
      metadata(.invalidResponse("text/html, not JSON"), 200), .error),
    RuleExample("403 (firewall block)", metadata(.forbidden, 403), .error),
    RuleExample("503", metadata(.httpStatus(503), 503), .error),
    RuleExample("timeout", metadata(.network("timed out after 30 s"), nil), .error),
    RuleExample("rate-limited past the budget", metadata(.rateLimited, 429), .error),
    RuleExample("deadline passed", metadata(.deadline, nil), .error),
    RuleExample("not sent", ExampleTenant.with { $0.fieldMetadata = .notRun }, .error),
  ]
}
