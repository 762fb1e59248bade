using System;
using System.Collections.Generic;
using System.Linq;
using LeadRecycle.Schema;

namespace LeadRecycle.Solution
{
    /// <summary>
    /// LeadRecycle's model-driven app: the views and forms of the recycled lead, the stalled-deal view on opportunity,
    /// and the "LeadRecycle" app with its site map.
    /// </summary>
    public static class LeadRecycleApp
    {
        public const string AppUniqueName = "lr_LeadRecycle";

        public const string MyRecycledLeadsView = "My Recycled Leads";
        public const string NurturingByStreamView = "Nurturing by Stream";
        public const string ReturnedThisQuarterView = "Returned This Quarter";
        public const string ActiveRecycledLeadsView = "Active Recycled Leads";
        public const string InactiveRecycledLeadsView = "Inactive Recycled Leads";
        public const string AdvancedFindView = "Recycled Lead Advanced Find View";
        public const string AssociatedView = "Recycled Lead Associated View";
        public const string QuickFindView = "Quick Find Active Recycled Leads";
        public const string LookupView = "Recycled Lead Lookup View";
        public const string StalledOpportunitiesView = "Stalled Opportunities by Stage";

        /// <summary>
        /// The 9.0 Fetch.xsd (and FetchXML) has no calendar-quarter operator; the fiscal period is the quarter when the
        /// organization's fiscal period template is quarterly (the default), so "this quarter" is this-fiscal-period.
        /// </summary>
        public const string ThisQuarterOperator = "this-fiscal-period";

        private static readonly string T = RecycledLead.EntityName;

        public const string EngagementsAssociatedView = "Engagement Associated View";

        /// <summary>The 1:N relationship from the recycled lead to its engagements (named by the packer's relationship naming).</summary>
        public const string EngagementRelationship = "lr_recycledlead_engagement_recycledleadid";

        public static IReadOnlyList<ViewDeclaration> Views { get; } = RecycledLeadViews()
            .Concat(StandardViews(Engagement.EntityName, "Engagement", "Engagements", Engagement.Name, hasState: true,
                new[] { Engagement.Type, Engagement.Points, Engagement.OccurredOn, Engagement.RecycledLead, Engagement.Source }, Engagement.OccurredOn))
            .Concat(StandardViews(StageStatistic.EntityName, "Stage Statistic", "Stage Statistics", StageStatistic.Name, hasState: false,
                new[] { StageStatistic.StageKey, StageStatistic.Count, StageStatistic.MeanDays, StageStatistic.UpdatedOn }, StageStatistic.UpdatedOn))
            .Concat(StandardViews(StageDuration.EntityName, "Stage Duration", "Stage Durations", StageDuration.Name, hasState: false,
                new[] { StageDuration.Days, StageDuration.Opportunity, StageDuration.ExitedOn, StageDuration.Folded }, StageDuration.ExitedOn))
            .ToArray();

        /// <summary>
        /// The system views every table of a real export carries: the default public view (active records when the table has
        /// a state), advanced find, associated (sub-grids), quick find on the primary name, and lookup. Newest first by
        /// <paramref name="newestFirst"/> in the lists people read.
        /// </summary>
        private static IEnumerable<ViewDeclaration> StandardViews(string table, string displayName, string collectionName, string primaryName, bool hasState,
            IReadOnlyList<string> columns, string newestFirst)
        {
            var grid = new[] { new ViewColumn(primaryName, 200) }.Concat(columns.Select(c => new ViewColumn(c, 125))).ToArray();
            var active = hasState ? new[] { new ViewCondition(CommonColumns.StateCode, "eq", "0") } : Array.Empty<ViewCondition>();
            var byName = new[] { new ViewOrder(primaryName) };
            var newest = new[] { new ViewOrder(newestFirst, Descending: true) };
            yield return new ViewDeclaration(table, (hasState ? "Active " : string.Empty) + collectionName, ViewDeclaration.PublicView, grid)
            {
                IsDefault = true,
                Conditions = active,
                Orders = newest,
            };
            yield return new ViewDeclaration(table, displayName + " Advanced Find View", ViewDeclaration.AdvancedFindView, grid) { Orders = byName };
            yield return new ViewDeclaration(table, displayName + " Associated View", ViewDeclaration.AssociatedView, grid) { Conditions = active, Orders = newest };
            yield return new ViewDeclaration(table, "Quick Find " + (hasState ? "Active " : string.Empty) + collectionName, ViewDeclaration.QuickFindView, grid)
            {
                Conditions = active,
                Orders = byName,
                FindColumns = new[] { primaryName },
            };
            yield return new ViewDeclaration(table, displayName + " Lookup View", ViewDeclaration.LookupView, new[] { new ViewColumn(primaryName, 300) })
            {
                Conditions = active,
                Orders = byName,
            };
        }

        private static IEnumerable<ViewDeclaration> RecycledLeadViews() => new[]
        {
            new ViewDeclaration(T, ActiveRecycledLeadsView, ViewDeclaration.PublicView, GridColumns(RecycledLead.NurtureStream, RecycledLead.RecycledOn))
            {
                IsDefault = true,
                Description = "Recycled leads in nurture.",
                Conditions = new[] { new ViewCondition(CommonColumns.StateCode, "eq", "0") },
                Orders = new[] { new ViewOrder(RecycledLead.RecycledOn, Descending: true) },
            },
            new ViewDeclaration(T, MyRecycledLeadsView, ViewDeclaration.PublicView, GridColumns(CommonColumns.StatusCode, RecycledLead.RecycledOn))
            {
                Description = "The recycled leads of the deals and leads I handed to marketing.",
                Conditions = new[] { new ViewCondition(RecycledLead.OriginalOwner, "eq-userid") },
                Orders = new[] { new ViewOrder(RecycledLead.RecycledOn, Descending: true) },
            },
            new ViewDeclaration(T, NurturingByStreamView, ViewDeclaration.PublicView, GridColumns(RecycledLead.NurtureStream, RecycledLead.EngagementScore, RecycledLead.EngagementThreshold))
            {
                Description = "Recycled leads in nurture, by nurture stream.",
                Conditions = new[] { new ViewCondition(CommonColumns.StatusCode, "eq", RecycledLead.Status.Nurturing.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                Orders = new[] { new ViewOrder(RecycledLead.NurtureStream), new ViewOrder(RecycledLead.Topic) },
            },
            new ViewDeclaration(T, ReturnedThisQuarterView, ViewDeclaration.PublicView, GridColumns(RecycledLead.ReturnedOn, RecycledLead.ReturnedTo, RecycledLead.ReturnedLead))
            {
                Description = "Recycled leads returned to sales this quarter (fiscal period).",
                Conditions = new[]
                {
                    new ViewCondition(CommonColumns.StatusCode, "eq", RecycledLead.Status.ReturnedToSales.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    new ViewCondition(RecycledLead.ReturnedOn, ThisQuarterOperator),
                },
                Orders = new[] { new ViewOrder(RecycledLead.ReturnedOn, Descending: true) },
            },
            new ViewDeclaration(T, InactiveRecycledLeadsView, ViewDeclaration.PublicView, GridColumns(CommonColumns.StatusCode, RecycledLead.ReturnedOn))
            {
                Description = "Recycled leads that left nurture: returned to sales, removed, cancelled or expired.",
                Conditions = new[] { new ViewCondition(CommonColumns.StateCode, "eq", "1") },
                Orders = new[] { new ViewOrder(RecycledLead.Topic) },
            },
            // The table's system views a new table always has (real exports of a custom table carry each of them).
            new ViewDeclaration(T, AdvancedFindView, ViewDeclaration.AdvancedFindView, GridColumns(CommonColumns.StatusCode))
            {
                Orders = new[] { new ViewOrder(RecycledLead.Topic) },
            },
            new ViewDeclaration(T, AssociatedView, ViewDeclaration.AssociatedView, GridColumns(CommonColumns.StatusCode, RecycledLead.RecycledOn))
            {
                Conditions = new[] { new ViewCondition(CommonColumns.StateCode, "eq", "0") },
                Orders = new[] { new ViewOrder(RecycledLead.Topic) },
            },
            new ViewDeclaration(T, QuickFindView, ViewDeclaration.QuickFindView, GridColumns(RecycledLead.Contact, RecycledLead.Account, CommonColumns.StatusCode))
            {
                Conditions = new[] { new ViewCondition(CommonColumns.StateCode, "eq", "0") },
                Orders = new[] { new ViewOrder(RecycledLead.Topic) },
                FindColumns = new[] { RecycledLead.Topic },
            },
            new ViewDeclaration(T, LookupView, ViewDeclaration.LookupView, new[] { new ViewColumn(RecycledLead.Topic, 300), new ViewColumn(CommonColumns.StatusCode, 150) })
            {
                Conditions = new[] { new ViewCondition(CommonColumns.StateCode, "eq", "0") },
                Orders = new[] { new ViewOrder(RecycledLead.Topic) },
            },
            new ViewDeclaration(Opportunity.EntityName, StalledOpportunitiesView, ViewDeclaration.PublicView, new[]
            {
                new ViewColumn(Opportunity.Name, 250),
                new ViewColumn(Opportunity.Customer, 150),
                new ViewColumn(Opportunity.StageKey, 150),
                new ViewColumn(Opportunity.StalledOn, 125),
                new ViewColumn(Opportunity.ServiceLevelDue, 125),
                new ViewColumn(Opportunity.EstimatedValue, 110),
                new ViewColumn(CommonColumns.OwnerId, 125),
            })
            {
                Description = "Open deals the stall scan marked stalled, grouped by stage.",
                Conditions = new[] { new ViewCondition(Opportunity.AgingStatus, "eq", ((int)AgingStatus.Stalled).ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                Orders = new[] { new ViewOrder(Opportunity.StageKey), new ViewOrder(Opportunity.StalledOn) },
            },
        };

        public static IReadOnlyList<FormDeclaration> Forms { get; } = new[]
        {
            new FormDeclaration(T, "main", "Recycled Lead", new[]
            {
                new FormSection("prospect", "Prospect", new[] { RecycledLead.Topic, RecycledLead.Contact, RecycledLead.Account, RecycledLead.OriginalOwner, RecycledLead.Opportunity, RecycledLead.OriginatingLead }),
                new FormSection("nurture", "Nurture", new[] { RecycledLead.Reason, RecycledLead.RecycleType, RecycledLead.NurtureStream, CommonColumns.StatusCode, RecycledLead.EffortType, RecycledLead.TargetStage, RecycledLead.Likelihood }),
                new FormSection("whatsaleslearned", "What sales learned", new[] { RecycledLead.Background, RecycledLead.DecisionCriteria, RecycledLead.Impediments, RecycledLead.WhoIsInvolved }),
                new FormSection("engagement", "Engagement", new[] { RecycledLead.EngagementScore, RecycledLead.EngagementThreshold, RecycledLead.ScoredOn, RecycledLead.ReturnedOn, RecycledLead.ReturnedTo, RecycledLead.ReturnedLead }),
                FormSection.Grid("engagements", "Engagements", new FormSubgrid(Engagement.EntityName, EngagementsAssociatedView, EngagementRelationship)),
            })
            {
                Description = "A prospect in nurture: who, why, what sales learned, and how engaged.",
            },
            new FormDeclaration(Engagement.EntityName, "main", "Engagement", new[]
            {
                new FormSection("engagement", "Engagement", new[] { Engagement.Name, Engagement.RecycledLead, Engagement.Type, Engagement.Likelihood, Engagement.Points, Engagement.OccurredOn, Engagement.Source }),
            })
            {
                Description = "Something a nurtured prospect did; its points count towards returning the lead to sales.",
            },
            new FormDeclaration(StageStatistic.EntityName, "main", "Stage Statistic", new[]
            {
                new FormSection("statistic", "Completed stays", new[] { StageStatistic.Name, StageStatistic.StageKey, StageStatistic.Count, StageStatistic.MeanDays, StageStatistic.UpdatedOn }),
            })
            {
                Description = "How long deals stay in one stage; the stall scan keeps it and measures stalls against it.",
            },
            new FormDeclaration(StageDuration.EntityName, "main", "Stage Duration", new[]
            {
                new FormSection("duration", "Stay", new[] { StageDuration.Name, StageDuration.StageKey, StageDuration.Days, StageDuration.Opportunity, StageDuration.ExitedOn, StageDuration.Folded }),
            })
            {
                Description = "One finished stay of a deal in a stage.",
            },
            new FormDeclaration(T, "quick", "Recycled Lead Quick View", new[]
            {
                new FormSection("summary", "Recycled lead", new[] { RecycledLead.Topic, RecycledLead.Reason, RecycledLead.NurtureStream, CommonColumns.StatusCode, RecycledLead.EngagementScore, RecycledLead.ReturnedOn }),
            }),
            new FormDeclaration(Lead.EntityName, "main", LeadForm, new[]
            {
                new FormSection("lead", "Lead", new[] { Lead.Subject, "firstname", "lastname", Lead.CompanyName, Lead.EmailAddress, Lead.ParentAccount, Lead.ParentContact, Lead.Description }),
                new FormSection("returntonurture", "Return to Nurture", new[]
                {
                    ChecklistColumns.Reason, ChecklistColumns.Background, ChecklistColumns.EffortType, ChecklistColumns.TargetStage,
                    ChecklistColumns.Likelihood, ChecklistColumns.DecisionCriteria, ChecklistColumns.Impediments, ChecklistColumns.WhoIsInvolved,
                }),
                new FormSection("recycling", "Recycling", new[] { Lead.RecycleCount, Lead.RecycledLead, Lead.LastActivityOn }),
            })
            {
                Description = "A lead with the Return to Nurture reason and checklist LeadRecycle requires before the lead is disqualified.",
            },
            new FormDeclaration(OpportunityClose.EntityName, "quickCreate", CloseDialogForm, new[]
            {
                new FormSection("close", "Close", new[] { OpportunityClose.OpportunityStatusCode, OpportunityClose.ActualEnd, "actualrevenue", "competitorid", OpportunityClose.Description }),
                new FormSection("returntonurture", "Return to Nurture", new[]
                {
                    ChecklistColumns.Reason, ChecklistColumns.Background, ChecklistColumns.EffortType, ChecklistColumns.TargetStage,
                    ChecklistColumns.Likelihood, ChecklistColumns.DecisionCriteria, ChecklistColumns.Impediments, ChecklistColumns.WhoIsInvolved,
                }),
            })
            {
                Description = "The close dialog of an opportunity (the opportunity close quick create form) with the Return to Nurture checklist.",
            },
        };

        public const string ByReasonChart = "Recycled leads by reason";
        public const string ByStatusChart = "Recycled leads by status";
        public const string ReturnRateChart = "Return rate by stream";
        public const string StalledByStageChart = "Stalled deals by stage";

        public static IReadOnlyList<ChartDeclaration> Charts { get; } = new[]
        {
            new ChartDeclaration(T, ByReasonChart, RecycledLead.Reason) { Description = "Recycled leads counted by why sales recycled them." },
            new ChartDeclaration(T, ByStatusChart, CommonColumns.StatusCode) { Description = "Recycled leads counted by status." },
            new ChartDeclaration(T, ReturnRateChart, RecycledLead.NurtureStream)
            {
                Series = CommonColumns.StatusCode,
                Description = "Recycled leads per nurture stream, stacked by status: the returned share is the stream's return rate.",
            },
            new ChartDeclaration(Opportunity.EntityName, StalledByStageChart, Opportunity.StageKey)
            {
                Description = "Deals the stall scan marked stalled, counted by stage.",
                Conditions = new[] { new ViewCondition(Opportunity.AgingStatus, "eq", ((int)AgingStatus.Stalled).ToString(System.Globalization.CultureInfo.InvariantCulture)) },
            },
        };

        public const string OverviewDashboard = "LeadRecycle overview";

        /// <summary>The four charts (each over the view whose records it counts) and the two working lists.</summary>
        public static DashboardDeclaration Overview { get; } = new DashboardDeclaration(OverviewDashboard, new[]
        {
            DashboardTile.ChartOf(T, ByReasonChart, ActiveRecycledLeadsView),
            DashboardTile.ChartOf(T, ByStatusChart, AdvancedFindView),
            DashboardTile.ChartOf(T, ReturnRateChart, AdvancedFindView),
            DashboardTile.ChartOf(Opportunity.EntityName, StalledByStageChart, StalledOpportunitiesView),
            DashboardTile.ListOf(T, NurturingByStreamView),
            DashboardTile.ListOf(Opportunity.EntityName, StalledOpportunitiesView),
        })
        {
            Description = "Why deals are recycled, where recycled leads stand, which streams return them to sales, and the stalled deals by stage.",
        };

        public const string CloseDialogForm = "LeadRecycle Close Opportunity";

        public const string LeadForm = "LeadRecycle Lead";

        public const string ReturnToNurtureScript = "lr_/scripts/ReturnToNurture.js";
        public const string ReturnToNurtureDialog = "lr_/pages/ReturnToNurture.html";
        public const string ReturnToNurtureIcon = "lr_/images/ReturnToNurture.svg";

        /// <summary>
        /// The web resources: the Return to Nurture command's script, its dialog page (which loads the script by its
        /// relative path, ../scripts/ReturnToNurture.js) and the command's icon, with their content from
        /// Solution/WebResources/&lt;name&gt;.
        /// </summary>
        public static IReadOnlyList<WebResourceDeclaration> WebResources { get; } = new[]
        {
            WebResource(ReturnToNurtureScript, "LeadRecycle: Return to Nurture command", WebResourceDeclaration.JScript,
                "The opportunity form's Return to Nurture command and its dialog's behaviour; calls lr_ReturnToNurture."),
            WebResource(ReturnToNurtureDialog, "LeadRecycle: Return to Nurture dialog", WebResourceDeclaration.Html,
                "The dialog where a rep picks the reason and answers the Return to Nurture checklist."),
            WebResource(ReturnToNurtureIcon, "LeadRecycle: Return to Nurture icon", WebResourceDeclaration.Svg, "The command bar icon of Return to Nurture."),
        };

        private static WebResourceDeclaration WebResource(string name, string displayName, int type, string description) =>
            new WebResourceDeclaration(name, displayName, type, LeadRecycleSolution.ReadWebResource(name)) { Description = description };

        /// <summary>"Return to Nurture" on the open opportunity's form: the dialog, then lr_ReturnToNurture.</summary>
        public static FormCommandDeclaration ReturnToNurtureCommand { get; } = new FormCommandDeclaration(
            Opportunity.EntityName,
            "lr.opportunity.ReturnToNurture",
            "Return to Nurture",
            "Close this deal as lost and hand it to marketing as a Recycled Lead, with the reason and what sales learned.",
            ReturnToNurtureScript,
            "LeadRecycle.ReturnToNurture.open",
            "LeadRecycle.ReturnToNurture.isEnabled")
        {
            // Its place among the Save group's commands; the platform's own commands keep theirs.
            Sequence = 45,
            ModernImage = ReturnToNurtureIcon,
        };

        public static AppModuleDeclaration App { get; } = new AppModuleDeclaration(AppUniqueName, "LeadRecycle",
            "Return to Nurture: recycled leads, their engagements and the stage statistics behind the stall scan.", new[]
            {
                new SiteMapArea("lr_recycling", "Recycling", new[]
                {
                    new SiteMapGroup("lr_nurture", "Nurture", new[]
                    {
                        new SiteMapSubArea("lr_recycledleads", "Recycled Leads", RecycledLead.EntityName),
                        new SiteMapSubArea("lr_engagements", "Engagements", Engagement.EntityName),
                        new SiteMapSubArea("lr_stagestatistics", "Stage Statistics", StageStatistic.EntityName),
                    }),
                    new SiteMapGroup("lr_overview", "Overview", new[]
                    {
                        SiteMapSubArea.DashboardOf("lr_dashboard", "Dashboard", OverviewDashboard),
                    }),
                    new SiteMapGroup("lr_sales", "Sales", new[]
                    {
                        new SiteMapSubArea("lr_opportunities", "Opportunities", Opportunity.EntityName),
                        new SiteMapSubArea("lr_leads", "Leads", Lead.EntityName),
                    }),
                }),
            })
        {
            // Every persona that opens the app; the Automation role is an application user's and opens no app.
            Roles = new[] { LeadRecycleSolution.SalesRoleName, LeadRecycleSolution.SalesManagerRoleName, LeadRecycleSolution.MarketingRoleName, LeadRecycleSolution.AdministratorRoleName },
            Dashboards = new[] { OverviewDashboard },
        };

        private static ViewColumn[] GridColumns(params string[] more)
        {
            var columns = new List<ViewColumn> { new ViewColumn(RecycledLead.Topic, 250), new ViewColumn(RecycledLead.Reason, 150) };
            foreach (var column in more)
            {
                columns.Add(new ViewColumn(column, 125));
            }

            columns.Add(new ViewColumn(RecycledLead.OriginalOwner, 150));
            return columns.ToArray();
        }
    }
}
