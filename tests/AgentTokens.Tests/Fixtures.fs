/// Shared test data: the seed page's example and helpers to read JSON with the core's context.
module AgentTokens.Tests.Fixtures

open System
open System.IO
open System.Text.Json
open AgentTokens

/// The example response of the "List Agent API Tokens" page this project started from.
let seedExample = """
{
  "limit": 10,
  "offset": 0,
  "tokens": [
    {
      "createdAt": "2022-11-22T04:37:12Z",
      "description": "my token description",
      "id": "clm8q7f6q000008lcgyougpsk",
      "kind": "STANDARD",
      "name": "My token",
      "shortToken": "short-token",
      "startAt": "2022-11-22T04:37:12Z",
      "type": "WORKSPACE",
      "updatedAt": "2022-11-22T04:37:12Z",
      "createdBy": {
        "id": "clm8qv74h000008mlf08scq7k",
        "apiTokenName": "my-token",
        "avatarUrl": "https://avatar.url",
        "fullName": "Jane Doe",
        "subjectType": "USER",
        "username": "user1@company.com"
      },
      "endAt": "2022-11-22T04:37:12Z",
      "expiryPeriodInDays": 30,
      "lastUsedAt": "2022-11-22T04:37:12Z",
      "roles": [
        {
          "entityId": "clm8sgvai000008l794psbkdv",
          "entityType": "WORKSPACE",
          "role": "WORKSPACE_MEMBER",
          "deploymentId": "clm8t5u4q000008jq4qoc3031"
        }
      ],
      "token": "token",
      "updatedBy": {
        "id": "clm8qv74h000008mlf08scq7k",
        "apiTokenName": "my-token",
        "avatarUrl": "https://avatar.url",
        "fullName": "Jane Doe",
        "subjectType": "USER",
        "username": "user1@company.com"
      }
    }
  ],
  "totalCount": 100
}"""

/// A token with only the required fields, as JSON; `typeField` is "type" or "scope".
let minimalToken (typeField: string) =
    sprintf """{"id":"t1","name":"n","description":"","kind":"STANDARD","%s":"DEPLOYMENT","shortToken":"s","createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z","startAt":"2025-01-01T00:00:00Z"}""" typeField

let readPage (json: string) = JsonSerializer.Deserialize(json, AgentTokensJsonContext.Default.AgentTokenPage)
let readToken (json: string) = JsonSerializer.Deserialize(json, AgentTokensJsonContext.Default.AgentToken)
let writeToken (token: AgentToken) = JsonSerializer.Serialize(token, AgentTokensJsonContext.Default.AgentToken)

/// The repository's copy of the OpenAPI contract (copied beside the test binary).
let specPath = Path.Combine(AppContext.BaseDirectory, "spec", "agent-tokens.openapi.yaml")

let utc (text: string) = DateTimeOffset.Parse(text, Globalization.CultureInfo.InvariantCulture)

/// A copy of a C# record with one init-only property changed (F# has no `with` for C# records).
let copyWith (name: string) (value: obj) (record: 'T) : 'T =
    let clone = typeof<'T>.GetMethod("<Clone>$").Invoke(record, [||]) :?> 'T
    typeof<'T>.GetProperty(name).SetValue(clone, value)
    clone
