/// Diagnosis pattern: HTML or 404 instead of the API: wrong base URL.
/// Holds its messages and examples.
extension Diagnoses {
  static let wrongBaseURL = DiagnosisPattern(
    id: "wrong_base_url",
    when: "the field metadata answered HTML, non-JSON or 404",
    examples: [
      DiagnosisExample(
        "HTML page",
        ExampleTenant.with { $0.fieldMetadata = .failed(.invalidResponse("text/html"), []) },
        fires: true),
      DiagnosisExample(
        "404", ExampleTenant.with { $0.fieldMetadata = .failed(.notFound, []) }, fires: true),
      DiagnosisExample("JSON", ExampleTenant.passing, fires: false),
    ],
    detect: { _, obs in
      switch obs.fieldMetadata.failure {
      case .invalidResponse, .notFound:
        return DiagnosisItem(
          cause: notTheAPI, rules: ["credentials.authenticate"], remediation: fixBaseURL)
      default:
        return nil
      }
    })

  private static let notTheAPI =
    "The host did not answer like Hibob's API (an HTML page, a non-JSON answer or a 404 on "
    + "/company/people/fields): the base URL is probably wrong."
  private static let fixBaseURL =
    "Use --environment production or --environment sandbox, or a --base-url that ends in /v1 "
    + "(https://api.hibob.com/v1)."
}
