/**
 * The SCIM schemas Gatehouse serves (RFC 7643 §4 and §8.7): the core User and Group and the enterprise
 * User extension, reduced to the attributes Gatehouse stores. The same definitions drive filtering,
 * PATCH paths, attribute projection and the `/Schemas` endpoint, so they cannot disagree.
 */

export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

export type AttributeType = "string" | "boolean" | "complex" | "reference" | "dateTime" | "integer";
export type Mutability = "readOnly" | "readWrite" | "immutable" | "writeOnly";
export type Returned = "always" | "never" | "default" | "request";

export type AttributeDefinition = {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: "none" | "server" | "global";
  subAttributes?: readonly AttributeDefinition[];
  referenceTypes?: readonly string[];
  canonicalValues?: readonly string[];
};

export type SchemaDefinition = {
  id: string;
  name: string;
  description: string;
  attributes: readonly AttributeDefinition[];
};

function attr(
  name: string,
  type: AttributeType,
  description: string,
  extra: Partial<AttributeDefinition> = {},
): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: "readWrite",
    returned: "default",
    uniqueness: "none",
    ...extra,
  };
}

const multiValuedSubs = (valueDescription: string, types: readonly string[]): AttributeDefinition[] => [
  attr("value", "string", valueDescription),
  attr("display", "string", "A human-readable name, primarily used for display purposes."),
  attr("type", "string", "A label indicating the attribute's function.", { canonicalValues: types }),
  attr("primary", "boolean", "Whether this is the primary value."),
];

export const USER_SCHEMA_DEFINITION: SchemaDefinition = {
  id: USER_SCHEMA,
  name: "User",
  description: "A member of the organization.",
  attributes: [
    attr("userName", "string", "Unique identifier for the user: their sign-in email.", {
      required: true,
      uniqueness: "server",
    }),
    attr("name", "complex", "The components of the user's name.", {
      subAttributes: [
        attr("formatted", "string", "The full name."),
        attr("familyName", "string", "The family name."),
        attr("givenName", "string", "The given name."),
        attr("middleName", "string", "The middle name."),
        attr("honorificPrefix", "string", "The honorific prefix."),
        attr("honorificSuffix", "string", "The honorific suffix."),
      ],
    }),
    attr("displayName", "string", "The name of the user, suitable for display."),
    attr("nickName", "string", "The casual way to address the user."),
    attr("title", "string", "The user's title, such as Vice President."),
    attr("userType", "string", "The relationship between the organization and the user."),
    attr("preferredLanguage", "string", "The user's preferred written or spoken language."),
    attr("locale", "string", "The user's default location."),
    attr("timezone", "string", "The user's time zone."),
    attr("active", "boolean", "Whether the user may use the organization: false suspends access."),
    attr("emails", "complex", "Email addresses for the user.", {
      multiValued: true,
      subAttributes: multiValuedSubs("The email address.", ["work", "home", "other"]),
    }),
    attr("phoneNumbers", "complex", "Phone numbers for the user.", {
      multiValued: true,
      subAttributes: multiValuedSubs("The phone number.", [
        "work",
        "home",
        "mobile",
        "fax",
        "pager",
        "other",
      ]),
    }),
    attr("groups", "complex", "The groups the user belongs to (read-only: change them through Groups).", {
      multiValued: true,
      mutability: "readOnly",
      subAttributes: [
        attr("value", "string", "The id of the group.", { mutability: "readOnly" }),
        attr("$ref", "reference", "The URI of the group.", {
          mutability: "readOnly",
          referenceTypes: ["Group"],
        }),
        attr("display", "string", "The group's display name.", { mutability: "readOnly" }),
        attr("type", "string", "direct or indirect.", { mutability: "readOnly" }),
      ],
    }),
  ],
};

export const ENTERPRISE_USER_SCHEMA_DEFINITION: SchemaDefinition = {
  id: ENTERPRISE_USER_SCHEMA,
  name: "EnterpriseUser",
  description: "Enterprise user: department, manager and employee number.",
  attributes: [
    attr("employeeNumber", "string", "A string identifier, typically numeric or alphanumeric."),
    attr("costCenter", "string", "The cost center."),
    attr("organization", "string", "The organization."),
    attr("division", "string", "The division."),
    attr("department", "string", "The department: Gatehouse places the member in it."),
    attr("manager", "complex", "The user's manager.", {
      subAttributes: [
        attr("value", "string", "The id of the manager's SCIM User."),
        attr("$ref", "reference", "The URI of the manager's SCIM User.", { referenceTypes: ["User"] }),
        attr("displayName", "string", "The manager's display name.", { mutability: "readOnly" }),
      ],
    }),
  ],
};

export const GROUP_SCHEMA_DEFINITION: SchemaDefinition = {
  id: GROUP_SCHEMA,
  name: "Group",
  description: "A directory group: mapped to teams and roles by the organization's group mapping.",
  attributes: [
    attr("displayName", "string", "The group's name.", { required: true }),
    attr("members", "complex", "The members of the group.", {
      multiValued: true,
      subAttributes: [
        attr("value", "string", "The id of the member's SCIM User.", { mutability: "immutable" }),
        attr("$ref", "reference", "The URI of the member.", {
          mutability: "immutable",
          referenceTypes: ["User"],
        }),
        attr("display", "string", "The member's display name.", { mutability: "readOnly" }),
        attr("type", "string", "User (groups of groups are not supported).", { mutability: "immutable" }),
      ],
    }),
  ],
};

/** Attributes every resource has (RFC 7643 §3.1), not part of any schema's attribute list. */
export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = [
  attr("id", "string", "Gatehouse's identifier for the resource.", {
    caseExact: true,
    mutability: "readOnly",
    returned: "always",
    uniqueness: "server",
  }),
  attr("externalId", "string", "The identity provider's identifier for the resource.", { caseExact: true }),
  attr("meta", "complex", "Resource metadata.", {
    mutability: "readOnly",
    subAttributes: [
      attr("resourceType", "string", "User or Group.", { mutability: "readOnly" }),
      attr("created", "dateTime", "When the resource was created.", { mutability: "readOnly" }),
      attr("lastModified", "dateTime", "When the resource last changed.", { mutability: "readOnly" }),
      attr("location", "reference", "The resource's URI.", { mutability: "readOnly" }),
      attr("version", "string", "The resource's version.", { mutability: "readOnly" }),
    ],
  }),
];

export type ResourceSchemas = {
  core: SchemaDefinition;
  extensions: readonly SchemaDefinition[];
};

export const USER_RESOURCE: ResourceSchemas = {
  core: USER_SCHEMA_DEFINITION,
  extensions: [ENTERPRISE_USER_SCHEMA_DEFINITION],
};
export const GROUP_RESOURCE: ResourceSchemas = { core: GROUP_SCHEMA_DEFINITION, extensions: [] };

/** A resolved attribute path: which schema, which attribute, which sub-attribute. */
export type ResolvedPath = {
  /** The schema URN for extension attributes; undefined for core and common attributes. */
  extension: string | undefined;
  attribute: AttributeDefinition;
  subAttribute: AttributeDefinition | undefined;
};

function findIn(
  list: readonly AttributeDefinition[] | undefined,
  name: string,
): AttributeDefinition | undefined {
  const lower = name.toLowerCase();
  return list?.find((a) => a.name.toLowerCase() === lower);
}

/**
 * Resolves `urn?:attr(.sub)?` against a resource type, case-insensitively (RFC 7643 §2.1). Returns
 * undefined for an attribute Gatehouse does not know.
 */
export function resolvePath(
  resource: ResourceSchemas,
  path: { schema?: string | undefined; attribute: string; subAttribute?: string | undefined },
): ResolvedPath | undefined {
  let extension: string | undefined;
  let attributes: readonly AttributeDefinition[];
  const schema = path.schema?.toLowerCase();
  if (schema === undefined || schema === resource.core.id.toLowerCase()) {
    attributes = [...COMMON_ATTRIBUTES, ...resource.core.attributes];
  } else {
    const ext = resource.extensions.find((e) => e.id.toLowerCase() === schema);
    if (!ext) return undefined;
    extension = ext.id;
    attributes = ext.attributes;
  }
  const attribute = findIn(attributes, path.attribute);
  if (!attribute) return undefined;
  if (path.subAttribute === undefined) return { extension, attribute, subAttribute: undefined };
  const subAttribute = findIn(attribute.subAttributes, path.subAttribute);
  if (!subAttribute) return undefined;
  return { extension, attribute, subAttribute };
}

/** Splits `urn:…:User:manager.value` or `name.givenName` into schema, attribute and sub-attribute. */
export function splitAttributePath(
  text: string,
  resource: ResourceSchemas,
): { schema: string | undefined; attribute: string; subAttribute: string | undefined } {
  let schema: string | undefined;
  let rest = text;
  const lower = text.toLowerCase();
  for (const candidate of [resource.core.id, ...resource.extensions.map((e) => e.id)]) {
    const prefix = `${candidate.toLowerCase()}:`;
    if (lower.startsWith(prefix)) {
      schema = candidate;
      rest = text.slice(prefix.length);
      break;
    }
  }
  if (schema === undefined && lower.startsWith("urn:")) {
    // An unknown schema URN: keep it whole so resolution fails with a clear message.
    const at = text.lastIndexOf(":");
    schema = text.slice(0, at);
    rest = text.slice(at + 1);
  }
  const dot = rest.indexOf(".");
  if (dot === -1) return { schema, attribute: rest, subAttribute: undefined };
  return { schema, attribute: rest.slice(0, dot), subAttribute: rest.slice(dot + 1) };
}
