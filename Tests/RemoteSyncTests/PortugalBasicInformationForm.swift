import HibobAPI

/// Portugal's `employment_basic_information` form, version 3, as Remote serves it. Seen: the
/// structure, keywords, titles, `required` list, the `allOf`/`if`/`then`/`else` on
/// `has_seniority_date`, the `x-jsf-*` keys and the patterns are those of Remote's own mock in
/// `remoteoss/remote-flows` (`src/flows/Onboarding/tests/fixtures/basicInformation/
/// v3-portugal.ts`). Shortened (ours): descriptions, the `x-jsf-presentation` contents, and the
/// 200-odd countries of `tax_servicing_countries`, cut to six; the job categories cut to four.
enum PortugalBasicInformationForm {
  static let json = #"""
    {
      "additionalProperties": false,
      "allOf": [
        {
          "if": {
            "properties": { "has_seniority_date": { "const": "yes" } },
            "required": ["has_seniority_date"]
          },
          "then": { "required": ["seniority_date"] },
          "else": { "properties": { "seniority_date": false } }
        }
      ],
      "properties": {
        "email": {
          "description": "This is how the employee will access their account.",
          "format": "email",
          "maxLength": 255,
          "title": "Personal email",
          "type": "string",
          "x-jsf-presentation": { "inputType": "email" }
        },
        "has_seniority_date": {
          "oneOf": [
            { "const": "yes", "title": "Yes" },
            { "const": "no", "title": "No" }
          ],
          "title": "Does the employee have a seniority date?",
          "type": "string",
          "x-jsf-presentation": { "direction": "row", "inputType": "radio" }
        },
        "job_title": {
          "maxLength": 255,
          "pattern": "\\S",
          "title": "Job title",
          "type": "string",
          "x-jsf-presentation": { "inputType": "text" }
        },
        "name": {
          "maxLength": 255,
          "pattern": "\\S",
          "title": "Full name",
          "type": "string",
          "x-jsf-presentation": { "inputType": "text" }
        },
        "provisional_start_date": {
          "format": "date",
          "maxLength": 255,
          "title": "Provisional start date",
          "type": "string",
          "x-jsf-logic-validations": ["blocked_date_validation"],
          "x-jsf-presentation": { "inputType": "date", "minDate": "2026-02-09", "meta": { "mot": 20 } }
        },
        "seniority_date": {
          "description": "Please indicate if different from contract start date.",
          "format": "date",
          "title": "Seniority date",
          "type": ["string", "null"],
          "x-jsf-presentation": { "inputType": "date" }
        },
        "tax_job_category": {
          "oneOf": [
            { "const": "engineering_it", "title": "Engineering/IT" },
            { "const": "finance", "title": "Finance" },
            { "const": "legal", "title": "Legal/Paralegal" },
            { "const": "sales", "title": "Sales" }
          ],
          "title": "What is the main job category that the employee performs?",
          "type": "string",
          "x-jsf-presentation": { "inputType": "select" }
        },
        "tax_servicing_countries": {
          "items": {
            "enum": ["Spain", "Portugal", "Germany", "France", "United States", "Brazil"]
          },
          "title": "Which country(s) or region(s) does this employee's work primarily serve?",
          "type": "array",
          "uniqueItems": true,
          "x-jsf-presentation": { "inputType": "countries", "placeholder": "Country" }
        },
        "work_email": {
          "format": "email",
          "maxLength": 255,
          "title": "Work email",
          "type": ["string", "null"],
          "x-jsf-presentation": { "inputType": "email" }
        }
      },
      "required": [
        "has_seniority_date",
        "name",
        "email",
        "job_title",
        "provisional_start_date",
        "tax_servicing_countries",
        "tax_job_category"
      ],
      "type": "object",
      "x-jsf-fieldsets": {
        "seniority_date": {
          "propertiesByName": ["has_seniority_date", "seniority_date"],
          "title": "Seniority date"
        }
      },
      "x-jsf-logic": {
        "validations": {
          "blocked_date_validation": {
            "errorMessage": "Date is blocked",
            "rule": { "!": { "in": [{ "var": "provisional_start_date" }, []] } }
          }
        }
      },
      "x-jsf-order": [
        "name", "email", "work_email", "job_title", "tax_servicing_countries",
        "tax_job_category", "provisional_start_date", "has_seniority_date", "seniority_date"
      ]
    }
    """#

  /// A body that validates: made-up values.
  static let validBody: JSONValue = [
    "name": "Zeferina Quintanilha-Borges",
    "email": "zeferina.qb@example.test",
    "job_title": "Platform engineer",
    "provisional_start_date": "2027-03-01",
    "has_seniority_date": "no",
    "tax_servicing_countries": ["Portugal", "Spain"],
    "tax_job_category": "engineering_it",
    "work_email": nil,
  ]
}
