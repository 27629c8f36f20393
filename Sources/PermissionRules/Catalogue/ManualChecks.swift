extension Catalogue {
  /// The article's requirements no API call can prove, listed once in every report.
  public static let manualChecks: [ManualCheck] = [
    ManualCheck(
      step: "before you start",
      text:
        "The person setting up has administrator permissions in Hibob and logged in at "
        + "app.hibob.com with that user (step 1): it is needed to create the service user and "
        + "the permission group, and no API call shows who clicked."),
    ManualCheck(
      step: "2.4",
      text:
        "The service user's user ID and token were copied and stored securely before the "
        + "pop-up was closed (the article warns not to close it or leave the page until they "
        + "are stored)."),
    ManualCheck(
      step: "3.13",
      text:
        "The permission group was saved: Select Save Changes, review the changes in the pop-up "
        + "window and click Apply. Passing people.* and company.* rules reflect the saved group; "
        + "edits still open in a browser tab are not in effect."),
    ManualCheck(
      step: "4.1-4.3",
      text:
        "The same user ID and token are entered in Remote: Integrations tab > Hibob card > Add "
        + "(or Add Hibob integration) > Add integration, enter the credentials, click Continue. "
        + "This tool checks Hibob's side only."),
    ManualCheck(
      step: "sync",
      text:
        "After selecting employees (sync steps 1-4), click Manual sync in Remote (or wait for "
        + "the regular sync) and check that the profiles arrived; changes can take a few "
        + "minutes to show."),
  ]
}
