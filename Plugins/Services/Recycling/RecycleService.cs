using System;
using System.Globalization;
using LeadRecycle.Schema;
using LeadRecycle.Services;
using LeadRecycle.Services.Configuration;
using LeadRecycle.Services.Ownership;
using Microsoft.Crm.Sdk.Messages;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace LeadRecycle.Services.Recycling
{
    /// <summary>Creates the Recycled Lead that hands a deal or lead to marketing, inside the closing transaction.</summary>
    public static class RecycleService
    {
        /// <summary>
        /// Creates the recycled lead and shares it with the rep; returns its id. The recycle number comes from the
        /// source's own earlier recycled leads, whatever their status, so a record can go out and come back any number
        /// of times (up to the cap) in any order without two recycles claiming one key; a recycled lead of the same
        /// source still nurturing is cancelled, so a source has at most one live recycled lead.
        /// One query, one create, at most one share, plus one update per live lead cancelled (normally none) and the
        /// owner rule's reads when the source's owner is not the user acting now.
        /// </summary>
        public static Guid Recycle(
            IOrganizationService service,
            RecycleSource source,
            Checklist checklist,
            ReasonPolicy reasonPolicy,
            RecyclePolicy policy,
            RecycleType recycleType,
            DateTime utcNow,
            Guid? actingUserId = null)
        {
            source.PreviousRecycles = Math.Max(source.PreviousRecycles, SourceRecycledLeads.CancelLiveAndCount(service, source.Record));
            var owner = policy.MarketingOwner
                ?? ActingOwnerRule.Resolve(service, source.Owner, policy.Engagement.FallbackOwner, actingUserId)?.Owner;
            var recycledLead = Build(source, checklist, reasonPolicy, policy, recycleType, utcNow, owner);
            var id = service.Create(recycledLead);

            var rep = source.Owner;
            if (rep != null && (owner == null || owner.Id != rep.Id) && (rep.LogicalName == SystemUser.EntityName || rep.LogicalName == Team.EntityName))
            {
                // Continuity of ownership ("Removing Obstacles to Recycled Lead Nurturing"): the rep (or the owner team) keeps sight of the prospect while
                // marketing nurtures. Read only: what the prospect does is marketing's record (a rep who hears from the
                // prospect reopens the deal, which cancels the recycled lead), so a rep cannot log the engagement that
                // would hand the lead straight back to them.
                service.Execute(new GrantAccessRequest
                {
                    Target = new EntityReference(RecycledLead.EntityName, id),
                    PrincipalAccess = new PrincipalAccess { Principal = rep, AccessMask = AccessRights.ReadAccess },
                });
            }

            return id;
        }

        /// <summary>Passive when the stall scan closed the record with the system reason, active when a person did.</summary>
        public static RecycleType TypeFor(ReasonPolicy reasonPolicy) =>
            reasonPolicy.Reason == DisqualificationReason.StalledInStage ? RecycleType.Passive : RecycleType.Active;

        public static Entity Build(
            RecycleSource source,
            Checklist checklist,
            ReasonPolicy reasonPolicy,
            RecyclePolicy policy,
            RecycleType recycleType,
            DateTime utcNow,
            EntityReference? owner = null)
        {
            var recycledLead = new Entity(RecycledLead.EntityName)
            {
                [RecycledLead.Topic] = Text.Truncate(source.Topic, 200),
                [RecycledLead.SourceKey] = source.SourceKey,
                [RecycledLead.Reason] = new OptionSetValue((int)reasonPolicy.Reason),
                [RecycledLead.RecycleType] = new OptionSetValue((int)recycleType),
                [RecycledLead.RecycledOn] = utcNow,
                [RecycledLead.RecycleCount] = source.PreviousRecycles + 1,
            };

            if (source.Record.LogicalName == Opportunity.EntityName)
            {
                recycledLead[RecycledLead.Opportunity] = source.Record;
            }

            if (source.Record.LogicalName == Lead.EntityName)
            {
                recycledLead[RecycledLead.OriginatingLead] = source.Record;
            }
            else if (source.OriginatingLead != null)
            {
                recycledLead[RecycledLead.OriginatingLead] = source.OriginatingLead;
            }

            Columns.SetIfPresent(recycledLead, RecycledLead.Contact, source.Contact);
            Columns.SetIfPresent(recycledLead, RecycledLead.Account, source.Account);
            Columns.SetIfPresent(recycledLead, RecycledLead.EstimatedValue, source.EstimatedValue);
            if (source.Owner != null && source.Owner.LogicalName == SystemUser.EntityName)
            {
                recycledLead[RecycledLead.OriginalOwner] = source.Owner;
            }
            else if (source.Owner != null && source.Owner.LogicalName == Team.EntityName)
            {
                recycledLead[RecycledLead.OriginalTeam] = source.Owner;
            }

            if (!string.IsNullOrEmpty(source.StageName))
            {
                recycledLead[RecycledLead.StageAtRecycle] = Text.Truncate(source.StageName!, 100);
            }

            if (source.StageEnteredOn != null && source.StageEnteredOn.Value <= utcNow)
            {
                recycledLead[RecycledLead.DaysInStage] = (int)Math.Floor((utcNow - source.StageEnteredOn.Value).TotalDays);
            }

            checklist.CopyTo(recycledLead);

            owner ??= policy.MarketingOwner ?? source.Owner;
            if (owner != null)
            {
                recycledLead[CommonColumns.OwnerId] = owner;
            }

            var cap = policy.Engagement.MaxRecycles;
            if (!reasonPolicy.RemovesFromWaterfall && source.PreviousRecycles + 1 > cap)
            {
                // Hygiene: a prospect that keeps coming back without buying stops consuming nurture.
                recycledLead[RecycledLead.RemovalNote] = string.Format(
                    CultureInfo.InvariantCulture,
                    "Recycled {0} times, more than the {1} the policy allows (engagement.maxRecycles): removed from the waterfall.",
                    source.PreviousRecycles + 1, cap);
                recycledLead[CommonColumns.StateCode] = new OptionSetValue(RecycledLead.State.Inactive);
                recycledLead[CommonColumns.StatusCode] = new OptionSetValue(RecycledLead.Status.RemovedFromWaterfall);
            }
            else if (reasonPolicy.RemovesFromWaterfall)
            {
                recycledLead[CommonColumns.StateCode] = new OptionSetValue(RecycledLead.State.Inactive);
                recycledLead[CommonColumns.StatusCode] = new OptionSetValue(RecycledLead.Status.RemovedFromWaterfall);
            }
            else
            {
                recycledLead[RecycledLead.NurtureStream] = new OptionSetValue((int)reasonPolicy.Stream!.Value);
                recycledLead[RecycledLead.EngagementScore] = 0m;
                recycledLead[RecycledLead.ScoredOn] = utcNow;
                recycledLead[RecycledLead.EngagementThreshold] = policy.Engagement.ThresholdFor(reasonPolicy.Stream);
                recycledLead[CommonColumns.StateCode] = new OptionSetValue(RecycledLead.State.Active);
                recycledLead[CommonColumns.StatusCode] = new OptionSetValue(RecycledLead.Status.Nurturing);
            }

            return recycledLead;
        }
    }
}
