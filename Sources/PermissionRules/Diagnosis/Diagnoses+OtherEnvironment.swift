/// Diagnosis pattern: 401 on one host: the other environment.
/// Holds its messages and examples.
extension Diagnoses {
  static let otherEnvironment = DiagnosisPattern(
    id: "other_environment",
    when: "credentials.authenticate failed with 401",
    examples: [
      DiagnosisExample(
        "401 on production",
        ExampleTenant.with { $0.fieldMetadata = .failed(.unauthorized, []) }, fires: true),
      DiagnosisExample(
        "401 on sandbox",
        ExampleTenant.with {
          $0.environment = .sandbox
          $0.fieldMetadata = .failed(.unauthorized, [])
        }, fires: true),
      DiagnosisExample("authenticated", ExampleTenant.passing, fires: false),
      DiagnosisExample(
        "503 on the metadata",
        ExampleTenant.with { $0.fieldMetadata = .failed(.httpStatus(503), []) }, fires: false),
    ],
    detect: { results, obs in
      guard results.status("credentials.authenticate") == .fail else { return nil }
      let (cause, fix): (String, String)
      switch obs.environment {
      case .production:
        (cause, fix) = (otherFromProduction, runSandbox)
      case .sandbox:
        (cause, fix) = (otherFromSandbox, runProduction)
      case .custom:
        (cause, fix) = (otherFromCustom, runEither)
      }
      return DiagnosisItem(cause: cause, rules: ["credentials.authenticate"], remediation: fix)
    })

  private static let otherFromProduction =
    "Production (api.hibob.com) refused the credentials with 401: they probably belong to a "
    + "sandbox tenant (api.sandbox.hibob.com), or the id or token is wrong."
  private static let otherFromSandbox =
    "The sandbox (api.sandbox.hibob.com) refused the credentials with 401: they probably belong "
    + "to the production tenant (api.hibob.com), or the id or token is wrong."
  private static let otherFromCustom =
    "The host behind --base-url refused the credentials with 401: they probably belong to "
    + "another tenant (production api.hibob.com or sandbox api.sandbox.hibob.com)."
  private static let runSandbox =
    "Run the check again with --environment sandbox. If that also answers 401, copy the user "
    + "ID and token again (step 2.4)."
  private static let runProduction =
    "Run the check again without --environment sandbox. If that also answers 401, copy the "
    + "user ID and token again (step 2.4)."
  private static let runEither =
    "Run the check with --environment production or --environment sandbox to see which tenant "
    + "accepts them; if neither does, copy the user ID and token again (step 2.4)."
}
