/// Diagnosis pattern: 403 on the permission-free metadata: a firewall block.
/// Holds its messages and examples.
extension Diagnoses {
  static let firewallBlock = DiagnosisPattern(
    id: "firewall_block",
    when: "the field metadata, which needs no permission, answered 403",
    examples: [
      DiagnosisExample(
        "metadata 403", ExampleTenant.with { $0.fieldMetadata = .failed(.forbidden, []) },
        fires: true),
      DiagnosisExample("metadata 200", ExampleTenant.passing, fires: false),
    ],
    detect: { _, obs in
      guard obs.fieldMetadata.failure == .forbidden else { return nil }
      return DiagnosisItem(
        cause: blocked, rules: ["credentials.authenticate"], remediation: waitAndRetry)
    })

  private static let blocked =
    "Hibob refused even the field metadata, which needs no permission (403): its firewall "
    + "probably blocked this IP or Authorization header after many refused requests (50 in 10 "
    + "seconds), possibly from another tool using the same credentials, or the service user is "
    + "disabled."
  private static let waitAndRetry =
    "Wait 5 minutes, stop other tools using these credentials, and run again. If it persists, "
    + "check the service user under Settings > Integrations > Automation > Service Users (step "
    + "2.1)."
}
