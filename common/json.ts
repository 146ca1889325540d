// JSON types shared by the apps. Two different things, two names:
// - JsonValue / JsonObject: JSON through and through (what an API stores or answers, checked to be so);
// - UnknownObject: an object just parsed from JSON or YAML, whose values are still to be looked at.

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type UnknownObject = Record<string, unknown>;
