/// `credentials.format` (steps 2.4, 4.3): the service user id and token look usable, checked
/// offline before anything is sent. On fail every other rule is `skipped`.
enum CredentialsFormatRule {
  static let rule = Rule(
    metadata: RuleMetadata(
      id: "credentials.format", title: "Credentials are well formed", step: "2.4, 4.3",
      part: .serviceUser,
      severity: .blocking,
      summary:
        "The service user id and token are non-empty and free of stray white space, quotes, an "
        + "authentication-scheme prefix, control characters and mix-ups, so Hibob can be asked.",
      probe:
        "None: checked offline before any request (the token is never sent when this fails).",
      remediation: remediation, dependsOn: []),
    statuses: [.pass, .fail],
    needs: "The service user id and token as configured (environment or credentials file).",
    statusMeanings: [
      .pass: "both values look usable",
      .fail:
        "a value is empty, has leading or trailing white space or quotes, starts with 'Basic ' "
        + "or 'Bearer ', the id contains ':', a value contains control characters, or the id "
        + "equals the token; nothing is sent",
    ],
    examples: examples,
    evaluate: evaluate)

  private static let remediation =
    "Step 2.4: Settings > Integrations > Automation > Service Users: use the user ID and token "
    + "the service user's pop-up showed (copy them again if you stored them), exactly as shown: "
    + "no spaces, quotes or 'Basic '/'Bearer ' prefix, the id in HIBOB_SERVICE_USER_ID and the "
    + "token in HIBOB_SERVICE_USER_TOKEN (or the credentials file); they are the same values you "
    + "enter in Remote at step 4.3. If the token was not stored, create a new service user "
    + "(steps 2.1-2.4) and add it to the group (3.4)."
  private static let fine = "The service user id and token are well formed."

  private static func problems(_ list: [String]) -> String {
    "Nothing was sent to Hibob. " + list.joined(separator: " ")
  }

  static func evaluate(_ obs: Observations) -> Evaluation {
    obs.credentialProblems.isEmpty
      ? Evaluation(.pass, fine) : Evaluation(.fail, problems(obs.credentialProblems))
  }

  private static func withCredentials(_ id: String, _ token: String) -> Observations {
    ExampleTenant.with {
      $0.credentialProblems = CredentialsFormat.problems(serviceUserId: id, token: token)
    }
  }

  private static let examples = [
    RuleExample("well formed", withCredentials("SERVICE-1234", "abcDEF123ghi"), .pass),
    RuleExample("empty token", withCredentials("SERVICE-1234", ""), .fail),
    RuleExample("empty id", withCredentials("", "abcDEF123ghi"), .fail),
    RuleExample("token with a trailing newline", withCredentials("SERVICE-1234", "abc\n"), .fail),
    RuleExample("id with a leading space", withCredentials(" SERVICE-1234", "abc"), .fail),
    RuleExample("quoted token", withCredentials("SERVICE-1234", "\"abc\""), .fail),
    RuleExample("token with a Basic prefix", withCredentials("SERVICE-1234", "Basic abc"), .fail),
    RuleExample("token with a Bearer prefix", withCredentials("SERVICE-1234", "bearer abc"), .fail),
    RuleExample("id with a colon", withCredentials("SERVICE:1234", "abc"), .fail),
    RuleExample("token with a tab inside", withCredentials("SERVICE-1234", "ab\tc"), .fail),
    RuleExample("id equal to token", withCredentials("abc", "abc"), .fail),
    RuleExample("zero-width space in token", withCredentials("SERVICE-1234", "ab\u{200B}c"), .fail),
  ]
}
