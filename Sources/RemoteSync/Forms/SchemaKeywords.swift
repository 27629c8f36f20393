import HibobAPI

/// The keywords of one schema object that the validator reads, picked out in one pass over its
/// members, dispatching on the first byte: a form's subschemas carry a few keys each (Remote's
/// phone branches: `not`, `pattern`, `title`, `x-jsf-presentation`), most of them not keywords,
/// and comparing each key against every keyword (or hashing every keyword) cost more than the
/// validation itself. Every other key (`title`, `description`, `x-jsf-*`, ...) is dropped.
struct SchemaKeywords {
  var ref: JSONValue?
  var type: JSONValue?
  var enumValues: JSONValue?
  var constant: JSONValue?
  var minLength: JSONValue?
  var maxLength: JSONValue?
  var pattern: JSONValue?
  var format: JSONValue?
  var minimum: JSONValue?
  var maximum: JSONValue?
  var exclusiveMinimum: JSONValue?
  var exclusiveMaximum: JSONValue?
  var required: JSONValue?
  var properties: JSONValue?
  var patternProperties: JSONValue?
  var additionalProperties: JSONValue?
  var minItems: JSONValue?
  var maxItems: JSONValue?
  var uniqueItems: JSONValue?
  var items: JSONValue?
  var notSchema: JSONValue?
  var allOf: JSONValue?
  var anyOf: JSONValue?
  var oneOf: JSONValue?
  var ifSchema: JSONValue?
  var thenSchema: JSONValue?
  var elseSchema: JSONValue?

  init(_ members: [String: JSONValue]) {
    for (key, value) in members {
      switch key.utf8.first {
      case UInt8(ascii: "$"):
        if key == "$ref" {
          ref = value
        }
      case UInt8(ascii: "a"):
        if key == "additionalProperties" {
          additionalProperties = value
        } else if key == "allOf" {
          allOf = value
        } else if key == "anyOf" {
          anyOf = value
        }
      case UInt8(ascii: "c"):
        if key == "const" {
          constant = value
        }
      case UInt8(ascii: "e"):
        if key == "enum" {
          enumValues = value
        } else if key == "exclusiveMinimum" {
          exclusiveMinimum = value
        } else if key == "exclusiveMaximum" {
          exclusiveMaximum = value
        } else if key == "else" {
          elseSchema = value
        }
      case UInt8(ascii: "f"):
        if key == "format" {
          format = value
        }
      case UInt8(ascii: "i"):
        if key == "items" {
          items = value
        } else if key == "if" {
          ifSchema = value
        }
      case UInt8(ascii: "m"):
        if key == "minLength" {
          minLength = value
        } else if key == "maxLength" {
          maxLength = value
        } else if key == "minimum" {
          minimum = value
        } else if key == "maximum" {
          maximum = value
        } else if key == "minItems" {
          minItems = value
        } else if key == "maxItems" {
          maxItems = value
        }
      case UInt8(ascii: "n"):
        if key == "not" {
          notSchema = value
        }
      case UInt8(ascii: "o"):
        if key == "oneOf" {
          oneOf = value
        }
      case UInt8(ascii: "p"):
        if key == "pattern" {
          pattern = value
        } else if key == "properties" {
          properties = value
        } else if key == "patternProperties" {
          patternProperties = value
        }
      case UInt8(ascii: "r"):
        if key == "required" {
          required = value
        }
      case UInt8(ascii: "t"):
        if key == "type" {
          type = value
        } else if key == "then" {
          thenSchema = value
        }
      case UInt8(ascii: "u"):
        if key == "uniqueItems" {
          uniqueItems = value
        }
      default:
        continue
      }
    }
  }
}
