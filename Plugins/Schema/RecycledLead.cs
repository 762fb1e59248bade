namespace LeadRecycle.Schema
{
    /// <summary>lr_recycledlead: a deal or lead handed back to marketing, with what sales knew.</summary>
    public static class RecycledLead
    {
        public const string EntityName = "lr_recycledlead";
        public const string Id = "lr_recycledleadid";
        public const string Topic = "lr_name";
        public const string SourceKey = "lr_sourcekey";
        public const string SourceKeyName = "lr_sourcekey_key";
        public const string Opportunity = "lr_opportunityid";
        public const string OriginatingLead = "lr_originatingleadid";
        public const string Contact = "lr_contactid";
        public const string Account = "lr_accountid";
        public const string OriginalOwner = "lr_originalownerid";

        /// <summary>The owner team of a team-owned deal or lead: it returns to that team on re-engagement.</summary>
        public const string OriginalTeam = "lr_originalteamid";
        public const string Reason = "lr_reason";
        public const string RecycleType = "lr_recycletype";
        public const string NurtureStream = "lr_nurturestream";
        public const string EffortType = "lr_efforttype";
        public const string TargetStage = "lr_targetstage";
        public const string Background = "lr_background";
        public const string Likelihood = "lr_likelihood";
        public const string DecisionCriteria = "lr_decisioncriteria";
        public const string Impediments = "lr_impediments";
        public const string WhoIsInvolved = "lr_whoisinvolved";
        public const string StageAtRecycle = "lr_stageatrecycle";
        public const string DaysInStage = "lr_daysinstage";
        public const string EstimatedValue = "lr_estimatedvalue";
        public const string EngagementScore = "lr_engagementscore";
        public const string EngagementThreshold = "lr_engagementthreshold";
        public const string RecycledOn = "lr_recycledon";
        public const string ReturnedOn = "lr_returnedon";
        public const string ReturnedTo = "lr_returnedto";
        public const string RecycleCount = "lr_recyclecount";

        /// <summary>When the engagement score was last decayed to (the score is exact as of then).</summary>
        public const string ScoredOn = "lr_scoredon";

        /// <summary>The lead created for the rep when the prospect re-engaged.</summary>
        public const string ReturnedLead = "lr_returnedleadid";

        /// <summary>Why the record left the waterfall without being nurtured (for example the recycle cap).</summary>
        public const string RemovalNote = "lr_removalnote";

        /// <summary>
        /// Why a re-engaged prospect could not go back to sales (nobody to take it): set instead of refusing the
        /// journey's engagement; cleared when the return succeeds.
        /// </summary>
        public const string ReturnBlocked = "lr_returnblocked";

        /// <summary>Closed-loop attribution: how the opportunity the returned prospect became (or the reopened deal) closed.</summary>
        public const string ReturnOutcome = "lr_returnoutcome";

        /// <summary>When that opportunity closed.</summary>
        public const string ReturnOutcomeOn = "lr_returnoutcomeon";

        /// <summary>The revenue it brought: the won opportunity's actual value (zero when lost).</summary>
        public const string ReturnRevenue = "lr_returnrevenue";

        /// <summary>The opportunity the outcome belongs to: the returned lead's qualified opportunity, or the reopened deal.</summary>
        public const string ReturnOpportunity = "lr_returnopportunityid";

        public static class State
        {
            public const int Active = 0;
            public const int Inactive = 1;
        }

        public static class Status
        {
            public const int Nurturing = 1;
            public const int ReturnedToSales = 2;
            public const int RemovedFromWaterfall = 100000000;
            public const int Cancelled = 100000001;
            public const int Expired = 100000002;
        }
    }
}
