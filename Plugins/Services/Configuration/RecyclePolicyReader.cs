namespace LeadRecycle.Services.Configuration
{
    /// <summary>
    /// Reads the policy JSON of the environment variable over the compiled defaults, by the declarations of
    /// PolicySettings. Strict: an unknown key, a wrong type or an unknown name is refused with a message that names
    /// the key and what is allowed.
    /// <code>
    /// {
    ///   "marketingOwner": { "team": "GUID" },                  // or { "user": "GUID" }
    ///   "reasons": {
    ///     "NoBudget": { "stream": "ValueAndRoi", "requires": ["background", "effortType"] },
    ///     "NotAPotentialBuyer": { "removeFromWaterfall": true }
    ///   },
    ///   "stall": { "multiplier": 3, "warningMultiplier": 2, "minimumSamples": 10, "fallbackDays": 30,
    ///              "serviceLevelDays": 14, "stageSource": "SalesStage" },
    ///   "engagement": { "points": { "EmailReply": 20 }, "halfLifeDays": 30, "threshold": 50,
    ///                   "thresholds": { "BudgetCycle": 60 }, "routeOnLikelihood": [3, 4],
    ///                   "fallbackOwner": { "team": "GUID" }, "returnAction": "NewLead", "maxRecycles": 3 }
    /// }
    /// </code>
    /// </summary>
    public static class RecyclePolicyReader
    {
        public static RecyclePolicy Read(string? json)
        {
            if (string.IsNullOrWhiteSpace(json))
            {
                return RecyclePolicy.Default;
            }

            JsonNode root;
            try
            {
                root = JsonDocumentReader.Parse(json!);
            }
            catch (JsonFormatException exception)
            {
                throw new PolicyException($"it is not valid JSON: {exception.Message}.");
            }

            PolicyValues.RequireKind(root, JsonKind.Object, "an object");
            var draft = PolicyDraft.WithDefaults();
            PolicySettings.Root.Read(root, draft);
            return draft.ToPolicy();
        }
    }
}
