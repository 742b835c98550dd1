/**
 * What Kustomer's own schema of the search body allows in number: the most items of each criteria array and the
 * most sort keys.
 *
 * Source: the OpenAPI schema of `POST /v1/customers/search` (request body, `additionalProperties: false`):
 * `and`/`or`/`not` are `object | object[]` with `maxItems: 20` and `uniqueItems`, `sort` is `object | object[]`
 * with `maxItems: 5` and `uniqueItems` (kustomer-api-live.md §1c, from LarisLab/kustomer-client `openapi.json`).
 * Whether the server enforces the schema (a 400) is not shown in any source (kustomer-search-api.md §7: the search
 * error bodies are not documented); the compiler keeps to it, so that a body it emits is one the schema allows.
 */

/** The most items the body's `and`, `or` and `not` arrays may hold each (OpenAPI `maxItems: 20`, api-live §1c). */
export const maxGroupItems = 20;

/** The most keys the body's `sort` array may hold (OpenAPI `maxItems: 5`, api-live §1c). */
export const maxSortKeys = 5;
