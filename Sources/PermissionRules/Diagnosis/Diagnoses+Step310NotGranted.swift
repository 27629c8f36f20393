/// Diagnosis pattern: Step 3.10 not done at all.
/// Holds its messages and examples.
extension Diagnoses {
  static let step310NotGranted = DiagnosisPattern(
    id: "step_3_10_not_granted",
    when: "Basic info is visible but every section of step 3.10 fails",
    examples: [
      DiagnosisExample(
        "every 3.10 section hidden",
        ExampleTenant.with { obs in
          for section in Section.step310 {
            obs.searchAll = ExampleTenant.hide(section.id, for: nil, in: obs.searchAll)
          }
        }, fires: true),
      DiagnosisExample("one 3.10 section hidden", ExampleTenant.hiding("home"), fires: false),
      DiagnosisExample("all visible", ExampleTenant.passing, fires: false),
    ],
    detect: { results, _ in
      guard let basic = results.status("people.basic_info.view"), basic == .pass || basic == .warn,
        step310Rules.allSatisfy({ results.status($0) == .fail })
      else { return nil }
      var rules = step310Rules
      if results.status("people.employment.history.view") == .fail {
        rules.append("people.employment.history.view")
      }
      return DiagnosisItem(cause: redXNotClicked, rules: rules, remediation: clickEveryRedX)
    })

  private static let redXNotClicked =
    "The default sections of step 3.9 are visible but none of step 3.10's: its red X items "
    + "were not clicked, or the group was not saved afterwards."
  private static let clickEveryRedX =
    "Step 3.10: \(Wording.groupPath) > Other Employees > People: click the red X next to each "
    + "of 'View selected employees' Address sections', 'Employment sections', 'Employment "
    + "section histories', 'Home sections', 'Identification sections', 'Personal sections', "
    + "'Personal contact details sections' and 'User data sections' so that each turns into a "
    + "green check, \(Wording.save)"
}
