namespace LeadRecycle.Schema
{
    /// <summary>The Return-to-Nurture checklist: the same columns on opportunityclose (the close dialog) and on lead.</summary>
    public static class ChecklistColumns
    {
        public const string Reason = "lr_reason";
        public const string Background = "lr_background";
        public const string EffortType = "lr_efforttype";
        public const string TargetStage = "lr_targetstage";
        public const string Likelihood = "lr_likelihood";
        public const string DecisionCriteria = "lr_decisioncriteria";
        public const string Impediments = "lr_impediments";
        public const string WhoIsInvolved = "lr_whoisinvolved";
    }

    public static class Opportunity
    {
        public const string EntityName = "opportunity";
        public const string Id = "opportunityid";
        public const string Name = "name";
        public const string Customer = "customerid";
        public const string ParentAccount = "parentaccountid";
        public const string ParentContact = "parentcontactid";
        public const string OriginatingLead = "originatingleadid";
        public const string EstimatedValue = "estimatedvalue";
        public const string SalesStage = "salesstage";
        public const string StepName = "stepname";
        public const string Description = "description";

        /// <summary>When the deal entered its current stage (stamped by LeadRecycle).</summary>
        public const string StageEnteredOn = "lr_stageenteredon";

        /// <summary>How many times this deal or its lead has already been recycled.</summary>
        public const string RecycleCount = "lr_recyclecount";

        /// <summary>Which stage the deal is in, as a stable key ("salesstage:2" or "stage:GUID").</summary>
        public const string StageKey = "lr_stagekey";

        /// <summary>On track, warning or stalled (set by the stall scan).</summary>
        public const string AgingStatus = "lr_agingstatus";

        public const string StalledOn = "lr_stalledon";

        /// <summary>By when the owner must move the deal or snooze it before it is returned to nurture.</summary>
        public const string ServiceLevelDue = "lr_servicelevelduedate";

        /// <summary>Until when the owner asked the scan to leave the deal alone.</summary>
        public const string SnoozeUntil = "lr_snoozeuntil";

        /// <summary>
        /// When the nightly scan asked for this lapsed deal's return to nurture. The return itself runs as a
        /// background job per deal (its own transaction), so one deal that cannot be closed never stops the scan.
        /// </summary>
        public const string NurtureRequestedOn = "lr_nurturerequestedon";

        public static class State
        {
            public const int Open = 0;
            public const int Won = 1;
            public const int Lost = 2;
        }

        public static class Status
        {
            public const int InProgress = 1;
            public const int OnHold = 2;
            public const int Won = 3;
            public const int Canceled = 4;
            public const int OutSold = 5;
        }
    }

    public static class OpportunityClose
    {
        public const string EntityName = "opportunityclose";
        public const string Id = "activityid";
        public const string Opportunity = "opportunityid";
        public const string Subject = "subject";
        public const string ActualEnd = "actualend";
        public const string Description = "description";

        /// <summary>The revenue the close records; Win copies it to the opportunity's actual value.</summary>
        public const string ActualRevenue = "actualrevenue";

        /// <summary>The status the close gives the opportunity (3 Won; 4, 5 or a custom value for a loss).</summary>
        public const string OpportunityStatusCode = "opportunitystatuscode";
    }

    /// <summary>Shared-variable keys LeadRecycle's own callers set for the plug-ins they trigger.</summary>
    public static class SharedFlags
    {
        /// <summary>Set by the stall scan: its Lose may carry the system reason "Stalled in stage".</summary>
        public const string SystemReasonAllowed = "LeadRecycle.SystemReasonAllowed";

        /// <summary>
        /// Set by every LeadRecycle plug-in on its own context before it acts: an operation with this flag on an
        /// enclosing context (ParentContext) was started by LeadRecycle, not by a person or another product.
        /// </summary>
        public const string LeadRecycleActing = "LeadRecycle.Acting";

        /// <summary>Set while a recycled lead is returned by reopening its opportunity: the reopen is not a cancellation.</summary>
        public const string ReturningToRep = "LeadRecycle.ReturningToRep";
    }

    public static class Lead
    {
        public const string EntityName = "lead";
        public const string Id = "leadid";
        public const string Subject = "subject";
        public const string FullName = "fullname";
        public const string CompanyName = "companyname";
        public const string ParentAccount = "parentaccountid";
        public const string ParentContact = "parentcontactid";
        public const string RecycleCount = "lr_recyclecount";
        public const string Description = "description";
        public const string EmailAddress = "emailaddress1";

        /// <summary>When the lead last had an activity (stamped by LeadRecycle); passive recycling measures from it.</summary>
        public const string LastActivityOn = "lr_lastactivityon";

        /// <summary>When the nightly scan asked for this inactive lead's return to nurture (a background job does it).</summary>
        public const string NurtureRequestedOn = "lr_nurturerequestedon";

        /// <summary>The recycled lead this lead returned from.</summary>
        public const string RecycledLead = "lr_recycledleadid";

        /// <summary>Recycled lead + recycle number: unique, so a prospect returns to sales once per recycle.</summary>
        public const string ReturnKey = "lr_returnkey";
        public const string ReturnKeyName = "lr_returnkey_key";

        public static class State
        {
            public const int Open = 0;
            public const int Qualified = 1;
            public const int Disqualified = 2;
        }

        public static class Status
        {
            public const int New = 1;
            public const int Contacted = 2;
            public const int Qualified = 3;
            public const int Lost = 4;
            public const int CannotContact = 5;
            public const int NoLongerInterested = 6;
            public const int Canceled = 7;
        }
    }

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

    /// <summary>
    /// The out-of-the-box "Opportunity Sales Process" business process flow: one instance row per opportunity,
    /// whose active stage changes by Update (docs/research/dataverse-behaviour.md B.4).
    /// </summary>
    public static class OpportunitySalesProcess
    {
        public const string EntityName = "opportunitysalesprocess";
        public const string Id = "businessprocessflowinstanceid";
        public const string Opportunity = "opportunityid";
        public const string ActiveStage = "activestageid";
        public const string ActiveStageStartedTime = "activestagestartedtime";
    }

    /// <summary>lr_stageduration: one finished stay of a deal in a stage, recorded when the stage is left (append-only).</summary>
    public static class StageDuration
    {
        public const string EntityName = "lr_stageduration";
        public const string Id = "lr_stagedurationid";
        public const string Name = "lr_name";
        public const string StageKey = "lr_stagekey";
        public const string Days = "lr_days";
        public const string Opportunity = "lr_opportunityid";
        public const string ExitedOn = "lr_exitedon";

        /// <summary>Set by the scan once the duration is in the stage's statistics.</summary>
        public const string Folded = "lr_folded";
    }

    /// <summary>lr_stagestatistic: a stage's running statistics, written only by the scan.</summary>
    public static class StageStatistic
    {
        public const string EntityName = "lr_stagestatistic";
        public const string Id = "lr_stagestatisticid";
        public const string Name = "lr_name";
        public const string StageKey = "lr_stagekey";
        public const string StageKeyName = "lr_stagekey_key";
        public const string Count = "lr_count";
        public const string MeanDays = "lr_meandays";
        public const string M2 = "lr_m2";
        public const string UpdatedOn = "lr_updatedon";
    }

    /// <summary>lr_engagement: one thing the prospect did while nurtured (written by journeys, flows or people).</summary>
    public static class Engagement
    {
        public const string EntityName = "lr_engagement";
        public const string Id = "lr_engagementid";
        public const string Name = "lr_name";
        public const string RecycledLead = "lr_recycledleadid";
        public const string Type = "lr_type";

        /// <summary>Points for this event; when empty the policy's points for its type apply.</summary>
        public const string Points = "lr_points";
        public const string OccurredOn = "lr_occurredon";
        public const string Source = "lr_source";

        /// <summary>The 1-4 answer, for a likelihood answer.</summary>
        public const string Likelihood = "lr_likelihood";
    }

    /// <summary>The environment variable that holds the whole LeadRecycle policy as JSON.</summary>
    public static class PolicyVariable
    {
        public const string SchemaName = "lr_RecyclePolicy";
    }

    public static class EnvironmentVariableDefinition
    {
        public const string EntityName = "environmentvariabledefinition";
        public const string Id = "environmentvariabledefinitionid";
        public const string SchemaName = "schemaname";
        public const string DefaultValue = "defaultvalue";
    }

    public static class EnvironmentVariableValue
    {
        public const string EntityName = "environmentvariablevalue";
        public const string Definition = "environmentvariabledefinitionid";
        public const string Value = "value";
    }

    public static class SystemUser
    {
        public const string EntityName = "systemuser";
        public const string Id = "systemuserid";
        public const string IsDisabled = "isdisabled";
        public const string FullName = "fullname";
        public const string Manager = "parentsystemuserid";
    }

    public static class Team
    {
        public const string EntityName = "team";
    }

    public static class Queue
    {
        public const string EntityName = "queue";
        public const string Id = "queueid";
    }

    public static class QueueItem
    {
        public const string EntityName = "queueitem";
        public const string Queue = "queueid";
        public const string Object = "objectid";
        public const string Title = "title";
    }

    /// <summary>Activity tables whose creation counts as activity on a lead.</summary>
    public static class ActivityTables
    {
        public const string Task = "task";
        public const string PhoneCall = "phonecall";
        public const string Email = "email";
        public const string Appointment = "appointment";
        public const string Regarding = "regardingobjectid";
    }

    public static class TaskActivity
    {
        public const string EntityName = "task";
        public const string Subject = "subject";
        public const string Description = "description";
        public const string Regarding = "regardingobjectid";
        public const string ScheduledEnd = "scheduledend";
    }
}
